/**
 * VS-6 sign-ups as data: a volunteer's place on an activity is confirmed or waitlisted, and ends
 * cancelled. Pure. The services refuse with the problem code this table names, and every roster
 * row carries `availableActions` for the caller from the same table.
 */
import type { VsSignupTable } from '../../db/schema.ts';

export type SignupStatus = VsSignupTable['status'];

export const SIGNUP_STATUSES = [
  'confirmed', // holds one of the activity's places
  'waitlisted', // in the queue; the first one takes a freed place
  'cancelled', // withdrawn by the volunteer, or the activity was cancelled
] as const satisfies readonly SignupStatus[];

export const SIGNUP_ACTIONS = [
  'cancel', // the volunteer withdraws (a freed place promotes the first waitlisted)
  'promote', // the system gives a freed place to the first waitlisted
  'record_attendance', // the lead records a check-in or check-out by hand
] as const;
export type SignupAction = (typeof SIGNUP_ACTIONS)[number];

/** Who stands where: the volunteer whose sign-up it is, or a lead who manages the activity. */
export type SignupParty = 'volunteer' | 'lead' | 'system';

export type SignupRefusal = 'VS_SIGNUP_NOT_FOUND' | 'VS_NOT_CONFIRMED_SIGNUP' | 'FORBIDDEN';

interface SignupRule {
  from: readonly SignupStatus[];
  to: SignupStatus;
  who: SignupParty;
  /** What the service answers when the sign-up is not in a `from` status. */
  refusal: Exclude<SignupRefusal, 'FORBIDDEN'>;
}

export const SIGNUP_TRANSITIONS = {
  cancel: {
    from: ['confirmed', 'waitlisted'],
    to: 'cancelled',
    who: 'volunteer',
    refusal: 'VS_SIGNUP_NOT_FOUND',
  },
  promote: { from: ['waitlisted'], to: 'confirmed', who: 'system', refusal: 'VS_SIGNUP_NOT_FOUND' },
  record_attendance: {
    from: ['confirmed'],
    to: 'confirmed',
    who: 'lead',
    refusal: 'VS_NOT_CONFIRMED_SIGNUP',
  },
} as const satisfies Record<SignupAction, SignupRule>;

/** Why `action` may not be taken on a sign-up in `status` (null: no live sign-up), or null. */
export function signupRefusal(
  action: SignupAction,
  status: SignupStatus | null,
  party: SignupParty,
): SignupRefusal | null {
  const rule: SignupRule = SIGNUP_TRANSITIONS[action];
  if (rule.who !== party) return 'FORBIDDEN';
  return status !== null && rule.from.includes(status) ? null : rule.refusal;
}

/** The actions `party` may take on a sign-up in `status`, in table order. */
export function availableSignupActions(
  status: SignupStatus | null,
  party: SignupParty,
): SignupAction[] {
  return SIGNUP_ACTIONS.filter((a) => signupRefusal(a, status, party) === null);
}
