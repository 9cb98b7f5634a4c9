import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../api/calendar';
import { dayKind, holidayRuns, isoWeekday, monthsOf, todayIso } from './month-grid';

const NATIONAL_DAY = { zh: '国庆节', en: 'National Day' };
const day = (
  date: string,
  working: boolean,
  source: CalendarDay['source'],
  holiday: CalendarDay['holiday'] = null,
): CalendarDay => ({ date, weekday: isoWeekday(date), working, source, holiday });

describe('month view', () => {
  it('tells holidays, make-up working days, overrides and weekends apart', () => {
    expect(dayKind(day('2026-10-01', false, 'official', NATIONAL_DAY))).toBe('holiday');
    expect(dayKind(day('2026-10-10', true, 'official', NATIONAL_DAY))).toBe('makeup');
    expect(dayKind(day('2026-10-11', false, 'weekday-rule'))).toBe('weekend');
    expect(dayKind(day('2026-10-12', true, 'weekday-rule'))).toBe('workday');
    expect(dayKind(day('2026-10-13', false, 'override'))).toBe('override-holiday');
    expect(dayKind(day('2026-10-17', true, 'override'))).toBe('override-workday');
    // Years after the official data: statutory days by law, and an entered notice's days.
    expect(dayKind(day('2027-01-01', false, 'statutory', { zh: '元旦', en: 'New Year' }))).toBe(
      'holiday',
    );
    expect(dayKind(day('2027-02-09', false, 'notice'))).toBe('holiday');
    expect(dayKind(day('2027-02-20', true, 'notice'))).toBe('makeup');
  });

  it('cuts a range into Monday-first months', () => {
    const days = [
      day('2026-09-29', true, 'weekday-rule'),
      day('2026-09-30', true, 'weekday-rule'),
      day('2026-10-01', false, 'official', NATIONAL_DAY),
      day('2026-10-02', false, 'official', NATIONAL_DAY),
    ];
    const months = monthsOf(days);
    expect(months.map((m) => [m.month, m.leadingBlanks, m.days.length])).toEqual([
      [9, 1, 2],
      [10, 3, 2],
    ]);
  });

  it('groups consecutive holidays and keeps make-up days apart', () => {
    const days = [
      day('2026-10-01', false, 'official', NATIONAL_DAY),
      day('2026-10-02', false, 'official', NATIONAL_DAY),
      day('2026-10-03', false, 'official', NATIONAL_DAY),
      day('2026-10-08', true, 'weekday-rule'),
      day('2026-10-10', true, 'official', NATIONAL_DAY),
      day('2026-10-11', false, 'weekday-rule'),
    ];
    expect(holidayRuns(days)).toEqual([
      { name: NATIONAL_DAY, kind: 'holiday', from: '2026-10-01', to: '2026-10-03' },
      { name: NATIONAL_DAY, kind: 'makeup', from: '2026-10-10', to: '2026-10-10' },
    ]);
  });

  it('knows weekdays and today', () => {
    expect(isoWeekday('2026-10-01')).toBe(4);
    expect(isoWeekday('2026-10-04')).toBe(7);
    expect(todayIso(new Date(2027, 0, 5, 10))).toBe('2027-01-05');
  });
});
