/**
 * GS-13: the rating link printed as a QR code on a case's receipt (扫码评价). The receipt is printed
 * at filing, long before the case is finished, and may be reprinted: the link lives QR_LINK_DAYS,
 * its token is kept encrypted (besides its hash) so a reprint shows the same link while it is
 * unused and alive; a spent or expired one is replaced. The link page answers "not yet rateable"
 * until the case is delivered. URLs come from ratingLinkUrl, the one source of rating links.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { newLinkToken, ratingLinkUrl, tokenHash } from './rating-tokens.ts';
import { QR_LINK_DAYS } from './ratings.rules.ts';

export async function receiptRatingLink(
  db: Kysely<Database>,
  input: {
    caseId: string;
    pii: PiiCipher;
    publicUrl: string;
    now: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const nowIso = input.now.toISOString();
  const live = await db
    .selectFrom('rating_links')
    .select('token_cipher')
    .where('subject_type', '=', 'case')
    .where('subject_id', '=', input.caseId)
    .where('channel', '=', 'qr')
    .where('token_cipher', 'is not', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  if (live?.token_cipher)
    return ratingLinkUrl(input.publicUrl, input.pii.decrypt(live.token_cipher));
  const kase = await db
    .selectFrom('cases')
    .select('accepting_region_code')
    .where('id', '=', input.caseId)
    .executeTakeFirst();
  if (!kase) throw new AppError('NOT_FOUND');
  const token = newLinkToken();
  await db
    .insertInto('rating_links')
    .values({
      id: crypto.randomUUID(),
      token_hash: tokenHash(token),
      token_cipher: input.pii.encrypt(token),
      subject_type: 'case',
      subject_id: input.caseId,
      channel: 'qr',
      region_code: kase.accepting_region_code,
      expires_at: new Date(input.now.getTime() + QR_LINK_DAYS * 86_400_000).toISOString(),
      used_at: null,
      created_by: input.createdBy,
      created_at: nowIso,
    })
    .execute();
  return ratingLinkUrl(input.publicUrl, token);
}
