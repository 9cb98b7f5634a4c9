import { describe, expect, it } from 'vitest';
import {
  availableSignupActions,
  SIGNUP_ACTIONS,
  SIGNUP_STATUSES,
  signupRefusal,
  type SignupAction,
  type SignupParty,
  type SignupRefusal,
  type SignupStatus,
} from './signup.workflow.ts';

/** Every cell: action × status (null = no live sign-up) for the party the action is for. */
const EXPECTED: Record<SignupAction, Record<SignupStatus | 'none', SignupRefusal | null>> = {
  cancel: {
    confirmed: null,
    waitlisted: null,
    cancelled: 'VS_SIGNUP_NOT_FOUND',
    none: 'VS_SIGNUP_NOT_FOUND',
  },
  promote: {
    confirmed: 'VS_SIGNUP_NOT_FOUND',
    waitlisted: null,
    cancelled: 'VS_SIGNUP_NOT_FOUND',
    none: 'VS_SIGNUP_NOT_FOUND',
  },
  record_attendance: {
    confirmed: null,
    waitlisted: 'VS_NOT_CONFIRMED_SIGNUP',
    cancelled: 'VS_NOT_CONFIRMED_SIGNUP',
    none: 'VS_NOT_CONFIRMED_SIGNUP',
  },
};
const PARTY: Record<SignupAction, SignupParty> = {
  cancel: 'volunteer',
  promote: 'system',
  record_attendance: 'lead',
};
const PARTIES = ['volunteer', 'lead', 'system'] as const;

describe('VS-6 sign-up workflow: the table the services enforce and the roster reads', () => {
  for (const action of SIGNUP_ACTIONS) {
    for (const status of [...SIGNUP_STATUSES, null]) {
      it(`${action} on ${status ?? 'no sign-up'}`, () => {
        expect(signupRefusal(action, status, PARTY[action])).toBe(
          EXPECTED[action][status ?? 'none'],
        );
        for (const other of PARTIES.filter((p) => p !== PARTY[action]))
          expect(signupRefusal(action, status, other)).toBe('FORBIDDEN');
      });
    }
  }

  it('availableActions: the lead may record attendance of a confirmed volunteer, not a waitlisted one', () => {
    expect(availableSignupActions('confirmed', 'lead')).toEqual(['record_attendance']);
    expect(availableSignupActions('waitlisted', 'lead')).toEqual([]);
    expect(availableSignupActions('waitlisted', 'volunteer')).toEqual(['cancel']);
    expect(availableSignupActions('cancelled', 'volunteer')).toEqual([]);
    expect(availableSignupActions('waitlisted', 'system')).toEqual(['promote']);
  });
});
