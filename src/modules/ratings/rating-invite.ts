/**
 * GS-13: the automatic invitation to rate a finished service (a delivered case, a done home visit),
 * inside the transaction that finished it: an SMS `rating_invite` with a signed link through the
 * outbox when the applicant has a phone, an in-app notification when they have an account. Exactly
 * once per subject: the `rating_invites` primary key settles retries, a later close and parallel
 * deliveries (the loser inserts nothing and sends nothing).
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, RatingSubjectType } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { notify } from '../notifications/notification.service.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { applicantPhone } from './rating-links.ts';
import { findSubject } from './rating-subjects.ts';
import { newLinkToken, ratingLinkUrl, tokenHash } from './rating-tokens.ts';
import { isRateable, LINK_DAYS } from './ratings.rules.ts';

export type InviteOutcome = 'invited' | 'already_invited' | 'not_rateable';

export async function inviteToRate(
  trx: Transaction<Database>,
  input: {
    subjectType: RatingSubjectType;
    subjectId: string;
    pii: PiiCipher;
    publicUrl: string;
    now: Date;
  },
): Promise<InviteOutcome> {
  const subject = await findSubject(trx, input.subjectType, input.subjectId);
  if (!subject || !subject.completedAt || !isRateable(subject)) return 'not_rateable';
  const nowIso = input.now.toISOString();
  const phone = await applicantPhone(trx, subject);
  const accounts = subject.applicantResidentId
    ? await trx
        .selectFrom('accounts')
        .select('id')
        .where('resident_id', '=', subject.applicantResidentId)
        .where('status', '=', 'active')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const linkId = phone ? crypto.randomUUID() : null;
  const claimed = await trx
    .insertInto('rating_invites')
    .values({
      subject_type: subject.type,
      subject_id: subject.id,
      link_id: linkId,
      sms_sent: phone ? 1 : 0,
      notified_account_id: accounts[0]?.id ?? null,
      created_at: nowIso,
    })
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id']).doNothing())
    .returning('subject_id')
    .executeTakeFirst();
  if (!claimed) return 'already_invited';
  if (phone && linkId) {
    const token = newLinkToken();
    const url = ratingLinkUrl(input.publicUrl, token);
    await trx
      .insertInto('rating_links')
      .values({
        id: linkId,
        token_hash: tokenHash(token),
        subject_type: subject.type,
        subject_id: subject.id,
        channel: 'sms',
        region_code: subject.regionCode,
        expires_at: new Date(input.now.getTime() + LINK_DAYS * 86_400_000).toISOString(),
        used_at: null,
        created_by: null,
        created_at: nowIso,
      })
      .execute();
    await enqueueSms(trx, input.pii, {
      to: input.pii.decrypt(phone.cipher),
      template: 'rating_invite',
      params: { number: subject.number, url },
      now: input.now,
      demo: phone.demo,
    });
  }
  for (const a of accounts)
    await notify(trx, {
      accountId: a.id,
      kind: 'rating_invite',
      params: { number: subject.number },
      entityType: subject.type,
      entityId: subject.id,
      now: input.now,
    });
  return 'invited';
}
