/**
 * GS-10 home visits as data: which action moves a visit from which status to which. Pure. Services
 * refuse with the code this table gives; every visit view carries `availableActions` from the same
 * table, so the phone shows only what the server accepts.
 *
 *   requested ──schedule──▶ scheduled ──depart──▶ on_route ──complete──▶ done
 *       │                      │                      └──not_home──▶ not_home ──schedule──▶ scheduled
 *       └──────cancel──────────┴──cancel──▶ cancelled
 *
 * The applicant (the resident, or the relative asking on the resident's account) may only cancel,
 * and only before the visit starts: while it is requested or scheduled (issue #14).
 *
 * `complete` is where a 好差评 rating of the visit would open (see visit-actions.ts, afterVisitDone).
 */
import type { HomeVisitStatus } from '../../db/schema.ts';

export const HOME_VISIT_STATUSES = [
  'requested',
  'scheduled',
  'on_route',
  'done',
  'not_home',
  'cancelled',
] as const satisfies readonly HomeVisitStatus[];

/** Actions a visit view offers; `schedule` is taken through the day's route (schedule endpoint). */
export const HOME_VISIT_ACTIONS = [
  'schedule',
  'depart',
  'complete',
  'not_home',
  'cancel',
  'record',
] as const;
export type HomeVisitAction = (typeof HOME_VISIT_ACTIONS)[number];

interface VisitRule {
  from: readonly HomeVisitStatus[];
  /** null: the status does not change (a record is added to the visit). */
  to: HomeVisitStatus | null;
  /** The statuses from which the applicant (the resident's own account) may take it; none if absent. */
  applicantFrom?: readonly HomeVisitStatus[];
}

export const HOME_VISIT_RULES = {
  schedule: { from: ['requested', 'not_home'], to: 'scheduled' },
  depart: { from: ['scheduled'], to: 'on_route' },
  complete: { from: ['on_route'], to: 'done' },
  not_home: { from: ['on_route'], to: 'not_home' },
  cancel: {
    from: ['requested', 'scheduled', 'not_home'],
    to: 'cancelled',
    applicantFrom: ['requested', 'scheduled'],
  },
  record: { from: ['on_route', 'done'], to: null },
} as const satisfies Record<HomeVisitAction, VisitRule>;

/** The transitions taken through POST /home-visits/{id}/{action}. */
export const VISIT_TRANSITIONS = ['depart', 'complete', 'not_home', 'cancel'] as const;
export type VisitTransition = (typeof VISIT_TRANSITIONS)[number];

/**
 * Where the caller stands: staff of the visiting unit act on a visit; the applicant (the resident's
 * own account) may cancel it before it starts; observers only look.
 */
export type VisitParty = 'visiting_unit' | 'applicant' | 'observer';

export function visitRefusal(
  action: HomeVisitAction,
  status: HomeVisitStatus,
  party: VisitParty,
): 'FORBIDDEN' | 'VISIT_STATE' | null {
  const rule: VisitRule = HOME_VISIT_RULES[action];
  if (party === 'applicant') {
    if (!rule.applicantFrom) return 'FORBIDDEN';
    return rule.applicantFrom.includes(status) ? null : 'VISIT_STATE';
  }
  if (party !== 'visiting_unit') return 'FORBIDDEN';
  return rule.from.includes(status) ? null : 'VISIT_STATE';
}

export function availableVisitActions(
  status: HomeVisitStatus,
  party: VisitParty,
): HomeVisitAction[] {
  return HOME_VISIT_ACTIONS.filter((a) => visitRefusal(a, status, party) === null);
}

export function nextStatus(action: VisitTransition): HomeVisitStatus {
  return HOME_VISIT_RULES[action].to;
}
