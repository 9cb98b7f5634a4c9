/**
 * VS-1 join requests as data: a volunteer asks to join a team (pending); a leader of the team (or
 * above it) or staff in scope approves or rejects it once; the volunteer may withdraw while it is
 * pending, and ask again once rejected or gone. Pure. The services refuse with the problem code
 * this table names, and every join request the API sends carries `availableActions` for the caller.
 */
import type { VsTeamMemberTable } from '../../db/schema.ts';

export type JoinStatus = VsTeamMemberTable['status'];

export const JOIN_STATUSES = [
  'pending', // waiting for a leader's (or staff's) decision
  'approved', // a member of the team
  'rejected', // refused; may ask again
  'left', // withdrawn by the volunteer (or gone); may ask again
] as const satisfies readonly JoinStatus[];

export const JOIN_ACTIONS = [
  'request', // the volunteer asks (again)
  'withdraw', // the volunteer takes back a pending request
  'approve', // a leader or staff approves
  'reject', // a leader or staff rejects
] as const;
export type JoinAction = (typeof JOIN_ACTIONS)[number];

/** The caller's standing to the request: the volunteer who asked, or one who decides for the team. */
export type JoinParty = 'requester' | 'decider';

export type JoinRefusal = 'VS_JOIN_ALREADY' | 'VS_JOIN_ALREADY_DECIDED' | 'FORBIDDEN';

interface JoinRule {
  /** null: no request yet (a first request). */
  from: readonly (JoinStatus | null)[];
  to: JoinStatus;
  who: JoinParty;
  refusal: Exclude<JoinRefusal, 'FORBIDDEN'>;
}

export const JOIN_TRANSITIONS = {
  request: {
    from: [null, 'rejected', 'left'],
    to: 'pending',
    who: 'requester',
    refusal: 'VS_JOIN_ALREADY',
  },
  withdraw: { from: ['pending'], to: 'left', who: 'requester', refusal: 'VS_JOIN_ALREADY_DECIDED' },
  approve: {
    from: ['pending'],
    to: 'approved',
    who: 'decider',
    refusal: 'VS_JOIN_ALREADY_DECIDED',
  },
  reject: { from: ['pending'], to: 'rejected', who: 'decider', refusal: 'VS_JOIN_ALREADY_DECIDED' },
} as const satisfies Record<JoinAction, JoinRule>;

/** Why `party` may not take `action` on a request in `status` (null: none yet), or null. */
export function joinRefusal(
  action: JoinAction,
  status: JoinStatus | null,
  party: JoinParty,
): JoinRefusal | null {
  const rule: JoinRule = JOIN_TRANSITIONS[action];
  if (rule.who !== party) return 'FORBIDDEN';
  return rule.from.includes(status) ? null : rule.refusal;
}

/** The actions `party` may take on a request in `status`, in table order. */
export function availableJoinActions(status: JoinStatus, party: JoinParty): JoinAction[] {
  return JOIN_ACTIONS.filter((a) => joinRefusal(a, status, party) === null);
}

/** The statuses from which `action` starts (for the conditional update that takes it). */
export function joinFrom(action: JoinAction): JoinStatus[] {
  const rule: JoinRule = JOIN_TRANSITIONS[action];
  return rule.from.filter((s): s is JoinStatus => s !== null);
}
