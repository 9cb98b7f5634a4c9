/** GS-13: a resident rates their own finished service on the phone pages (logged in by SMS). */
import type { Kysely } from 'kysely';
import type { Database, RatingSubjectType } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import { findSubject, rateableSubject } from './rating-subjects.ts';
import { submitRating, type RatingInput } from './submit-rating.ts';

export async function rateMine(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    subjectType: RatingSubjectType;
    subjectId: string;
    rating: RatingInput;
    now: Date;
    requestId?: string;
  },
) {
  const own = await findSubject(db, input.subjectType, input.subjectId);
  // Someone else's service is simply not there for this caller.
  if (!own || !input.actor.residentId || own.applicantResidentId !== input.actor.residentId)
    throw new AppError('NOT_FOUND');
  const subject = await rateableSubject(db, input.subjectType, input.subjectId);
  return db.transaction().execute((trx) =>
    submitRating(trx, {
      subject,
      rating: input.rating,
      channel: 'phone_page',
      rater: { residentId: input.actor.residentId, accountId: input.actor.accountId },
      auditAccountId: input.actor.accountId,
      now: input.now,
      requestId: input.requestId,
    }),
  );
}
