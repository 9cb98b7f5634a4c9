import { describe, expect, it } from 'vitest';
import {
  availableJoinActions,
  JOIN_ACTIONS,
  JOIN_STATUSES,
  joinFrom,
  joinRefusal,
  type JoinAction,
  type JoinParty,
  type JoinRefusal,
  type JoinStatus,
} from './join-request.workflow.ts';

const EXPECTED: Record<JoinAction, Record<JoinStatus | 'none', JoinRefusal | null>> = {
  request: {
    none: null,
    pending: 'VS_JOIN_ALREADY',
    approved: 'VS_JOIN_ALREADY',
    rejected: null,
    left: null,
  },
  withdraw: {
    none: 'VS_JOIN_ALREADY_DECIDED',
    pending: null,
    approved: 'VS_JOIN_ALREADY_DECIDED',
    rejected: 'VS_JOIN_ALREADY_DECIDED',
    left: 'VS_JOIN_ALREADY_DECIDED',
  },
  approve: {
    none: 'VS_JOIN_ALREADY_DECIDED',
    pending: null,
    approved: 'VS_JOIN_ALREADY_DECIDED',
    rejected: 'VS_JOIN_ALREADY_DECIDED',
    left: 'VS_JOIN_ALREADY_DECIDED',
  },
  reject: {
    none: 'VS_JOIN_ALREADY_DECIDED',
    pending: null,
    approved: 'VS_JOIN_ALREADY_DECIDED',
    rejected: 'VS_JOIN_ALREADY_DECIDED',
    left: 'VS_JOIN_ALREADY_DECIDED',
  },
};
const PARTY: Record<JoinAction, JoinParty> = {
  request: 'requester',
  withdraw: 'requester',
  approve: 'decider',
  reject: 'decider',
};

describe('VS-1 join request workflow: the table the services enforce and the web reads', () => {
  for (const action of JOIN_ACTIONS) {
    for (const status of [...JOIN_STATUSES, null]) {
      it(`${action} on ${status ?? 'no request'}`, () => {
        expect(joinRefusal(action, status, PARTY[action])).toBe(EXPECTED[action][status ?? 'none']);
        const other: JoinParty = PARTY[action] === 'requester' ? 'decider' : 'requester';
        expect(joinRefusal(action, status, other)).toBe('FORBIDDEN');
      });
    }
  }

  it('availableActions: the leader approves or rejects a pending request; the requester withdraws it', () => {
    expect(availableJoinActions('pending', 'decider')).toEqual(['approve', 'reject']);
    expect(availableJoinActions('pending', 'requester')).toEqual(['withdraw']);
    expect(availableJoinActions('rejected', 'requester')).toEqual(['request']);
    expect(availableJoinActions('approved', 'requester')).toEqual([]);
    expect(availableJoinActions('approved', 'decider')).toEqual([]);
  });

  it('the conditional updates start from the table’s statuses', () => {
    expect(joinFrom('request')).toEqual(['rejected', 'left']);
    expect(joinFrom('approve')).toEqual(['pending']);
    expect(joinFrom('withdraw')).toEqual(['pending']);
  });
});
