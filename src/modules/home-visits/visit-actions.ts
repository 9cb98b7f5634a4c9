/**
 * GS-10 a visit's transitions on the phone: set off (depart), done (with the case filed on the
 * spot through the ordinary intake, channel home_visit), not at home, cancelled. Conditional
 * updates on the status: of two phones marking the same stop, exactly one wins.
 */
import { auditActor, type Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadVisit } from './home-visits.access.ts';
import type { HomeVisitView } from './home-visits.schema.ts';
import {
  HOME_VISIT_RULES,
  nextStatus,
  visitRefusal,
  type VisitTransition,
} from './home-visit.workflow.ts';
import { getVisit, type VisitDeps } from './visit-view.ts';
import { afterVisitDone } from './visit-done.port.ts';
import { noticeVisitDone } from './visit-notices.ts';
import { chinaDate } from '../../shared/china-time.ts';

export async function transitionVisit(
  deps: VisitDeps,
  input: {
    id: string;
    action: VisitTransition;
    caseId?: string | undefined;
    note?: string | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<HomeVisitView> {
  const { db } = deps;
  const { actor, action, now } = input;
  const { visit, party } = await loadVisit(db, actor, input.id);
  const refusal = visitRefusal(action, visit.status, party);
  if (refusal === 'FORBIDDEN') throw new AppError('VISIT_NOT_VISITING_UNIT');
  if (refusal) throw new AppError('VISIT_STATE');
  const grant = actor.grants.find((g) => g.stationId === visit.station_id)!;
  if (input.caseId) {
    if (action !== 'complete') throw new AppError('VISIT_CASE_MISMATCH');
    const kase = await db
      .selectFrom('cases')
      .select(['applicant_id', 'channel'])
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (kase?.applicant_id !== visit.resident_id || kase.channel !== 'home_visit')
      throw new AppError('VISIT_CASE_MISMATCH');
  }
  // Done without naming a case: the case filed on the spot (home_visit channel, this unit, this
  // resident, since the request) is linked, so the phone's workbench round trip needs no copying.
  const caseId =
    input.caseId ??
    (action === 'complete'
      ? (
          await db
            .selectFrom('cases')
            .select('id')
            .where('applicant_id', '=', visit.resident_id)
            .where('channel', '=', 'home_visit')
            .where('accepting_station_id', '=', visit.station_id)
            .where('created_at', '>=', visit.created_at)
            .orderBy('created_at', 'desc')
            .orderBy('id')
            .executeTakeFirst()
        )?.id
      : undefined);
  const nowIso = now.toISOString();
  const to = nextStatus(action);
  const visited = action === 'complete' || action === 'not_home';
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('home_visits')
      .set((eb) => ({
        status: to,
        case_id: caseId ?? eb.ref('case_id'),
        outcome_note: input.note ?? eb.ref('outcome_note'),
        ...(visited ? { visited_by: actor.accountId, visited_at: nowIso } : {}),
        updated_at: nowIso,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', visit.id)
      .where('status', 'in', [...HOME_VISIT_RULES[action].from])
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VISIT_STATE');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'home_visit.transitioned',
      entityType: 'home_visit',
      entityId: visit.id,
      regionCode: visit.village_code,
      before: { status: visit.status },
      after: { status: to, action, caseId: caseId ?? null },
      requestId: input.requestId,
      now,
    });
    if (action === 'complete') {
      await afterVisitDone(trx, {
        visit: { ...visit, case_id: caseId ?? visit.case_id },
        pii: deps.pii,
        now,
      });
      await noticeVisitDone(trx, deps.pii, { visit, day: chinaDate(now), now });
    }
  });
  return getVisit(deps, { id: visit.id, actor });
}
