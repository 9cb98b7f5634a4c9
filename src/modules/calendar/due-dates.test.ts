/**
 * GS-8 due dates and deadline lights on working days (the calendar itself: working-days.test.ts),
 * pure and fast: every instant is injected, nothing reads the clock.
 *
 * The 2026 dates are the State Council's 国务院办公厅关于2026年部分节假日安排的通知 (November 2025,
 * https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm, cited by chinese-days), checked
 * against chinese-workday@1.16.1's table, which agrees with chinese-days for every day of 2024–2026:
 *   春节 2月15日（周日）至23日（周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
 *   中秋 9月25日（周五）至27日（周日）放假，共3天。
 *   国庆 10月1日（周四）至7日（周三）放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  chinaDate,
  chinaTime,
  computeDueDate,
  createWorkCalendar,
  deadlineLight,
  isValidIsoDate,
  type ClockPause,
  type WorkCalendar,
} from './working-days.ts';

const cal = createWorkCalendar();
/** An instant given as China wall-clock time. */
const cn = (dateTime: string) => new Date(`${dateTime}+08:00`);

describe('GS-8 due dates with the clock paused', () => {
  const acceptedAt = cn('2026-03-02T09:00'); // a Monday; 5 days → Monday 9 March
  const due = (pauses: ClockPause[], promisedDays = 5, calendar: WorkCalendar = cal) =>
    computeDueDate({ acceptedAt, promisedDays, pauses, cal: calendar });

  it('without pauses: acceptance date + promised working days, no warnings', () => {
    expect(due([])).toEqual({
      dueDate: '2026-03-09',
      pausedWorkingDays: 0,
      paused: false,
      warnings: [],
    });
  });

  it('uses the China date of acceptance (00:30 in Beijing is the previous day in UTC)', () => {
    const r = computeDueDate({
      acceptedAt: new Date('2026-02-12T16:30:00Z'), // Friday 13 February, 00:30 in Beijing
      promisedDays: 5,
      pauses: [],
      cal,
    });
    expect(r.dueDate).toBe('2026-02-27');
  });

  it('awaiting a supplement for 3 working days moves the due date 3 working days', () => {
    const r = due([{ from: cn('2026-03-03T10:00'), to: cn('2026-03-05T16:00') }]);
    expect(r).toMatchObject({ dueDate: '2026-03-12', pausedWorkingDays: 3, paused: false });
  });

  it('a pause within one working day costs that day', () => {
    expect(due([{ from: cn('2026-03-04T10:00'), to: cn('2026-03-04T15:00') }])).toMatchObject({
      dueDate: '2026-03-10',
      pausedWorkingDays: 1,
    });
  });

  it('a pause over a weekend costs the Friday and the Monday it touches', () => {
    expect(due([{ from: cn('2026-03-06T17:00'), to: cn('2026-03-09T08:30') }])).toMatchObject({
      pausedWorkingDays: 2,
      dueDate: '2026-03-11',
    });
  });

  it('overlapping pauses count each day once', () => {
    const r = due([
      { from: cn('2026-03-03T10:00'), to: cn('2026-03-04T12:00') },
      { from: cn('2026-03-04T09:00'), to: cn('2026-03-05T11:00') },
      { from: cn('2026-03-05T14:00'), to: cn('2026-03-05T15:00') },
    ]);
    expect(r).toMatchObject({ dueDate: '2026-03-12', pausedWorkingDays: 3 });
  });

  it('a pause on the day of acceptance counts; one before acceptance counts from acceptance', () => {
    expect(due([{ from: cn('2026-03-02T10:00'), to: cn('2026-03-02T11:00') }])).toMatchObject({
      pausedWorkingDays: 1,
    });
    expect(due([{ from: cn('2026-02-27T10:00'), to: cn('2026-03-02T10:00') }])).toMatchObject({
      pausedWorkingDays: 1,
      dueDate: '2026-03-10',
    });
  });

  it('a pause starting after the due date does not move it (pausing cannot clear a red case)', () => {
    expect(due([{ from: cn('2026-03-10T09:00'), to: cn('2026-03-12T09:00') }])).toMatchObject({
      dueDate: '2026-03-09',
      pausedWorkingDays: 0,
    });
  });

  it('a pause starting on the due date takes in all of its days', () => {
    expect(due([{ from: cn('2026-03-09T10:00'), to: cn('2026-03-10T10:00') }])).toMatchObject({
      dueDate: '2026-03-11',
      pausedWorkingDays: 2,
    });
  });

  it('an open pause: paused, and the due date is the earliest it can be', () => {
    expect(due([{ from: cn('2026-03-04T10:00'), to: null }])).toMatchObject({
      dueDate: '2026-03-10',
      pausedWorkingDays: 1,
      paused: true,
    });
  });

  it('a pause across the Spring Festival counts only its working days', () => {
    const r = computeDueDate({
      acceptedAt: cn('2026-02-11T09:00'), // Wednesday; 5 days → 25 February
      promisedDays: 5,
      pauses: [{ from: cn('2026-02-13T10:00'), to: cn('2026-02-24T11:00') }], // 13, 14, 24
      cal,
    });
    expect(r).toMatchObject({ dueDate: '2026-02-28', pausedWorkingDays: 3 });
  });

  it('即办件 with a pause into the next day is due on the next working day', () => {
    expect(due([{ from: cn('2026-03-02T10:00'), to: cn('2026-03-03T09:30') }], 0)).toMatchObject({
      dueDate: '2026-03-04',
      pausedWorkingDays: 2,
    });
    expect(due([], 0)).toMatchObject({ dueDate: '2026-03-02' });
  });

  it('refuses nonsense: a pause ending before it starts, negative or fractional days', () => {
    expect(() => due([{ from: cn('2026-03-04T10:00'), to: cn('2026-03-03T10:00') }])).toThrow(
      RangeError,
    );
    expect(() => due([], -1)).toThrow(RangeError);
    expect(() => due([], 1.5)).toThrow(RangeError);
  });
});

describe('GS-8 deadline lights', () => {
  const light = (now: string, yellowWithinWorkingDays?: number, paused = false) =>
    deadlineLight({
      dueDate: '2026-03-09', // a Monday
      now: cn(now),
      paused,
      cal,
      ...(yellowWithinWorkingDays === undefined ? {} : { yellowWithinWorkingDays }),
    });

  it('green two working days ahead, yellow from the last working day before, red the day after', () => {
    expect(light('2026-03-05T09:00')).toBe('green');
    expect(light('2026-03-06T09:00')).toBe('yellow');
    expect(light('2026-03-07T12:00')).toBe('yellow'); // Saturday: one working day left
    expect(light('2026-03-09T23:59')).toBe('yellow');
    expect(light('2026-03-10T00:00')).toBe('red');
  });

  it('the yellow window is configurable', () => {
    expect(light('2026-03-05T09:00', 2)).toBe('yellow');
    expect(light('2026-03-04T09:00', 2)).toBe('green');
    expect(light('2026-03-06T09:00', 0)).toBe('green');
    expect(light('2026-03-09T09:00', 0)).toBe('yellow');
  });

  it('a far-away due date is green without walking to it', () => {
    const far = deadlineLight({
      dueDate: '2099-12-31',
      now: cn('2026-03-02T09:00'),
      paused: false,
      cal,
    });
    expect(far).toBe('green');
  });

  it('paused wins, even past the due date', () => {
    expect(light('2026-03-05T09:00', 1, true)).toBe('paused');
    expect(light('2026-03-12T09:00', 1, true)).toBe('paused');
  });

  it('counts working days across the Spring Festival break', () => {
    const at = (now: string) =>
      deadlineLight({ dueDate: '2026-02-24', now: cn(now), paused: false, cal });
    expect(at('2026-02-13T09:00')).toBe('green'); // 14 and 24 left
    expect(at('2026-02-14T09:00')).toBe('yellow'); // only 24 left, 10 days away
    expect(at('2026-02-20T09:00')).toBe('yellow');
  });
});

describe('GS-8 China dates and times', () => {
  it('chinaDate changes at midnight in Beijing, 16:00 UTC', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(chinaDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(() => chinaDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('chinaTime is a wall-clock time in Beijing', () => {
    expect(chinaTime('2026-03-02', 9).toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(chinaTime('2026-03-02', 0, 30).toISOString()).toBe('2026-03-01T16:30:00.000Z');
  });

  it('validates calendar dates strictly', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('2026-2-3')).toBe(false);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(() => addWorkingDays('2026-02-30', 1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', -1, cal)).toThrow(RangeError);
  });
});
