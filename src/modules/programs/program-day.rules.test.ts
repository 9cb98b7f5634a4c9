import { describe, expect, it } from 'vitest';
import { countStrikes, proposesWithdrawal, type AttendanceDay } from './absence.rules.ts';
import {
  attendanceRefusal,
  availableAttendanceActions,
  countsAsPresent,
} from './attendance.workflow.ts';
import {
  classDayRefusal,
  isLatePickup,
  isoWeekday,
  sessionOn,
  type ClassDay,
} from './class-sessions.rules.ts';
import {
  CODE_ALPHABET,
  codeMatches,
  drawPickupCode,
  normaliseCode,
  tagOf,
} from './pickup-code.rules.ts';
import { releaseDecision, type PickupPerson } from './release.rules.ts';
import { ratioWarnings } from './staff-ratio.rules.ts';

const DAY: ClassDay = {
  seasonStartsOn: '2026-07-06',
  seasonEndsOn: '2026-08-14',
  dayStarts: '08:00',
  dayEnds: '17:30',
  weekdays: [1, 2, 3, 4, 5],
  daysOff: ['2026-07-10'],
};

describe('CP-3 sessions: a class on a day', () => {
  it.each([
    ['2026-07-06', true], // Monday, first day
    ['2026-07-10', false], // day off
    ['2026-07-11', false], // Saturday
    ['2026-07-05', false], // before the season
    ['2026-08-14', true], // last day (Friday)
    ['2026-08-17', false], // after
    ['2026-02-30', false], // no such date
  ])('%s meets: %s', (day, meets) => {
    expect(typeof sessionOn(DAY, day) !== 'string').toBe(meets);
  });
  it('times are China time; the day closes at midnight China time', () => {
    expect(sessionOn(DAY, '2026-07-06')).toEqual({
      startsAt: '2026-07-06T00:00:00.000Z',
      endsAt: '2026-07-06T09:30:00.000Z',
      closesAt: '2026-07-06T16:00:00.000Z',
    });
  });
  it.each([
    [{}, null],
    [{ dayEnds: '07:00' }, 'CP_SCHEDULE_INVALID'],
    [{ dayStarts: '8:00' }, 'CP_SCHEDULE_INVALID'],
    [{ weekdays: [] }, 'CP_SCHEDULE_INVALID'],
    [{ weekdays: [0] }, 'CP_SCHEDULE_INVALID'],
    [{ daysOff: ['2026-09-01'] }, 'CP_SCHEDULE_INVALID'],
  ])('class day %j → %s', (change, refusal) => {
    expect(classDayRefusal({ ...DAY, ...change })).toBe(refusal);
  });
  it('weekdays are ISO (Sunday 7)', () => {
    expect([isoWeekday('2026-07-05'), isoWeekday('2026-07-06')]).toEqual([7, 1]);
  });
  it.each([
    ['2026-07-06T09:45:00Z', false],
    ['2026-07-06T09:45:01Z', true],
  ])('pickup at %s late after 15 min grace: %s', (at, late) => {
    expect(isLatePickup(new Date(at), '2026-07-06T09:30:00.000Z', 15)).toBe(late);
  });
});

describe('CP-3 pickup codes', () => {
  it('at least 4 characters, no look-alikes, tag = first two', () => {
    for (let i = 0; i < 200; i++) {
      const c = drawPickupCode();
      expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6,}$`));
      expect(tagOf(c)).toBe(c.slice(0, 2));
    }
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
  });
  it('draws from the random source it is given', () => {
    expect(drawPickupCode(() => 0)).toBe(CODE_ALPHABET[0]!.repeat(6));
  });
  it.each([
    ['K7-M9 PQ', 'K7M9PQ', 'code'],
    ['k7m9pq', 'K7M9PQ', 'code'],
    ['k7', 'K7M9PQ', 'tag'],
    ['K7M', 'K7M9PQ', null],
    ['K7M9PX', 'K7M9PQ', null],
    ['M9', 'K7M9PQ', null],
  ])('%s against %s → %s', (typed, code, how) => {
    expect(codeMatches(typed, code)).toBe(how);
  });
  it('normalises what staff type', () => expect(normaliseCode(' ab-c d ')).toBe('ABCD'));
});

describe('CP-3 release: code and authorised person; the not-authorised list blocks', () => {
  const p = (x: Partial<PickupPerson>): PickupPerson => ({
    id: 'p1',
    kind: 'authorised',
    name: '李奶奶',
    validFrom: '2026-07-01',
    validUntil: null,
    revoked: false,
    ...x,
  });
  const base = {
    typedCode: 'K7M9PQ',
    code: 'K7M9PQ',
    personId: 'p1',
    presentedName: '李奶奶',
    day: '2026-07-06',
  };
  it.each([
    [[p({})], {}, 'ok'],
    [[p({})], { typedCode: 'K7' }, 'ok'],
    [[p({})], { typedCode: 'XXXXXX' }, 'CP_PICKUP_CODE_WRONG'],
    [[p({})], { code: null }, 'CP_PICKUP_CODE_WRONG'],
    [[p({})], { personId: 'p2' }, 'CP_PICKUP_NOT_AUTHORISED'],
    [[p({})], { presentedName: '王五' }, 'CP_PICKUP_NOT_AUTHORISED'],
    [[p({ revoked: true })], {}, 'CP_PICKUP_NOT_AUTHORISED'],
    [[p({ validUntil: '2026-07-05' })], {}, 'CP_PICKUP_EXPIRED'],
    [[p({ validFrom: '2026-07-07' })], {}, 'CP_PICKUP_EXPIRED'],
    [[p({ validFrom: '2026-07-06', validUntil: '2026-07-06' })], {}, 'ok'], // today only
    [[p({}), p({ id: 'b', kind: 'blocked', name: '李 奶奶' })], {}, 'CP_PICKUP_BLOCKED'],
    [[p({ kind: 'blocked' })], {}, 'CP_PICKUP_BLOCKED'],
    [[p({}), p({ id: 'b', kind: 'blocked', name: '李奶奶', revoked: true })], {}, 'ok'],
  ] as const)('%j %j → %s', (persons, change, expected) => {
    const d = releaseDecision({ ...base, ...change, persons });
    expect(d.ok ? 'ok' : d.refusal).toBe(expected);
  });
});

describe('CP-3 attendance workflow', () => {
  it.each([
    ['sign_in', 'expected', 'staff', null],
    ['sign_in', 'absent', 'staff', null],
    ['sign_in', 'released', 'staff', 'CP_ATTENDANCE_STATE'],
    ['sign_in', 'expected', 'guardian', 'FORBIDDEN'],
    ['release', 'present', 'staff', null],
    ['release', 'expected', 'staff', 'CP_ATTENDANCE_STATE'],
    ['mark_absent', 'present', 'staff', 'CP_ATTENDANCE_STATE'],
    ['report_absence', 'expected', 'guardian', null],
    ['report_absence', 'present', 'guardian', 'CP_ATTENDANCE_STATE'],
    ['auto_close', 'present', 'system', null],
    ['auto_close', 'present', 'staff', 'FORBIDDEN'],
  ] as const)('%s from %s by %s → %s', (action, status, party, refusal) => {
    expect(attendanceRefusal(action, status, party)).toBe(refusal);
  });
  it('a closed day allows nothing to people', () => {
    expect(availableAttendanceActions('present', 'staff', true)).toEqual([]);
    expect(availableAttendanceActions('present', 'staff')).toEqual(['release']);
  });
  it('auto-closed days never count as present', () => {
    expect(
      ['present', 'released', 'auto_closed', 'absent'].map((s) => countsAsPresent(s as never)),
    ).toEqual([true, true, false, false]);
  });
});

describe('CP-3 strikes → withdrawal proposal', () => {
  const d = (x: Partial<AttendanceDay>): AttendanceDay => ({
    day: '2026-07-06',
    status: 'released',
    absenceKind: null,
    late: false,
    updatedAt: '2026-07-06T10:00:00.000Z',
    ...x,
  });
  const days = [
    d({ late: true }),
    d({ status: 'absent', absenceKind: 'sick' }),
    d({ status: 'absent', absenceKind: 'informed' }),
    d({ status: 'absent', absenceKind: 'unexcused', updatedAt: '2026-07-08T10:00:00.000Z' }),
    d({ status: 'auto_closed' }),
  ];
  it('counts late pickups and unexcused absences as strikes, typed absences apart', () => {
    expect(countStrikes(days, null)).toEqual({
      late: 1,
      unexcused: 1,
      sick: 1,
      informed: 1,
      strikes: 2,
    });
  });
  it('a dismissed proposal starts the count afresh', () => {
    expect(countStrikes(days, '2026-07-07T00:00:00.000Z').strikes).toBe(1);
  });
  it.each([
    [2, 3, false, false],
    [3, 3, false, true],
    [4, 3, true, false],
    [1, 1, false, true],
  ])('%i strikes, limit %i, open %s → propose %s', (strikes, limit, open, propose) => {
    const c = { late: strikes, unexcused: 0, sick: 0, informed: 0, strikes };
    expect(proposesWithdrawal(c, limit, open)).toBe(propose);
  });
});

describe('CP-4 ratio warnings from actual check-ins', () => {
  const T = (hhmm: string) => `2026-07-06T${hhmm}:00.000Z`;
  const kids = (n: number, from: string, to: string | null = null) =>
    Array.from({ length: n }, () => ({ from: T(from), to: to === null ? null : T(to) }));
  it('1 staff for 10 children is fine, the 11th child makes a warning until a second staff arrives', () => {
    const w = ratioWarnings({
      staff: [
        { from: T('00:00'), to: null },
        { from: T('02:00'), to: null },
      ],
      children: [...kids(10, '00:00'), ...kids(1, '01:00')],
      childrenPerStaff: 10,
      start: T('00:00'),
      until: T('09:00'),
    });
    expect(w).toEqual([{ from: T('01:00'), to: T('02:00'), staff: 1, children: 11 }]);
  });
  it('a staff member leaving early opens a warning; children leaving closes it', () => {
    const w = ratioWarnings({
      staff: [{ from: T('00:00'), to: T('05:00') }],
      children: [...kids(3, '00:00', '06:00')],
      childrenPerStaff: 10,
      start: T('00:00'),
      until: T('09:00'),
    });
    expect(w).toEqual([{ from: T('05:00'), to: T('06:00'), staff: 0, children: 3 }]);
  });
  it('no children, no warning; the plan does not count, only presence', () => {
    expect(
      ratioWarnings({
        staff: [],
        children: [],
        childrenPerStaff: 10,
        start: T('00:00'),
        until: T('09:00'),
      }),
    ).toEqual([]);
  });
  it('presence is clipped to the session and to now', () => {
    const w = ratioWarnings({
      staff: [],
      children: kids(1, '00:00'),
      childrenPerStaff: 10,
      start: T('01:00'),
      until: T('02:00'),
    });
    expect(w).toEqual([{ from: T('01:00'), to: T('02:00'), staff: 0, children: 1 }]);
  });
  it.each([
    [1, 2, 1, false],
    [1, 2, 3, true],
    [2, 1, 2, false],
  ])('ratio 1:%i with %i staff and %i children → warning %s', (per, staff, children, warned) => {
    const w = ratioWarnings({
      staff: Array.from({ length: staff }, () => ({ from: T('00:00'), to: null })),
      children: kids(children, '00:00'),
      childrenPerStaff: per,
      start: T('00:00'),
      until: T('01:00'),
    });
    expect(w.length > 0).toBe(warned);
  });
});
