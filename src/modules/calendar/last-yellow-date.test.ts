/**
 * GS-8: the figures count yellow cases as those due in [today, lastYellowDate] (issue #16: a count
 * over the due-date rollup, not a light per case). That range must be exactly the due dates
 * `deadlineLight` calls yellow — checked day by day over holidays, make-up working days, overrides,
 * an entered notice and years past the calendar's data, for windows of 0 to 3 working days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  chinaTime,
  CHINESE_DAYS_DATA,
  createWorkCalendar,
  deadlineLight,
  lastYellowDate,
  LAST_OFFICIAL_YEAR,
  type WorkCalendar,
} from './working-days.ts';

const CALENDARS: Record<string, WorkCalendar> = {
  official: createWorkCalendar(),
  overrides: createWorkCalendar([
    { date: '2026-03-03', kind: 'holiday' },
    { date: '2026-03-07', kind: 'workday' },
    { date: '2027-02-06', kind: 'workday' },
  ]),
  'a 2027 notice': createWorkCalendar([], CHINESE_DAYS_DATA, [
    {
      year: 2027,
      days: [
        { date: '2027-02-05', kind: 'holiday', name: null },
        { date: '2027-02-20', kind: 'workday', name: null },
      ],
    },
  ]),
  'statutory only': createWorkCalendar([], { holidays: {}, workdays: {} }),
};

/** Due dates from today-1 to today+25 whose light the range predicts wrong (none, hopefully). */
function wrongDays(today: string, within: number, cal: WorkCalendar) {
  const until = lastYellowDate(today, within, cal);
  const now = chinaTime(today, 23, 59);
  const wrong: string[] = [];
  for (let i = -1; i <= 25; i++) {
    const due = addCalendarDays(today, i);
    const light = deadlineLight({
      dueDate: due,
      now,
      paused: false,
      yellowWithinWorkingDays: within,
      cal,
    });
    if (light !== (due < today ? 'red' : due <= until ? 'yellow' : 'green'))
      wrong.push(`${today}+${within}: ${due} ${light}`);
  }
  return { until, wrong };
}

function compare(today: string, within: number, cal: WorkCalendar) {
  const { until, wrong } = wrongDays(today, within, cal);
  expect(wrong).toEqual([]);
  return until;
}

describe('GS-8 the last yellow due date equals deadlineLight', () => {
  it('is tomorrow on a plain Tuesday, and stretches over a weekend and a holiday', () => {
    const cal = CALENDARS.official!;
    expect(compare('2026-03-10', 1, cal)).toBe('2026-03-11');
    // Thursday: Friday is the one working day; the weekend before Monday is still within it.
    expect(compare('2026-03-12', 1, cal)).toBe('2026-03-15');
    // With no window, only today and the days off right after it are yellow.
    expect(compare('2026-03-13', 0, cal)).toBe('2026-03-15');
    // 2026-02-13 (Friday) before 春节 (2-15..2-23, 2-14 a make-up working Saturday).
    // One working day ahead (Saturday 2-14) and then the holiday: yellow up to its last day.
    expect(compare('2026-02-13', 1, cal)).toBe('2026-02-23');
    expect(compare('2026-02-13', 2, cal)).toBe('2026-02-24');
    // National Day 2026: 10-1..10-7 off, 10-10 (Saturday) a working day.
    expect(compare('2026-09-30', 1, cal)).toBe('2026-10-08');
  });

  it('past the data, counts the statutory holidays (2027 New Year)', () => {
    const cal = CALENDARS.official!;
    expect(LAST_OFFICIAL_YEAR).toBeLessThan(2027);
    expect(compare('2026-12-31', 1, cal)).toBe('2027-01-04');
  });

  it('agrees with deadlineLight on every day of 2026 and 2027 (past the data), windows 0, 1, 3', () => {
    const wrong: string[] = [];
    for (const cal of [CALENDARS.official!, CALENDARS['a 2027 notice']!])
      for (let d = 0; d < 2 * 365; d += 1) {
        const today = addCalendarDays('2026-01-01', d);
        for (const within of [0, 1, 3]) wrong.push(...wrongDays(today, within, cal).wrong);
      }
    expect(wrong).toEqual([]);
  }, 30_000);

  it('agrees on random days and windows far past the data', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * 365 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(...Object.keys(CALENDARS)),
        (d, within, name) => {
          compare(addCalendarDays('2020-01-01', d), within, CALENDARS[name]!);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a negative or fractional window', () => {
    expect(() => lastYellowDate('2026-03-10', -1, CALENDARS.official!)).toThrow(RangeError);
    expect(() => lastYellowDate('2026-03-10', 1.5, CALENDARS.official!)).toThrow(RangeError);
  });
});
