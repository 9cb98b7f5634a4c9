/**
 * GS-13: signed links (SMS / QR). A short random token, stored hashed with an expiry, names one
 * subject and allows one rating without login: the link's use and the rating are one transaction,
 * and the link is spent by a conditional update (used_at IS NULL AND expires_at > now).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RatingSubjectType } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { LEVEL_LABELS, LINK_DAYS, nextRatingKind } from './ratings.rules.ts';
import { RATING_HANDLERS } from './ratings.access.ts';
import { rateableSubject, type RatingSubject } from './rating-subjects.ts';
import { newLinkToken, ratingLinkUrl, tokenHash } from './rating-tokens.ts';
import { submitRating, type RatingInput } from './submit-rating.ts';

/**
 * The port for other modules (home visits): open a rating for a finished subject of theirs — a
 * link (and, for 'sms', the message to the applicant) inside the caller's transaction.
 */
export async function openRatingFor(
  db: Kysely<Database>,
  input: {
    subjectType: RatingSubjectType;
    subjectId: string;
    channel: 'sms' | 'qr';
    actor: Actor;
    pii: PiiCipher;
    publicUrl: string;
    now: Date;
    requestId?: string;
  },
): Promise<{ id: string; url: string; expiresAt: string; smsTo: string | null }> {
  const subject = await rateableSubject(db, input.subjectType, input.subjectId);
  const grant = authorize(input.actor, RATING_HANDLERS, subject.regionCode);
  const token = newLinkToken();
  const id = crypto.randomUUID();
  const expiresAt = new Date(input.now.getTime() + LINK_DAYS * 86_400_000).toISOString();
  const url = ratingLinkUrl(input.publicUrl, token);
  let smsTo: string | null = null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rating_links')
      .values({
        id,
        token_hash: tokenHash(token),
        subject_type: subject.type,
        subject_id: subject.id,
        channel: input.channel,
        region_code: subject.regionCode,
        expires_at: expiresAt,
        used_at: null,
        created_by: input.actor.accountId,
        created_at: input.now.toISOString(),
      })
      .execute();
    if (input.channel === 'sms') {
      const phone = await applicantPhone(trx, subject);
      if (!phone) throw new AppError('RATING_NO_PHONE');
      smsTo = phone.masked;
      await enqueueSms(trx, input.pii, {
        to: input.pii.decrypt(phone.cipher),
        template: 'rating_invite',
        params: { number: subject.number, url },
        now: input.now,
        demo: phone.demo,
      });
    }
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'rating.link_created',
      entityType: 'rating_link',
      entityId: id,
      regionCode: subject.regionCode,
      after: { subject: `${subject.type}:${subject.number}`, channel: input.channel, expiresAt },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return { id, url, expiresAt, smsTo };
}

export async function applicantPhone(db: Kysely<Database>, subject: RatingSubject) {
  if (!subject.applicantResidentId) return null;
  const r = await db
    .selectFrom('residents')
    .select(['phone_cipher', 'phone_masked', 'is_demo'])
    .where('id', '=', subject.applicantResidentId)
    .executeTakeFirst();
  // A demo resident's phone is never texted for real (issue #14): the message is suppressed.
  return r?.phone_cipher
    ? { cipher: r.phone_cipher, masked: r.phone_masked ?? '', demo: r.is_demo === 1 }
    : null;
}

async function liveLink(db: Kysely<Database>, token: string, now: Date) {
  const link = await db
    .selectFrom('rating_links')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!link || link.expires_at <= now.toISOString()) throw new AppError('RATING_LINK_INVALID');
  if (link.used_at) throw new AppError('RATING_LINK_USED');
  return link;
}

/** What the landing page shows: the service (no personal data), and which kind is next. */
export async function viewLink(db: Kysely<Database>, input: { token: string; now: Date }) {
  const link = await liveLink(db, input.token, input.now);
  const subject = await rateableSubject(db, link.subject_type, link.subject_id);
  const given = await db
    .selectFrom('ratings')
    .select('kind')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .execute();
  const item = subject.itemCode
    ? await db
        .selectFrom('catalog_items')
        .select(['name_zh', 'name_en'])
        .where('code', '=', subject.itemCode)
        .executeTakeFirst()
    : undefined;
  const next = nextRatingKind(given.map((g) => g.kind));
  return {
    subjectType: subject.type,
    number: subject.number,
    itemName: item ? { zh: item.name_zh, en: item.name_en } : null,
    completedAt: subject.completedAt,
    next: next === 'first' || next === 'follow_up' ? next : null,
    expiresAt: link.expires_at,
    levels: ([5, 4, 3, 2, 1] as const).map((l) => ({ level: l, ...LEVEL_LABELS[l] })),
  };
}

/** Rate through a link: spends the link and records the rating in one transaction. */
export async function rateByLink(
  db: Kysely<Database>,
  input: { token: string; rating: RatingInput; now: Date; requestId?: string },
) {
  const link = await liveLink(db, input.token, input.now);
  const subject = await rateableSubject(db, link.subject_type, link.subject_id);
  return db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('rating_links')
      .set({ used_at: input.now.toISOString() })
      .where('id', '=', link.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', input.now.toISOString())
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw new AppError('RATING_LINK_USED');
    return submitRating(trx, {
      subject,
      rating: input.rating,
      channel: link.channel,
      rater: { residentId: subject.applicantResidentId, accountId: null },
      auditAccountId: null,
      now: input.now,
      requestId: input.requestId,
    });
  });
}
