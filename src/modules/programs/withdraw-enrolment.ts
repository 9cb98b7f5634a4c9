/**
 * CP-2: a guardian (or the organiser in scope) withdraws an enrolment. A seat it held goes, in the
 * same transaction, to the head of the waitlist as an offer — it never shows as free meanwhile.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { enrolmentRefusal, SEAT_HOLDING } from './enrolment.workflow.ts';
import { reachableEnrolment } from './programs.access.ts';
import type { EnrolmentView } from './programs.schema.ts';
import { presentEnrolment } from './program-view.ts';
import { lockClass, passSeatOn, withReason } from './seat-passing.ts';

export async function withdrawEnrolment(
  db: Kysely<Database>,
  input: { id: string; reason?: string; actor: Actor; requestId: string; now: Date },
): Promise<EnrolmentView> {
  const { actor, now } = input;
  const { row, party } = await reachableEnrolment(db, actor, input.id);
  const refusal = enrolmentRefusal('withdraw', row.status, party);
  if (refusal) throw new AppError(refusal);
  const at = now.toISOString();
  const audit = auditActor(actor);
  await db.transaction().execute(async (trx) => {
    const klass = await lockClass(trx, row.class_id);
    const r = await trx
      .updateTable('enrolments')
      .set({
        status: 'withdrawn',
        offer_expires_at: null,
        reasons: withReason(row.reasons, {
          at,
          action: 'withdraw',
          ...(input.reason ? { reason: input.reason } : {}),
        }),
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CP_ENROLMENT_STATE');
    await recordAudit(trx, {
      actor: audit,
      action: 'enrolment.withdrawn',
      entityType: 'enrolment',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: row.status },
      after: { status: 'withdrawn', by: party },
      requestId: input.requestId,
      now,
    });
    if (SEAT_HOLDING.includes(row.status))
      await passSeatOn(trx, {
        klass,
        wasOffer: row.status === 'offered',
        actor: audit,
        requestId: input.requestId,
        now,
      });
  });
  return presentEnrolment(db, row.id, party);
}
