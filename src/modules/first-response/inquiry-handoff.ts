/**
 * GS-12 → GS-4 (issue #14): intake refused a case with COMPETENCE_REQUIRED, and the clerk hands the
 * resident's matter to a competent colleague or post instead of turning the resident away. The
 * matter is recorded as an inquiry (the clerk its first responder, 首问负责) and handed on in ONE
 * transaction: either both exist or neither — a refused hand-off (receiver out of reach, the clerk
 * themself, an unknown post) writes no orphan inquiry. With an Idempotency-Key a retry replays the
 * stored answer (the route is idempotent).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { AppError } from '../../shared/problem.ts';
import { insertHandoff, planHandoff } from './handoff.service.ts';
import { getHandoff } from './handoff.view.ts';
import type { InquiryHandoff } from './inquiry.schema.ts';
import { insertInquiry, prepareInquiry } from './inquiry.service.ts';
import { getInquiry } from './inquiry.view.ts';
import type { Matter } from './matter.ts';

export async function recordInquiryAndHandOff(
  db: Kysely<Database>,
  input: { body: z.infer<typeof InquiryHandoff>; actor: Actor; requestId: string; now: Date },
) {
  const { body, actor, now } = input;
  const grant = await prepareInquiry(db, { body: body.inquiry, actor, now });
  const inquiryId = crypto.randomUUID();
  // The matter as it will be once recorded: open, at the caller's station, the caller its first
  // responder and only party — so the caller may hand it on and nothing is pending yet.
  const matter: Matter = {
    type: 'inquiry',
    id: inquiryId,
    regionCode: grant.regionCode,
    firstResponderId: actor.accountId,
    open: true,
    label: body.inquiry.question.slice(0, 30),
    kase: null,
    partyIds: [actor.accountId],
  };
  const plan = await planHandoff(db, { body: body.handoff, matter, actor, now });
  const handoffId = crypto.randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await insertInquiry(trx, {
        id: inquiryId,
        body: body.inquiry,
        grant,
        actor,
        requestId: input.requestId,
        now,
      });
      await insertHandoff(trx, {
        id: handoffId,
        matter,
        plan,
        reason: body.handoff.reason,
        actor,
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('HANDOFF_ALREADY_PENDING');
    throw err;
  }
  return {
    inquiry: await getInquiry(db, { id: inquiryId, actor }),
    handoff: await getHandoff(db, { id: handoffId, actor, now }),
  };
}
