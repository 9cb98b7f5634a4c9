/**
 * GS-10 issue #14: the resident (or the relative asking on the resident's account) cancels their own
 * home visit before it starts, with a reason. The transition table decides (the applicant's `cancel`:
 * requested or scheduled); a conditional update on the status, so a phone marking the visit "set
 * off" at the same moment and the cancel cannot both win. The visit leaves its route, the reason is
 * kept as the visit's outcome note (not in the audit chain), and the visiting unit's staff are told.
 */
import type { z } from 'zod';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { HOME_VISIT_RULES, visitRefusal } from './home-visit.workflow.ts';
import type { CancelMyVisit, MyVisitView } from './home-visits.schema.ts';
import { myVisits } from './my-visits.ts';
import { noticeVisitCancelled } from './visit-notices.ts';
import type { VisitDeps } from './visit-view.ts';

export async function cancelMyVisit(
  deps: VisitDeps,
  input: {
    id: string;
    body: z.infer<typeof CancelMyVisit>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<z.infer<typeof MyVisitView>> {
  const { db } = deps;
  const { actor, now } = input;
  if (!actor.residentId) throw new AppError('RESIDENT_NOT_LINKED');
  // Someone else's visit is not there at all (404), never "forbidden".
  const visit = await db
    .selectFrom('home_visits')
    .selectAll()
    .where('id', '=', input.id)
    .where('resident_id', '=', actor.residentId)
    .executeTakeFirst();
  if (!visit) throw new AppError('VISIT_NOT_FOUND');
  if (visitRefusal('cancel', visit.status, 'applicant')) throw new AppError('VISIT_STATE');
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('home_visits')
      .set((eb) => ({
        status: 'cancelled',
        outcome_note: input.body.reason,
        route_id: null,
        stop_order: null,
        updated_at: nowIso,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', visit.id)
      .where('status', 'in', [...HOME_VISIT_RULES.cancel.applicantFrom])
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VISIT_STATE');
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: 'home_visit.transitioned',
      entityType: 'home_visit',
      entityId: visit.id,
      regionCode: visit.village_code,
      before: { status: visit.status, routeId: visit.route_id },
      after: { status: 'cancelled', action: 'cancel', by: 'applicant', routeId: null },
      requestId: input.requestId,
      now,
    });
    await noticeVisitCancelled(trx, { visit, reason: input.body.reason, now });
  });
  const [mine] = (await myVisits(deps, { actor })).filter((v) => v.id === visit.id);
  return mine!;
}
