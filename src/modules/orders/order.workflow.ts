/**
 * The volunteer service order as data (VS-3 点单 → VS-4 审单/合并 → VS-5 派单/抢单 → 接单 → VS-6
 * 服务 → VS-7 评单): the states of a need and of an order, the actions that move them, who may take
 * each action and the guards the service checks. Pure. The use-cases refuse with the problem code
 * this table names, and every need and order view carries `availableActions` from the same table,
 * so the web shows only the buttons the server would accept.
 */
import type { VsNeedTable, VsOrderState } from '../../db/schema.ts';

/* ---------- the order (VS-5, VS-6) ---------- */

export const ORDER_STATES = [
  'awaiting_dispatch', // 待派单: accepted from one need or merged from several, at the centre
  'directed', // 已指派: directed to one team, for a window
  'open', // 抢单中: open for grabbing by eligible teams, for a window (then escalates)
  'accepted', // 已接单: a team holds it (accepted or grabbed)
  'in_service', // 服务中: the holding team's first activity started it
  'completed', // 已完成: requesters are asked to rate
  'cancelled', // 已取消 by the centre, with a reason
] as const satisfies readonly VsOrderState[];
export type OrderState = (typeof ORDER_STATES)[number];
/** Every state of the schema is in the table (and nothing else): fails to compile otherwise. */
export const ORDER_STATES_COVER_SCHEMA: Exclude<VsOrderState, OrderState> extends never
  ? true
  : never = true;

export const ORDER_ACTIONS = [
  'direct', // 指派: the centre directs it to a team
  'open', // 开放抢单: the centre opens it for grabbing in its town
  'reassign', // 改派: back to the centre, or straight to another team, with a note
  'accept', // 接单: the directed team's leader accepts
  'decline', // 拒单: the directed team's leader declines with a coded reason
  'grab', // 抢单: an eligible team's leader grabs it; exactly one wins
  'start_service', // 服务: an activity for it (VS-6); the first moves accepted → in_service
  'complete', // 完成: the centre or the holding team's leader
  'cancel', // 取消: the centre, with a reason
  'sweep_open', // the sweep: a directed window passed → open for grabbing
  'sweep_escalate', // the sweep: an open window passed → one region level up
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * Where the caller stands relative to one order; the service works this out from grants and the
 * teams the caller leads. `system` is the periodic sweep, never a person.
 */
export type OrderParty =
  | 'centre' // volunteer centre staff whose reach covers the order's region
  | 'directed_team' // leads the team the order is directed to
  | 'holding_team' // leads the team holding the order
  | 'eligible_team' // leads a team that may grab it (active, same category, in the grab region)
  | 'system';

export type OrderGuard =
  | 'team_directable' // the target team is active, not a corps, of the order's category or general
  | 'note_required' // a written note (reassign) or reason (cancel)
  | 'decline_reason' // a coded reason; `other` needs a note
  | 'window_passed' // the sweep acts only once the window has passed
  | 'one_winner'; // conditional update on (id, state, version): exactly one team wins

export type OrderRefusal = 'VS_ORDER_STATE_CONFLICT' | 'ORDER_ALREADY_TAKEN' | 'NOT_PARTY';

export interface OrderTransition {
  from: readonly OrderState[];
  /** `directed_or_awaiting`: reassign goes to another team (directed) or back to the centre. */
  to: OrderState | 'directed_or_awaiting';
  parties: readonly OrderParty[];
  guards: readonly OrderGuard[];
  /** The code answered when the state does not allow it, or a parallel request won. */
  conflict: Exclude<OrderRefusal, 'NOT_PARTY'>;
}

const LIVE = ['awaiting_dispatch', 'directed', 'open', 'accepted', 'in_service'] as const;

export const ORDER_TRANSITIONS = {
  direct: {
    from: ['awaiting_dispatch'],
    to: 'directed',
    parties: ['centre'],
    guards: ['team_directable'],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  open: {
    from: ['awaiting_dispatch', 'directed'],
    to: 'open',
    parties: ['centre'],
    guards: [],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  reassign: {
    from: ['directed', 'open', 'accepted'],
    to: 'directed_or_awaiting',
    parties: ['centre'],
    guards: ['note_required', 'team_directable'],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  accept: {
    from: ['directed'],
    to: 'accepted',
    parties: ['directed_team'],
    guards: [],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  decline: {
    from: ['directed'],
    to: 'awaiting_dispatch',
    parties: ['directed_team'],
    guards: ['decline_reason'],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  grab: {
    from: ['open'],
    to: 'accepted',
    parties: ['eligible_team'],
    guards: ['one_winner'],
    conflict: 'ORDER_ALREADY_TAKEN',
  },
  start_service: {
    from: ['accepted', 'in_service'],
    to: 'in_service',
    parties: ['holding_team', 'centre'],
    guards: [],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  complete: {
    from: ['accepted', 'in_service'],
    to: 'completed',
    parties: ['centre', 'holding_team'],
    guards: [],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  cancel: {
    from: LIVE,
    to: 'cancelled',
    parties: ['centre'],
    guards: ['note_required'],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  sweep_open: {
    from: ['directed'],
    to: 'open',
    parties: ['system'],
    guards: ['window_passed'],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
  sweep_escalate: {
    from: ['open'],
    to: 'open',
    parties: ['system'],
    guards: ['window_passed'],
    conflict: 'VS_ORDER_STATE_CONFLICT',
  },
} as const satisfies Record<OrderAction, OrderTransition>;

export const TERMINAL_ORDER_STATES: readonly OrderState[] = ['completed', 'cancelled'];
/** States in which a team holds the order (its load, and the contact becomes visible to it). */
export const HELD_STATES: readonly OrderState[] = ['accepted', 'in_service'];
/** States after a team took it: a grab then answers ORDER_ALREADY_TAKEN. */
export const TAKEN_STATES: readonly OrderState[] = ['accepted', 'in_service', 'completed'];

/** Whether the state allows `action` at all (whoever asks). */
export function mayTransition(action: OrderAction, from: VsOrderState): boolean {
  const t: OrderTransition = ORDER_TRANSITIONS[action];
  return t.from.includes(from);
}

/**
 * Whether the order's state allows `action` at all, whoever asks: null, or the code the service
 * answers (a grab of an order a team already took is ORDER_ALREADY_TAKEN).
 */
export function stateRefusal(
  action: OrderAction,
  state: VsOrderState,
): Exclude<OrderRefusal, 'NOT_PARTY'> | null {
  if (mayTransition(action, state)) return null;
  return action === 'grab' && TAKEN_STATES.includes(state)
    ? 'ORDER_ALREADY_TAKEN'
    : 'VS_ORDER_STATE_CONFLICT';
}

/**
 * Why `action` may not be taken on an order in `state` by a caller standing as `parties` (the
 * problem code the service answers), or null when it may. The state first, then the standing.
 */
export function orderRefusal(
  action: OrderAction,
  state: VsOrderState,
  parties: readonly OrderParty[],
): OrderRefusal | null {
  const t: OrderTransition = ORDER_TRANSITIONS[action];
  const byState = stateRefusal(action, state);
  if (byState) return byState;
  if (!parties.some((p) => t.parties.includes(p))) return 'NOT_PARTY';
  return null;
}

/** The actions a person may take now, in table order (the sweep's are never offered). */
export function availableOrderActions(
  state: VsOrderState,
  parties: readonly OrderParty[],
): OrderAction[] {
  return ORDER_ACTIONS.filter(
    (a) => !parties.includes('system') && orderRefusal(a, state, parties) === null,
  );
}

/* ---------- the need (VS-3, VS-4, VS-7) ---------- */

export type NeedStatus = VsNeedTable['status'];
export const NEED_STATUSES = [
  'submitted', // 已提交: waiting for the centre's review
  'accepted', // 已受理: linked to an order (its own or a merged one)
  'rejected', // 已驳回: with a reason the requester sees
] as const satisfies readonly NeedStatus[];

export const NEED_ACTIONS = [
  'accept', // 审单: one need → one order of its own
  'reject', // 驳回 with a reason
  'merge', // 合并: with other submitted needs of one category and town → one order
  'rate', // 评单: once, after the order is completed
] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

/** The caller's standing towards one need. */
export interface NeedStanding {
  /** Centre staff whose reach covers the need's region. */
  centre: boolean;
  /** The requester's own account. */
  requester: boolean;
}

/** What the need's life has reached: its linked order's state and whether it was rated. */
export interface NeedFacts {
  status: NeedStatus;
  /** The requester has an account (else staff record the rating for them). */
  hasAccount: boolean;
  orderState: VsOrderState | null;
  rated: boolean;
}

export type NeedRefusal =
  | 'FORBIDDEN'
  | 'VS_NEED_ALREADY_REVIEWED'
  | 'VS_NOT_REQUESTER'
  | 'VS_RATING_NOT_OPEN'
  | 'VS_RATING_EXISTS';

interface NeedRule {
  statuses: readonly NeedStatus[];
  /** `requester`: the requester, or centre staff recording it for a requester without account. */
  who: 'centre' | 'requester';
  /** The linked order must be in one of these states. */
  orderStates?: readonly VsOrderState[];
  once?: true;
  notParty: NeedRefusal;
  wrongState: NeedRefusal;
}

export const NEED_RULES = {
  accept: {
    statuses: ['submitted'],
    who: 'centre',
    notParty: 'FORBIDDEN',
    wrongState: 'VS_NEED_ALREADY_REVIEWED',
  },
  reject: {
    statuses: ['submitted'],
    who: 'centre',
    notParty: 'FORBIDDEN',
    wrongState: 'VS_NEED_ALREADY_REVIEWED',
  },
  merge: {
    statuses: ['submitted'],
    who: 'centre',
    notParty: 'FORBIDDEN',
    wrongState: 'VS_NEED_ALREADY_REVIEWED',
  },
  rate: {
    statuses: ['accepted'],
    who: 'requester',
    orderStates: ['completed'],
    once: true,
    notParty: 'VS_NOT_REQUESTER',
    wrongState: 'VS_RATING_NOT_OPEN',
  },
} as const satisfies Record<NeedAction, NeedRule>;

/**
 * Why `action` may not be taken on the need by this caller, or null when it may. Who first (as the
 * services check it), then the need's status and its order's state, then "once".
 */
export function needRefusal(
  action: NeedAction,
  need: NeedFacts,
  standing: NeedStanding,
): NeedRefusal | null {
  const rule: NeedRule = NEED_RULES[action];
  const party =
    rule.who === 'centre'
      ? standing.centre
      : standing.requester || (!need.hasAccount && standing.centre);
  if (!party) return rule.notParty;
  if (!rule.statuses.includes(need.status)) return rule.wrongState;
  if (rule.orderStates && (need.orderState === null || !rule.orderStates.includes(need.orderState)))
    return rule.wrongState;
  if (rule.once && need.rated) return 'VS_RATING_EXISTS';
  return null;
}

/** The need actions the caller may take now, in table order. */
export function availableNeedActions(need: NeedFacts, standing: NeedStanding): NeedAction[] {
  return NEED_ACTIONS.filter((a) => needRefusal(a, need, standing) === null);
}
