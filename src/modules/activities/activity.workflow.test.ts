import { describe, expect, it } from 'vitest';
import { attendanceOpen } from './hours.rules.ts';
import {
  ACTIVITY_ACTIONS,
  activityPhase,
  activityRefusal,
  availableActivityActions,
  type ActivityStanding,
} from './activity.workflow.ts';

const STARTS = '2026-07-01T01:00:00.000Z'; // 09:00 in Beijing
const ENDS = '2026-07-01T03:00:00.000Z';
const at = (iso: string) => new Date(iso);
const BEFORE = at('2026-06-30T01:00:00.000Z');
const RUNNING = at('2026-07-01T02:00:00.000Z');
const AFTER = at('2026-07-02T01:00:00.000Z');
const open = { status: 'open', starts_at: STARTS, ends_at: ENDS } as const;

const VOLUNTEER: ActivityStanding = { manages: false, volunteer: true, signup: null };
const SIGNED: ActivityStanding = { manages: false, volunteer: true, signup: 'confirmed' };
const WAITING: ActivityStanding = { manages: false, volunteer: true, signup: 'waitlisted' };
const LEAD: ActivityStanding = { manages: true, volunteer: false, signup: null };

describe('VS-6 activity workflow: the table the services enforce and the web reads', () => {
  it('places now before, during and after the activity', () => {
    expect(activityPhase(BEFORE, STARTS, ENDS)).toBe('before_start');
    expect(activityPhase(at(STARTS), STARTS, ENDS)).toBe('running');
    expect(activityPhase(at(ENDS), STARTS, ENDS)).toBe('running');
    expect(activityPhase(AFTER, STARTS, ENDS)).toBe('ended');
  });

  it('sign-up: only before the start, only an open activity, only once', () => {
    expect(activityRefusal('sign_up', open, VOLUNTEER, BEFORE)).toBeNull();
    expect(activityRefusal('sign_up', open, VOLUNTEER, at(STARTS))).toBe('VS_ACTIVITY_STARTED');
    expect(activityRefusal('sign_up', open, VOLUNTEER, RUNNING)).toBe('VS_ACTIVITY_STARTED');
    expect(activityRefusal('sign_up', open, VOLUNTEER, AFTER)).toBe('VS_ACTIVITY_STARTED');
    expect(activityRefusal('sign_up', { ...open, status: 'cancelled' }, VOLUNTEER, BEFORE)).toBe(
      'VS_ACTIVITY_NOT_OPEN',
    );
    expect(activityRefusal('sign_up', { ...open, status: 'completed' }, VOLUNTEER, BEFORE)).toBe(
      'VS_ACTIVITY_NOT_OPEN',
    );
    expect(activityRefusal('sign_up', open, SIGNED, BEFORE)).toBe('VS_SIGNUP_DUPLICATE');
    expect(activityRefusal('sign_up', open, WAITING, BEFORE)).toBe('VS_SIGNUP_DUPLICATE');
    expect(activityRefusal('sign_up', open, LEAD, BEFORE)).toBe('FORBIDDEN');
  });

  it('withdrawing: a live sign-up (confirmed or waitlisted) of an open activity, at any time', () => {
    for (const now of [BEFORE, RUNNING, AFTER]) {
      expect(activityRefusal('cancel_signup', open, SIGNED, now)).toBeNull();
      expect(activityRefusal('cancel_signup', open, WAITING, now)).toBeNull();
      expect(activityRefusal('cancel_signup', open, VOLUNTEER, now)).toBe('VS_SIGNUP_NOT_FOUND');
    }
    expect(activityRefusal('cancel_signup', { ...open, status: 'completed' }, SIGNED, BEFORE)).toBe(
      'VS_ACTIVITY_NOT_OPEN',
    );
  });

  it('check-in: a confirmed volunteer, exactly inside the attendance window', () => {
    const starts = new Date(STARTS);
    const ends = new Date(ENDS);
    for (let m = -24 * 60; m <= 24 * 60; m += 15) {
      const now = new Date(starts.getTime() + m * 60_000);
      const window =
        attendanceOpen('in', now, starts, ends) || attendanceOpen('out', now, starts, ends);
      expect(activityRefusal('check_in', open, SIGNED, now), `${m} min`).toBe(
        window ? null : 'VS_ATTENDANCE_CLOSED',
      );
    }
    expect(activityRefusal('check_in', open, WAITING, RUNNING)).toBe('VS_NOT_CONFIRMED_SIGNUP');
    expect(activityRefusal('check_in', open, VOLUNTEER, RUNNING)).toBe('VS_NOT_CONFIRMED_SIGNUP');
  });

  it('the lead: cancel and show the code while open, never as a mere volunteer', () => {
    for (const now of [BEFORE, RUNNING, AFTER]) {
      expect(activityRefusal('cancel', open, LEAD, now)).toBeNull();
      expect(activityRefusal('show_code', open, LEAD, now)).toBeNull();
    }
    for (const status of ['cancelled', 'completed'] as const) {
      expect(activityRefusal('cancel', { ...open, status }, LEAD, BEFORE)).toBe(
        'VS_ACTIVITY_NOT_OPEN',
      );
      expect(activityRefusal('show_code', { ...open, status }, LEAD, BEFORE)).toBe(
        'VS_ACTIVITY_NOT_OPEN',
      );
    }
    expect(activityRefusal('cancel', open, SIGNED, BEFORE)).toBe('FORBIDDEN');
  });

  it('availableActions is exactly the actions without a refusal', () => {
    expect(availableActivityActions(open, VOLUNTEER, BEFORE)).toEqual(['sign_up']);
    expect(availableActivityActions(open, VOLUNTEER, RUNNING)).toEqual([]); // the bug of #12: no sign-up after the start
    expect(availableActivityActions(open, SIGNED, RUNNING)).toEqual(['cancel_signup', 'check_in']);
    expect(availableActivityActions(open, LEAD, RUNNING)).toEqual(['show_code', 'cancel']);
    expect(availableActivityActions(open, LEAD, BEFORE)).toEqual([
      'show_code',
      'cancel',
      'sign_up_other',
    ]);
    expect(availableActivityActions({ ...open, status: 'cancelled' }, SIGNED, BEFORE)).toEqual([]);
    const both: ActivityStanding = { manages: true, volunteer: true, signup: null };
    expect(availableActivityActions(open, both, BEFORE)).toEqual([
      'sign_up',
      'show_code',
      'cancel',
      'sign_up_other',
    ]);
    expect(ACTIVITY_ACTIONS).toHaveLength(6);
  });

  it('the lead signs someone up exactly when a volunteer could sign up themselves', () => {
    for (const status of ['open', 'cancelled'] as const)
      for (const now of [BEFORE, RUNNING])
        expect(
          activityRefusal('sign_up_other', { ...open, status }, LEAD, now) === null,
          `${status} ${now.toISOString()}`,
        ).toBe(activityRefusal('sign_up', { ...open, status }, VOLUNTEER, now) === null);
    expect(activityRefusal('sign_up_other', open, VOLUNTEER, BEFORE)).toBe('FORBIDDEN');
  });
});
