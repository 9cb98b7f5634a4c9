/**
 * GS-8 working days, pure and fast: every instant is injected, nothing reads the clock.
 *
 * The 2026 dates are the State Council's 国务院办公厅关于2026年部分节假日安排的通知 (November 2025,
 * https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm, cited by chinese-days), checked
 * against chinese-workday@1.16.1's table, which agrees with chinese-days for every day of 2024–2026:
 *   春节 2月15日（周日）至23日（周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
 *   中秋 9月25日（周五）至27日（周日）放假，共3天。
 *   国庆 10月1日（周四）至7日（周三）放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
 */
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  calendarWarnings,
  calendarWarningsForRange,
  CHINESE_DAYS_DATA,
  computeDueDate,
  createWorkCalendar,
  describeDay,
  isWorkingDay,
  LAST_OFFICIAL_YEAR,
  lastYearOf,
  provisionalYears,
  workingDaysBetween,
} from './working-days.ts';

const cal = createWorkCalendar();
/** An instant given as China wall-clock time. */
const cn = (dateTime: string) => new Date(`${dateTime}+08:00`);

describe('GS-8 the official data', () => {
  it('covers 2004 to 2026: when chinese-days adds 2027, review the 2027 tests and this number', () => {
    expect(LAST_OFFICIAL_YEAR).toBe(2026);
    expect(cal.lastOfficialYear).toBe(2026);
    expect(Object.keys(CHINESE_DAYS_DATA.holidays).sort()[0]).toBe('2004-01-01');
  });

  it('derives the last year from whatever data it is given', () => {
    const data = { holidays: { '2030-10-01': 'National Day,国庆节,3' }, workdays: {} };
    expect(lastYearOf(data)).toBe(2030);
    expect(createWorkCalendar([], data).lastOfficialYear).toBe(2030);
  });

  it('pins the 2026 days off and make-up working days of the notice', () => {
    const in2026 = (r: Readonly<Record<string, string>>) =>
      Object.keys(r)
        .filter((d) => d.startsWith('2026-'))
        .sort();
    const range = (from: string, days: number) =>
      Array.from({ length: days }, (_, i) => addCalendarDays(from, i));
    expect(in2026(CHINESE_DAYS_DATA.holidays)).toEqual([
      ...range('2026-01-01', 3),
      ...range('2026-02-15', 9),
      ...range('2026-04-04', 3),
      ...range('2026-05-01', 5),
      ...range('2026-06-19', 3),
      ...range('2026-09-25', 3),
      ...range('2026-10-01', 7),
    ]);
    expect(in2026(CHINESE_DAYS_DATA.workdays)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  // The package's own functions read the local time zone; west of UTC they answer for the day before.
  it.skipIf(new Date(2026, 0, 1).getTimezoneOffset() > 0)(
    'agrees with chinese-days’ own isWorkday for every day from 2004 to the end of the data',
    () => {
      const mismatches: string[] = [];
      for (let d = '2004-01-01'; d <= `${LAST_OFFICIAL_YEAR}-12-31`; d = addCalendarDays(d, 1)) {
        const [y, m, day] = d.split('-').map(Number) as [number, number, number];
        if (chineseDays.isWorkday(new Date(y, m - 1, day)) !== isWorkingDay(d, cal))
          mismatches.push(d);
      }
      expect(mismatches).toEqual([]);
    },
  );
});

describe('GS-8 working days around the 2026 Spring Festival', () => {
  it.each([
    ['2026-02-13', true, 'the Friday before the break'],
    ['2026-02-14', true, 'a make-up Saturday'],
    ['2026-02-15', false, 'the break starts on a Sunday'],
    ['2026-02-16', false, 'a Monday inside the break'],
    ['2026-02-23', false, 'the last day of the break, a Monday'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'the second make-up Saturday'],
    ['2026-03-01', false, 'an ordinary Sunday'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, cal)).toBe(working);
  });

  it('describes a make-up Saturday with its festival and source', () => {
    expect(describeDay('2026-02-14', cal)).toEqual({
      date: '2026-02-14',
      weekday: 6,
      working: true,
      source: 'official',
      holiday: { zh: '春节', en: 'Spring Festival' },
    });
    expect(describeDay('2026-03-07', cal)).toEqual({
      date: '2026-03-07',
      weekday: 6,
      working: false,
      source: 'weekday-rule',
      holiday: null,
    });
  });

  it('accepted the Friday before the break with 5 days: due Friday after it (the Saturday counts)', () => {
    expect(addWorkingDays('2026-02-13', 5, cal)).toBe('2026-02-27');
  });

  it('accepted on the make-up Saturday with 5 days: due on the next make-up Saturday', () => {
    expect(addWorkingDays('2026-02-14', 5, cal)).toBe('2026-02-28');
  });

  it('accepted during the break: counting starts after it', () => {
    expect(addWorkingDays('2026-02-18', 1, cal)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-18', 5, cal)).toBe('2026-02-28');
  });

  it('a make-up Saturday is a working day to land on and to count', () => {
    expect(addWorkingDays('2026-02-27', 1, cal)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-28', 1, cal)).toBe('2026-03-02');
  });

  it('promised 0 days (即办件) is the same day, even on a holiday', () => {
    expect(addWorkingDays('2026-03-02', 0, cal)).toBe('2026-03-02');
    expect(addWorkingDays('2026-02-18', 0, cal)).toBe('2026-02-18');
  });

  it('counts working days between dates, inverse to addWorkingDays', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-27', cal)).toBe(5);
    expect(workingDaysBetween('2026-02-27', '2026-02-13', cal)).toBe(-5);
    expect(workingDaysBetween('2026-02-14', '2026-02-23', cal)).toBe(0);
    expect(workingDaysBetween('2026-03-02', '2026-03-02', cal)).toBe(0);
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 7)) {
      for (const n of [0, 1, 5, 20]) {
        expect(workingDaysBetween(d, addWorkingDays(d, n, cal), cal)).toBe(n);
      }
    }
  });
});

describe('GS-8 working days around the 2026 National Day', () => {
  it.each([
    ['2026-09-20', true, 'a make-up Sunday'],
    ['2026-09-25', false, 'Mid-autumn, a Friday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'the last day of the break, a Wednesday'],
    ['2026-10-08', true, 'back to work'],
    ['2026-10-10', true, 'a make-up Saturday'],
    ['2026-10-11', false, 'an ordinary Sunday'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, cal)).toBe(working);
  });

  it('20 working days from Monday 21 September: due 26 October, later than by statutory days only', () => {
    expect(addWorkingDays('2026-09-21', 20, cal)).toBe('2026-10-26');
    // Without the notice (no data at all): weekends and the statutory 中秋 and 国庆 1–3 only.
    const statutoryOnly = createWorkCalendar([], { holidays: {}, workdays: {} });
    expect(addWorkingDays('2026-09-21', 20, statutoryOnly)).toBe('2026-10-22');
  });

  it('the make-up Sunday is the next working day after a Saturday', () => {
    expect(addWorkingDays('2026-09-19', 1, cal)).toBe('2026-09-20');
  });
});

describe('GS-8 overrides', () => {
  it('turn an ordinary Tuesday into a holiday', () => {
    const c = createWorkCalendar([{ date: '2026-03-03', kind: 'holiday' }]);
    expect(isWorkingDay('2026-03-03', c)).toBe(false);
    expect(addWorkingDays('2026-03-02', 1, c)).toBe('2026-03-04');
    expect(describeDay('2026-03-03', c)).toMatchObject({ working: false, source: 'override' });
  });

  it('turn a Saturday into a working day', () => {
    const c = createWorkCalendar([{ date: '2026-03-07', kind: 'workday' }]);
    expect(addWorkingDays('2026-03-06', 1, c)).toBe('2026-03-07');
  });

  it('win over the official data, keeping the festival name', () => {
    const c = createWorkCalendar([
      { date: '2026-02-16', kind: 'workday' },
      { date: '2026-02-14', kind: 'holiday' },
    ]);
    expect(addWorkingDays('2026-02-13', 1, c)).toBe('2026-02-16');
    expect(describeDay('2026-02-14', c)).toMatchObject({
      working: false,
      source: 'override',
      holiday: { zh: '春节' },
    });
  });

  it('refuse an impossible date', () => {
    expect(() => createWorkCalendar([{ date: '2026-02-30', kind: 'holiday' }])).toThrow(RangeError);
  });
});

describe('GS-8 beyond the official data', () => {
  it('2027: New Year’s Day is a statutory holiday, the year is provisional and says so', () => {
    expect(isWorkingDay('2027-01-01', cal)).toBe(false);
    expect(describeDay('2027-01-01', cal)).toMatchObject({
      source: 'statutory',
      working: false,
      holiday: { zh: '元旦' },
    });
    expect(describeDay('2027-01-04', cal)).toMatchObject({ source: 'weekday-rule', working: true });
    expect(calendarWarnings('2027-01-01', cal)).toEqual([
      expect.objectContaining({
        code: 'CALENDAR_YEAR_PROVISIONAL',
        year: 2027,
        lastOfficialYear: 2026,
      }),
    ]);
    expect(calendarWarnings('2027-01-01', cal)[0]!.zh).toContain('2027 年');
  });

  it('from 2026-12-30, two working days end on Monday 4 January 2027 (not on 元旦)', () => {
    expect(addWorkingDays('2026-12-30', 2, cal)).toBe('2027-01-04');
  });

  it('a 20-working-day case accepted on 2026-12-04 skips 元旦 2027', () => {
    const r = computeDueDate({
      acceptedAt: cn('2026-12-04T09:00'),
      promisedDays: 20,
      pauses: [],
      cal,
    });
    expect(r.dueDate).toBe('2027-01-04');
    expect(r.warnings.map((w) => w.year)).toEqual([2027]);
  });

  it('the 2027 Spring Festival (除夕 5 February to 初三 8 February) is off', () => {
    expect(['2027-02-05', '2027-02-08'].map((d) => isWorkingDay(d, cal))).toEqual([false, false]);
    expect(isWorkingDay('2027-02-04', cal)).toBe(true);
    expect(isWorkingDay('2027-02-09', cal)).toBe(true);
    expect(addWorkingDays('2027-02-04', 1, cal)).toBe('2027-02-09');
  });

  it('no warning inside the official data', () => {
    expect(calendarWarnings('2026-12-31', cal)).toEqual([]);
    expect(calendarWarnings('2004-05-01', cal)).toEqual([]);
  });

  it('one override in a year does not make the year known; its notice does', () => {
    const c = createWorkCalendar([{ date: '2027-01-01', kind: 'holiday' }]);
    expect(calendarWarnings('2027-06-01', c).map((w) => w.year)).toEqual([2027]);
    expect(provisionalYears('2026-12-04', '2027-01-04', c)).toEqual([2027]);
    const n = createWorkCalendar([], CHINESE_DAYS_DATA, [{ year: 2027, days: [] }]);
    expect(calendarWarnings('2027-06-01', n)).toEqual([]);
    expect(calendarWarnings('2028-06-01', n).map((w) => w.year)).toEqual([2028]);
  });

  it('a notice adds its bridge days and make-up working days; statutory days stay off', () => {
    const notice = {
      year: 2027,
      days: [
        {
          date: '2027-02-09',
          kind: 'holiday' as const,
          name: { zh: '春节', en: 'Spring Festival' },
        },
        { date: '2027-02-20', kind: 'workday' as const, name: null },
      ],
    };
    const c = createWorkCalendar([], CHINESE_DAYS_DATA, [notice]);
    expect(describeDay('2027-02-09', c)).toMatchObject({ working: false, source: 'notice' });
    expect(describeDay('2027-02-20', c)).toMatchObject({ working: true, source: 'notice' });
    expect(describeDay('2027-02-08', c)).toMatchObject({ working: false, source: 'statutory' });
    expect(addWorkingDays('2027-02-04', 1, c)).toBe('2027-02-10');
  });

  it('a notice for a year inside the official data is ignored (the data stays authoritative)', () => {
    const c = createWorkCalendar([], CHINESE_DAYS_DATA, [
      { year: 2026, days: [{ date: '2026-03-03', kind: 'holiday', name: null }] },
    ]);
    expect(isWorkingDay('2026-03-03', c)).toBe(true);
  });

  it('overrides still win over statutory and notice days', () => {
    const c = createWorkCalendar([{ date: '2027-01-01', kind: 'workday' }]);
    expect(describeDay('2027-01-01', c)).toMatchObject({
      working: true,
      source: 'override',
      holiday: { zh: '元旦' },
    });
  });

  it('a due date in 2027 carries the warning; one per provisional year of a long range', () => {
    const r = computeDueDate({
      acceptedAt: cn('2026-12-28T09:00'),
      promisedDays: 10,
      pauses: [],
      cal,
    });
    expect(r.dueDate.startsWith('2027-')).toBe(true);
    expect(r.warnings.map((w) => w.year)).toEqual([2027]);
    expect(calendarWarningsForRange('2026-06-01', '2028-02-01', cal).map((w) => w.year)).toEqual([
      2027, 2028,
    ]);
  });
});
