import { describe, expect, it } from 'vitest';
import {
  availableNeedActions,
  availableOrderActions,
  mayTransition,
  NEED_ACTIONS,
  NEED_RULES,
  needRefusal,
  ORDER_ACTIONS,
  ORDER_STATES,
  ORDER_TRANSITIONS,
  orderRefusal,
  type NeedFacts,
  type OrderAction,
  type OrderParty,
  type OrderState,
} from './order.workflow.ts';

describe('VS-4 VS-5 order state rules (the transition table)', () => {
  it.each([
    ['direct', 'awaiting_dispatch', true],
    ['direct', 'directed', false],
    ['direct', 'open', false],
    ['open', 'awaiting_dispatch', true],
    ['open', 'directed', true],
    ['open', 'open', false],
    ['accept', 'directed', true],
    ['accept', 'open', false],
    ['grab', 'open', true],
    ['grab', 'directed', false],
    ['grab', 'accepted', false],
    ['decline', 'directed', true],
    ['decline', 'open', false],
    ['complete', 'accepted', true],
    ['complete', 'in_service', true],
    ['complete', 'open', false],
    ['complete', 'completed', false],
    ['cancel', 'in_service', true],
    ['cancel', 'completed', false],
    ['cancel', 'cancelled', false],
    ['reassign', 'accepted', true],
    ['reassign', 'awaiting_dispatch', false],
    ['sweep_open', 'directed', true],
    ['sweep_open', 'open', false],
    ['sweep_escalate', 'open', true],
    ['sweep_escalate', 'accepted', false],
  ] as const)('%s from %s → %s', (action, from, ok) => {
    expect(mayTransition(action, from)).toBe(ok);
  });

  it('nothing leaves a terminal state', () => {
    for (const t of Object.values(ORDER_TRANSITIONS)) {
      expect(t.from).not.toContain('completed');
      expect(t.from).not.toContain('cancelled');
    }
  });
  it('every source state is a known state', () => {
    for (const t of Object.values(ORDER_TRANSITIONS))
      for (const s of t.from) expect(ORDER_STATES).toContain(s);
  });
  it('only start_service (an activity for a held order, VS-6) targets in_service', () => {
    for (const [action, t] of Object.entries(ORDER_TRANSITIONS))
      if (action !== 'start_service') expect(t.to).not.toBe('in_service');
    expect(ORDER_TRANSITIONS.start_service).toMatchObject({
      from: ['accepted', 'in_service'],
      to: 'in_service',
    });
  });
});

/** The expected answer of every (action, state) cell for a caller who is the action's party. */
const EXPECTED: Record<OrderAction, Partial<Record<OrderState, true>>> = {
  direct: { awaiting_dispatch: true },
  open: { awaiting_dispatch: true, directed: true },
  reassign: { directed: true, open: true, accepted: true },
  accept: { directed: true },
  decline: { directed: true },
  grab: { open: true },
  start_service: { accepted: true, in_service: true },
  complete: { accepted: true, in_service: true },
  cancel: {
    awaiting_dispatch: true,
    directed: true,
    open: true,
    accepted: true,
    in_service: true,
  },
  sweep_open: { directed: true },
  sweep_escalate: { open: true },
};

describe('VS-5 VS-6 order workflow: every (action, state) cell for the action’s own party', () => {
  const cells = ORDER_ACTIONS.flatMap((action) =>
    ORDER_STATES.map((state) => [action, state] as const),
  );
  it.each(cells)('%s from %s', (action, state) => {
    const party = ORDER_TRANSITIONS[action].parties[0];
    const allowed = EXPECTED[action][state] === true;
    const refusal = orderRefusal(action, state, [party]);
    if (allowed) expect(refusal).toBeNull();
    else if (action === 'grab' && ['accepted', 'in_service', 'completed'].includes(state))
      expect(refusal).toBe('ORDER_ALREADY_TAKEN');
    else expect(refusal).toBe('VS_ORDER_STATE_CONFLICT');
  });
});

describe('VS-5 order workflow: who may take each action', () => {
  const ALL: OrderParty[] = ['centre', 'directed_team', 'holding_team', 'eligible_team', 'system'];
  const WHO: Record<OrderAction, OrderParty[]> = {
    direct: ['centre'],
    open: ['centre'],
    reassign: ['centre'],
    accept: ['directed_team'],
    decline: ['directed_team'],
    grab: ['eligible_team'],
    start_service: ['holding_team', 'centre'],
    complete: ['centre', 'holding_team'],
    cancel: ['centre'],
    sweep_open: ['system'],
    sweep_escalate: ['system'],
  };
  const cells = ORDER_ACTIONS.flatMap((action) => ALL.map((party) => [action, party] as const));
  it.each(cells)('%s by %s', (action, party) => {
    const state = ORDER_TRANSITIONS[action].from[0];
    expect(orderRefusal(action, state, [party])).toBe(
      WHO[action].includes(party) ? null : 'NOT_PARTY',
    );
  });
  it('the state is judged before the standing (a stranger grabbing a taken order is told it is taken)', () => {
    expect(orderRefusal('grab', 'accepted', [])).toBe('ORDER_ALREADY_TAKEN');
    expect(orderRefusal('accept', 'open', [])).toBe('VS_ORDER_STATE_CONFLICT');
    expect(orderRefusal('accept', 'directed', [])).toBe('NOT_PARTY');
  });
});

describe('VS-5 availableActions of an order: exactly what the caller may do now', () => {
  it('the centre on each state', () => {
    expect(availableOrderActions('awaiting_dispatch', ['centre'])).toEqual([
      'direct',
      'open',
      'cancel',
    ]);
    expect(availableOrderActions('directed', ['centre'])).toEqual(['open', 'reassign', 'cancel']);
    expect(availableOrderActions('open', ['centre'])).toEqual(['reassign', 'cancel']);
    expect(availableOrderActions('accepted', ['centre'])).toEqual([
      'reassign',
      'start_service',
      'complete',
      'cancel',
    ]);
    expect(availableOrderActions('in_service', ['centre'])).toEqual([
      'start_service',
      'complete',
      'cancel',
    ]);
    expect(availableOrderActions('completed', ['centre'])).toEqual([]);
    expect(availableOrderActions('cancelled', ['centre'])).toEqual([]);
  });
  it('teams: directed → accept/decline, open → grab, held → start/complete, others nothing', () => {
    expect(availableOrderActions('directed', ['directed_team'])).toEqual(['accept', 'decline']);
    expect(availableOrderActions('open', ['eligible_team'])).toEqual(['grab']);
    expect(availableOrderActions('accepted', ['holding_team'])).toEqual([
      'start_service',
      'complete',
    ]);
    expect(availableOrderActions('in_service', ['holding_team'])).toEqual([
      'start_service',
      'complete',
    ]);
    expect(availableOrderActions('accepted', [])).toEqual([]);
    expect(availableOrderActions('open', [])).toEqual([]);
  });
  it('never offers the sweep’s steps to a person, and nothing to the sweep', () => {
    for (const s of ORDER_STATES) {
      expect(availableOrderActions(s, ['centre', 'holding_team'])).not.toContain('sweep_open');
      expect(availableOrderActions(s, ['system'])).toEqual([]);
    }
  });
  it('agrees with mayTransition on the state', () => {
    for (const a of ORDER_ACTIONS)
      for (const s of ORDER_STATES)
        expect(mayTransition(a, s)).toBe(
          (ORDER_TRANSITIONS[a].from as readonly string[]).includes(s),
        );
  });
});

const submitted: NeedFacts = {
  status: 'submitted',
  hasAccount: true,
  orderState: null,
  rated: false,
};
const done: NeedFacts = {
  status: 'accepted',
  hasAccount: true,
  orderState: 'completed',
  rated: false,
};
const CENTRE = { centre: true, requester: false };
const REQUESTER = { centre: false, requester: true };
const STRANGER = { centre: false, requester: false };

describe('VS-4 need review: accept, reject, merge — centre staff, a submitted need only', () => {
  it.each(['accept', 'reject', 'merge'] as const)('%s', (action) => {
    expect(needRefusal(action, submitted, CENTRE)).toBeNull();
    expect(needRefusal(action, { ...submitted, status: 'accepted' }, CENTRE)).toBe(
      'VS_NEED_ALREADY_REVIEWED',
    );
    expect(needRefusal(action, { ...submitted, status: 'rejected' }, CENTRE)).toBe(
      'VS_NEED_ALREADY_REVIEWED',
    );
    expect(needRefusal(action, submitted, REQUESTER)).toBe('FORBIDDEN');
    expect(needRefusal(action, submitted, STRANGER)).toBe('FORBIDDEN');
  });
});

describe('VS-7 rating: once, by the requester, after completion', () => {
  it('the requester rates a completed order once', () => {
    expect(needRefusal('rate', done, REQUESTER)).toBeNull();
    expect(needRefusal('rate', { ...done, rated: true }, REQUESTER)).toBe('VS_RATING_EXISTS');
  });
  it.each([
    'awaiting_dispatch',
    'directed',
    'open',
    'accepted',
    'in_service',
    'cancelled',
  ] as const)('not while the order is %s', (orderState) => {
    expect(needRefusal('rate', { ...done, orderState }, REQUESTER)).toBe('VS_RATING_NOT_OPEN');
  });
  it('not before review, nor after a rejection', () => {
    expect(needRefusal('rate', submitted, REQUESTER)).toBe('VS_RATING_NOT_OPEN');
    expect(needRefusal('rate', { ...submitted, status: 'rejected' }, REQUESTER)).toBe(
      'VS_RATING_NOT_OPEN',
    );
  });
  it('centre staff record it only for a requester without account', () => {
    expect(needRefusal('rate', done, CENTRE)).toBe('VS_NOT_REQUESTER');
    expect(needRefusal('rate', { ...done, hasAccount: false }, CENTRE)).toBeNull();
    expect(needRefusal('rate', { ...done, hasAccount: false }, STRANGER)).toBe('VS_NOT_REQUESTER');
    expect(needRefusal('rate', done, STRANGER)).toBe('VS_NOT_REQUESTER');
  });
});

describe('VS-4 VS-7 availableActions of a need', () => {
  it('is exactly the actions without a refusal', () => {
    expect(availableNeedActions(submitted, CENTRE)).toEqual(['accept', 'reject', 'merge']);
    expect(availableNeedActions(submitted, REQUESTER)).toEqual([]);
    expect(availableNeedActions(done, REQUESTER)).toEqual(['rate']);
    expect(availableNeedActions({ ...done, rated: true }, REQUESTER)).toEqual([]);
    expect(availableNeedActions({ ...done, hasAccount: false }, CENTRE)).toEqual(['rate']);
    expect(NEED_ACTIONS).toHaveLength(Object.keys(NEED_RULES).length);
  });
});
