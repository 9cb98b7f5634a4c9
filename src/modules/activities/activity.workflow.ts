/**
 * VS-6 activities as data: what may be done to an activity, by whom, in which status and at which
 * moment of its life. Pure. The services refuse with the problem code this table names, and every
 * activity view carries `availableActions` from the same table, so the web shows only the
 * buttons the server would accept (a sign-up button after the start is gone).
 */
import type { VsActivityTable, VsSignupTable } from '../../db/schema.ts';
import { attendanceOpen } from './hours.rules.ts';

export type ActivityStatus = VsActivityTable['status'];
/** Where `now` stands relative to the activity's time. */
export type ActivityPhase = 'before_start' | 'running' | 'ended';

export const ACTIVITY_ACTIONS = [
  'sign_up', // a volunteer signs up (or joins the waitlist when full)
  'cancel_signup', // the volunteer withdraws their live sign-up
  'check_in', // the volunteer submits the lead's code (in or out)
  'show_code', // the lead shows the rotating code
  'cancel', // the lead cancels the activity with a reason
  'sign_up_other', // issue #15: the lead signs up a volunteer by hand (e.g. one without a phone)
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** The caller's standing: who manages it, and the caller's own live sign-up if any. */
export interface ActivityStanding {
  manages: boolean;
  volunteer: boolean;
  signup: VsSignupTable['status'] | null;
}

type SignupNeed = 'none' | 'live' | 'confirmed' | 'any';

interface ActivityRule {
  statuses: readonly ActivityStatus[];
  /** Moments at which the action is open; `attendance` = the check-in/out window. */
  when: readonly ActivityPhase[] | 'attendance';
  who: 'volunteer' | 'manager';
  signup: SignupNeed;
}

const ANY_TIME = ['before_start', 'running', 'ended'] as const satisfies readonly ActivityPhase[];

export const ACTIVITY_RULES = {
  sign_up: { statuses: ['open'], when: ['before_start'], who: 'volunteer', signup: 'none' },
  cancel_signup: { statuses: ['open'], when: ANY_TIME, who: 'volunteer', signup: 'live' },
  check_in: { statuses: ['open'], when: 'attendance', who: 'volunteer', signup: 'confirmed' },
  show_code: { statuses: ['open'], when: ANY_TIME, who: 'manager', signup: 'any' },
  cancel: { statuses: ['open'], when: ANY_TIME, who: 'manager', signup: 'any' },
  // The same moments as a volunteer's own sign-up (the place itself is checked as for `sign_up`).
  sign_up_other: { statuses: ['open'], when: ['before_start'], who: 'manager', signup: 'any' },
} as const satisfies Record<ActivityAction, ActivityRule>;

export function activityPhase(now: Date, startsAt: string, endsAt: string): ActivityPhase {
  const t = now.getTime();
  if (t < Date.parse(startsAt)) return 'before_start';
  return t <= Date.parse(endsAt) ? 'running' : 'ended';
}

export type ActivityRefusal =
  | 'VS_ACTIVITY_NOT_OPEN'
  | 'VS_ACTIVITY_STARTED'
  | 'VS_ATTENDANCE_CLOSED'
  | 'VS_SIGNUP_DUPLICATE'
  | 'VS_SIGNUP_NOT_FOUND'
  | 'VS_NOT_CONFIRMED_SIGNUP'
  | 'FORBIDDEN';

/**
 * Why `action` may not be taken now (the problem code the service answers), or null when it may.
 * Checked in the order a person would understand: the activity's status, the time, then the
 * caller's own sign-up.
 */
export function activityRefusal(
  action: ActivityAction,
  activity: Pick<VsActivityTable, 'status' | 'starts_at' | 'ends_at'>,
  standing: ActivityStanding,
  now: Date,
): ActivityRefusal | null {
  const rule: ActivityRule = ACTIVITY_RULES[action];
  if (rule.who === 'manager' ? !standing.manages : !standing.volunteer) return 'FORBIDDEN';
  if (!rule.statuses.includes(activity.status)) return 'VS_ACTIVITY_NOT_OPEN';
  if (rule.when === 'attendance') {
    const starts = new Date(activity.starts_at);
    const ends = new Date(activity.ends_at);
    if (!attendanceOpen('in', now, starts, ends) && !attendanceOpen('out', now, starts, ends))
      return 'VS_ATTENDANCE_CLOSED';
  } else if (!rule.when.includes(activityPhase(now, activity.starts_at, activity.ends_at))) {
    return 'VS_ACTIVITY_STARTED';
  }
  switch (rule.signup) {
    case 'none':
      return standing.signup ? 'VS_SIGNUP_DUPLICATE' : null;
    case 'live':
      return standing.signup ? null : 'VS_SIGNUP_NOT_FOUND';
    case 'confirmed':
      return standing.signup === 'confirmed' ? null : 'VS_NOT_CONFIRMED_SIGNUP';
    case 'any':
      return null;
  }
}

/** Every action the caller may take now, in table order (what the web shows as buttons). */
export function availableActivityActions(
  activity: Pick<VsActivityTable, 'status' | 'starts_at' | 'ends_at'>,
  standing: ActivityStanding,
  now: Date,
): ActivityAction[] {
  return ACTIVITY_ACTIONS.filter((a) => activityRefusal(a, activity, standing, now) === null);
}
