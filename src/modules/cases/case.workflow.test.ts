import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/roles.ts';
import {
  atDecidingUnit,
  availableActions,
  CASE_ACTIONS,
  CASE_STATES,
  checkTransition,
  targetState,
  TERMINAL_STATES,
  TRANSITIONS,
  type CaseAction,
  type CaseParty,
  type CaseState,
} from './case.workflow.ts';

const both: CaseParty[] = ['accepting', 'deciding'];

describe('case workflow table (GS-7)', () => {
  it('every action and state is named once, and terminal states allow nothing', () => {
    expect(new Set(CASE_ACTIONS).size).toBe(CASE_ACTIONS.length);
    for (const state of TERMINAL_STATES) {
      expect(availableActions(state, { roles: ROLES, parties: both })).toEqual([]);
    }
  });

  it('every non-terminal state has a way forward and a way out', () => {
    for (const state of CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s))) {
      expect(
        availableActions(state, { roles: ROLES, parties: both }).length,
        state,
      ).toBeGreaterThan(0);
    }
  });

  // The whole table, cell by cell: allowed exactly where the table says.
  for (const action of CASE_ACTIONS) {
    for (const state of CASE_STATES) {
      const t = TRANSITIONS[action];
      const allowedFrom = (t.from as readonly CaseState[]).includes(state);
      for (const role of ROLES) {
        const roleAllowed = (t.roles as readonly Role[]).includes(role);
        it(`${action} from ${state} by ${role}: ${allowedFrom && roleAllowed ? 'allowed' : 'denied'}`, () => {
          const r = checkTransition(state, action, { roles: [role], parties: both });
          if (!allowedFrom) expect(r).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
          else if (!roleAllowed) expect(r).toEqual({ ok: false, reason: 'FORBIDDEN' });
          else expect(r.ok).toBe(true);
        });
      }
    }
  }

  it('the wrong party is refused even with the right role', () => {
    expect(
      checkTransition('in_progress', 'decide', { roles: ['town_officer'], parties: ['accepting'] }),
    ).toEqual({
      ok: false,
      reason: 'NOT_PARTY',
    });
    expect(
      checkTransition('decided', 'deliver', { roles: ['clerk'], parties: ['deciding'] }),
    ).toEqual({
      ok: false,
      reason: 'NOT_PARTY',
    });
  });

  it('a clerk at the accepting station sees what a window can do next', () => {
    const clerk = { roles: ['clerk'] as Role[], parties: ['accepting'] as CaseParty[] };
    expect(availableActions('awaiting_supplement', clerk)).toEqual([
      'supplement',
      'refuse',
      'withdraw',
    ]);
    expect(availableActions('accepted', clerk)).toEqual(['route', 'withdraw']);
    expect(availableActions('decided', clerk)).toEqual(['deliver']);
    expect(availableActions('delivered', clerk)).toEqual(['close']);
  });

  it('a town officer at the deciding unit sees the decision actions', () => {
    const officer = { roles: ['town_officer'] as Role[], parties: ['deciding'] as CaseParty[] };
    expect(availableActions('in_progress', officer)).toEqual([
      'request_supplement',
      'forward',
      'suspend',
      'decide',
    ]);
    expect(availableActions('suspended', officer)).toEqual(['resume']);
  });

  it('volunteers, guardians and residents can take no case action', () => {
    for (const role of [
      'volunteer',
      'guardian',
      'resident',
      'team_leader',
      'organiser',
    ] as Role[]) {
      for (const state of CASE_STATES)
        expect(availableActions(state, { roles: [role], parties: both })).toEqual([]);
    }
  });

  it('pausing actions pause the clock and resuming returns to the state before', () => {
    expect(TRANSITIONS.suspend.clock).toBe('pause');
    expect(TRANSITIONS.request_supplement.clock).toBe('pause');
    expect(TRANSITIONS.resume.clock).toBe('resume');
    expect(targetState('resume', 'in_progress')).toBe('in_progress');
    expect(targetState('decide', 'in_progress')).toBe('decided');
    expect(() => targetState('resume', null)).toThrow();
  });

  it('reasons are required wherever a person is told no or the case stops', () => {
    const needsReason: CaseAction[] = [
      'refuse',
      'request_supplement',
      'forward',
      'suspend',
      'withdraw',
    ];
    for (const a of needsReason)
      expect(TRANSITIONS[a].guards as readonly string[]).toContain('reason_required');
  });

  describe('request_supplement wherever the case is decided (issue #10, point 6)', () => {
    // Per route, the states a supplement may be asked from: a station's own item is decided
    // right after acceptance, a routed one only at its unit. Written out, not derived.
    const ASK_FROM = {
      station: ['accepted', 'in_progress'],
      town_centre: ['in_progress'],
      district_department: ['in_progress'],
    } as const satisfies Record<string, readonly CaseState[]>;
    const decider = {
      roles: ['clerk', 'town_officer', 'district_officer'] as Role[],
      parties: both,
    };
    for (const [decidedBy, states] of Object.entries(ASK_FROM) as [
      keyof typeof ASK_FROM,
      readonly CaseState[],
    ][]) {
      for (const state of CASE_STATES) {
        const allowed = states.includes(state);
        it(`${decidedBy} item, ${state}: ${allowed ? 'may' : 'may not'} be sent back`, () => {
          const r = checkTransition(state, 'request_supplement', decider);
          expect(r.ok && atDecidingUnit(decidedBy, state)).toBe(allowed);
        });
      }
    }

    it('a station clerk deciding its own item sees the button once the case is accepted', () => {
      const clerk = { roles: ['clerk'] as Role[], parties: both };
      expect(availableActions('accepted', clerk)).toContain('request_supplement');
    });
  });
});
