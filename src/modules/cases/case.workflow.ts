/**
 * The case workflow (GS-7) as data: states, actions, who may take each action, and the guards it
 * needs. Pure; the service enforces it in one transaction per transition and the web uses
 * `availableActions` to show only the buttons that are allowed now.
 */
import type { CaseState as CaseStateColumn } from '../../db/schema.ts';
import type { Role } from '../../shared/roles.ts';

export const CASE_STATES = [
  'awaiting_supplement', // 待补正: the one-time notice lists what is missing
  'accepted', // 已受理: complete; the clock runs
  'in_progress', // 办理中: at the deciding unit
  'suspended', // 已中止: with a reason; the clock pauses
  'decided', // 已办结: approved or not approved, with the result
  'delivered', // 已送达: collected at a station or mailed
  'closed', // 已归档
  'refused', // 不予受理 (with reason)
  'withdrawn', // 已撤回 by the applicant
] as const satisfies readonly CaseStateColumn[];
export type CaseState = (typeof CASE_STATES)[number];
/** The other way round: every state the `cases.state` column allows is in the list above. */
const EVERY_COLUMN_STATE_LISTED: Exclude<CaseStateColumn, CaseState> extends never ? true : never =
  true;
void EVERY_COLUMN_STATE_LISTED;

export const CASE_ACTIONS = [
  'supplement', // materials supplied → accepted
  'refuse', // not accepted, with reason
  'route', // send to the deciding unit
  'request_supplement', // the deciding side returns it for a material (notice, or presented + reason)
  'forward', // the deciding unit passes it on (e.g. town centre → district department)
  'suspend',
  'resume',
  'decide', // approved / not approved, with the result
  'deliver',
  'close',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Where the actor stands relative to the case; the service works this out from grants and scope. */
export type CaseParty = 'accepting' | 'deciding';

export type Guard =
  | 'reason_required' // a written reason must be given
  | 'all_required_materials' // every required material is now present
  | 'notice_material' // the requested material is in the one-time notice / the item version
  | 'routed_item' // the item is decided above the station
  | 'result_required' // approved / not approved and the result text
  | 'case_at_deciding_unit'; // a routed item is decided only once it reached its unit (in_progress)

export interface Transition {
  from: readonly CaseState[];
  to: CaseState | 'previous';
  party: CaseParty;
  roles: readonly Role[];
  guards: readonly Guard[];
  /** Pauses or resumes the deadline clock (GS-8). */
  clock?: 'pause' | 'resume';
}

const STATION_STAFF = ['clerk', 'agent', 'town_officer'] as const satisfies readonly Role[];
const DECIDERS = ['clerk', 'town_officer', 'district_officer'] as const satisfies readonly Role[];

export const TRANSITIONS = {
  supplement: {
    from: ['awaiting_supplement'],
    to: 'accepted',
    party: 'accepting',
    roles: STATION_STAFF,
    guards: ['all_required_materials'],
    clock: 'resume',
  },
  refuse: {
    from: ['awaiting_supplement'],
    to: 'refused',
    party: 'accepting',
    roles: ['clerk', 'town_officer'],
    guards: ['reason_required'],
  },
  route: {
    from: ['accepted'],
    to: 'in_progress',
    party: 'accepting',
    roles: STATION_STAFF,
    guards: ['routed_item'],
  },
  // Wherever the case is decided: a station's own item is decided from `accepted`, a routed one
  // only once it reached its unit (`in_progress`) — the same rule as `decide`.
  request_supplement: {
    from: ['accepted', 'in_progress'],
    to: 'awaiting_supplement',
    party: 'deciding',
    roles: DECIDERS,
    guards: ['notice_material', 'reason_required', 'case_at_deciding_unit'],
    clock: 'pause',
  },
  forward: {
    from: ['in_progress'],
    to: 'in_progress',
    party: 'deciding',
    roles: ['town_officer', 'district_officer'],
    guards: ['reason_required'],
  },
  suspend: {
    from: ['accepted', 'in_progress'],
    to: 'suspended',
    party: 'deciding',
    roles: DECIDERS,
    guards: ['reason_required'],
    clock: 'pause',
  },
  resume: {
    from: ['suspended'],
    to: 'previous',
    party: 'deciding',
    roles: DECIDERS,
    guards: [],
    clock: 'resume',
  },
  decide: {
    from: ['accepted', 'in_progress'],
    to: 'decided',
    party: 'deciding',
    roles: DECIDERS,
    guards: ['result_required', 'case_at_deciding_unit'],
  },
  deliver: {
    from: ['decided'],
    to: 'delivered',
    party: 'accepting',
    roles: STATION_STAFF,
    guards: [],
  },
  close: {
    from: ['delivered'],
    to: 'closed',
    party: 'accepting',
    roles: ['clerk', 'town_officer'],
    guards: [],
  },
  withdraw: {
    from: ['awaiting_supplement', 'accepted', 'in_progress', 'suspended'],
    to: 'withdrawn',
    party: 'accepting',
    roles: STATION_STAFF,
    guards: ['reason_required'],
  },
} as const satisfies Record<CaseAction, Transition>;

export const TERMINAL_STATES: readonly CaseState[] = ['closed', 'refused', 'withdrawn'];

export interface ActorStanding {
  roles: readonly Role[];
  /** The parties the actor is, for this case (accepting station staff, deciding unit staff). */
  parties: readonly CaseParty[];
}

export type TransitionCheck =
  | { ok: true; to: CaseState | 'previous'; guards: readonly Guard[] }
  | { ok: false; reason: 'INVALID_TRANSITION' | 'FORBIDDEN' | 'NOT_PARTY' };

/** Whether `action` may be taken from `state` by this actor; guards are checked by the caller. */
export function checkTransition(
  state: CaseState,
  action: CaseAction,
  who: ActorStanding,
): TransitionCheck {
  const t: Transition = TRANSITIONS[action];
  if (!t.from.includes(state)) return { ok: false, reason: 'INVALID_TRANSITION' };
  if (!who.roles.some((r) => t.roles.includes(r))) return { ok: false, reason: 'FORBIDDEN' };
  if (!who.parties.includes(t.party)) return { ok: false, reason: 'NOT_PARTY' };
  return { ok: true, to: t.to, guards: t.guards };
}

/** The actions this actor may take now — the web shows exactly these. */
export function availableActions(state: CaseState, who: ActorStanding): CaseAction[] {
  return CASE_ACTIONS.filter((a) => checkTransition(state, a, who).ok);
}

/**
 * The `case_at_deciding_unit` guard: a station's own item is at its deciding unit from the start;
 * a routed item only once it reached its unit (`in_progress`).
 */
export function atDecidingUnit(
  decidedBy: 'station' | 'town_centre' | 'district_department',
  state: CaseState,
): boolean {
  return decidedBy === 'station' || state === 'in_progress';
}

/** The states an action may lead to (for documentation and the web's state diagram). */
export function targetState(action: CaseAction, previous: CaseState | null): CaseState {
  const t: Transition = TRANSITIONS[action];
  if (t.to !== 'previous') return t.to;
  if (!previous) throw new Error('resume needs the state before the suspension');
  return previous;
}
