/**
 * GS-8 working days: pure rules, no I/O. Every date is a 'YYYY-MM-DD' calendar date in China time
 * (Asia/Shanghai: UTC+8 all year, no daylight saving), so date arithmetic is plain UTC day counting.
 *
 * The official calendar is the data `chinese-days` builds from the State Council notices
 * (国务院办公厅关于部分节假日安排的通知, 2004 onwards). We read its shipped table rather than call
 * its functions: they take the weekday and their table keys from the process's local time zone,
 * so on a machine west of UTC (e.g. TZ=America/New_York) every date answers for the day before.
 * For years after its data, the statutory holidays fixed by law are computed
 * (statutory-holidays.ts); only the year's bridge days and 调休 make-up working days are unknown
 * until an administrator enters that year's notice (calendar_notice_days). Until then the year is
 * provisional and `calendarWarnings` says so. Single-date overrides (calendar_overrides) win over
 * everything, but do not make a year's schedule known.
 */
import chineseDaysTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { statutoryHolidayOn } from './statutory-holidays.ts';
import { CHINA_OFFSET_MS, chinaDate } from '../../shared/china-time.ts';
import type {
  IsoDate,
  OverrideKind,
  DaySource,
  DeadlineLight,
  OfficialCalendarData,
  CalendarOverride,
  NoticeDay,
  CalendarNotice,
  WorkCalendar,
  HolidayName,
  DayInfo,
  CalendarWarning,
  ClockPause,
  DueDate,
} from './working-days.types.ts';

export type * from './working-days.types.ts';

const DAY_MS = 86_400_000;
/** Walks are bounded: no promise or pause in public services spans more than this. */
const MAX_WALK_DAYS = 20_000;

export const CHINESE_DAYS_DATA: OfficialCalendarData = {
  holidays: chineseDaysTable.holidays,
  workdays: chineseDaysTable.workdays,
};

/** The last year listed in the data (derived, so a package upgrade moves it by itself). */
export function lastYearOf(data: OfficialCalendarData): number {
  const years = [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) =>
    Number(d.slice(0, 4)),
  );
  return Math.max(...years);
}

export const LAST_OFFICIAL_YEAR = lastYearOf(CHINESE_DAYS_DATA);

export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

/** Days since 1970-01-01 (a Thursday). */
function dayNumber(date: IsoDate): number {
  if (!isValidIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function isoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1; // day 0 was a Thursday (4)
}

/** `to` minus `from` in calendar days. */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return isoDate(dayNumber(date) + n);
}

/** The Asia/Shanghai calendar date of an instant: the kernel's rule, re-exported until records imports it from there. */
export { chinaDate };

/** The instant of a wall-clock time in China on a date, e.g. 09:00 on the day of acceptance. */
export function chinaTime(date: IsoDate, hour: number, minute = 0): Date {
  return new Date(dayNumber(date) * DAY_MS + (hour * 60 + minute) * 60_000 - CHINA_OFFSET_MS);
}

export function createWorkCalendar(
  overrides: readonly CalendarOverride[] = [],
  official: OfficialCalendarData = CHINESE_DAYS_DATA,
  notices: readonly CalendarNotice[] = [],
): WorkCalendar {
  const map = new Map<IsoDate, OverrideKind>();
  for (const o of overrides) {
    dayNumber(o.date); // validates
    map.set(o.date, o.kind);
  }
  const lastOfficialYear = lastYearOf(official);
  const noticeDays = new Map<IsoDate, NoticeDay>();
  const noticeYears = new Set<number>();
  for (const n of notices) {
    if (n.year <= lastOfficialYear) continue; // the shipped data stays authoritative
    noticeYears.add(n.year);
    for (const d of n.days) {
      dayNumber(d.date);
      if (Number(d.date.slice(0, 4)) === n.year) noticeDays.set(d.date, d);
    }
  }
  return { lastOfficialYear, official, overrides: map, noticeDays, noticeYears };
}

function holidayName(value: string | undefined): HolidayName | null {
  if (value === undefined) return null;
  const [en, zh] = value.split(',');
  return { en: en ?? value, zh: zh ?? en ?? value };
}

/** The statutory holiday computed by law, for years after the official data only. */
function statutoryOn(date: IsoDate, cal: WorkCalendar): HolidayName | null {
  return Number(date.slice(0, 4)) > cal.lastOfficialYear ? statutoryHolidayOn(date) : null;
}

/** A day's status without overrides: notice, official data, statutory holiday, weekday rule. */
function baseDay(
  date: IsoDate,
  weekday: number,
  cal: WorkCalendar,
): { working: boolean; source: DaySource; holiday: HolidayName | null } {
  const notice = cal.noticeDays.get(date);
  const statutory = statutoryOn(date, cal);
  if (notice)
    return {
      working: notice.kind === 'workday',
      source: 'notice',
      holiday: notice.name ?? statutory,
    };
  if (cal.official.workdays[date])
    return { working: true, source: 'official', holiday: holidayName(cal.official.workdays[date]) };
  if (cal.official.holidays[date])
    return {
      working: false,
      source: 'official',
      holiday: holidayName(cal.official.holidays[date]),
    };
  if (statutory) return { working: false, source: 'statutory', holiday: statutory };
  return { working: weekday <= 5, source: 'weekday-rule', holiday: null };
}

export function describeDay(date: IsoDate, cal: WorkCalendar): DayInfo {
  const weekday = isoWeekday(dayNumber(date));
  const base = baseDay(date, weekday, cal);
  const override = cal.overrides.get(date);
  if (override)
    return {
      date,
      weekday,
      working: override === 'workday',
      source: 'override',
      holiday: base.holiday,
    };
  return { date, weekday, ...base };
}

function workingOn(day: number, cal: WorkCalendar): boolean {
  const date = isoDate(day);
  const override = cal.overrides.get(date);
  if (override) return override === 'workday';
  const notice = cal.noticeDays.get(date);
  if (notice) return notice.kind === 'workday';
  if (cal.official.workdays[date]) return true;
  if (cal.official.holidays[date]) return false;
  if (statutoryOn(date, cal)) return false;
  return isoWeekday(day) <= 5;
}

export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  return workingOn(dayNumber(date), cal);
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0`);
}

function addWorkingDaysFrom(start: number, n: number, cal: WorkCalendar): number {
  let day = start;
  for (let left = n, walked = 0; left > 0; walked++) {
    if (walked > MAX_WALK_DAYS) throw new RangeError('working-day walk too long');
    day++;
    if (workingOn(day, cal)) left--;
  }
  return day;
}

/** The n-th working day strictly after `date`; n = 0 is `date` itself (即办件: same day). */
export function addWorkingDays(date: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  assertCount(n, 'working days');
  return isoDate(addWorkingDaysFrom(dayNumber(date), n, cal));
}

/**
 * Working days d with from < d ≤ to (negative when `to` is before `from`), so that
 * workingDaysBetween(x, addWorkingDays(x, n)) === n.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: WorkCalendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(to, from, cal);
  if (b - a > MAX_WALK_DAYS) throw new RangeError('range too long');
  let n = 0;
  for (let day = a + 1; day <= b; day++) if (workingOn(day, cal)) n++;
  return n;
}

function warningFor(year: number, lastOfficialYear: number): CalendarWarning {
  return {
    code: 'CALENDAR_YEAR_PROVISIONAL',
    year,
    lastOfficialYear,
    zh: `${year} 年节假日安排尚未公布：期限已计入法定节假日，未计入调休和补班，为暂定（官方数据截至 ${lastOfficialYear} 年）；通知发布后请管理员录入`,
    en: `The ${year} holiday schedule is not yet published: deadlines count its statutory holidays but not its bridge and make-up days, so they are provisional (official data ends with ${lastOfficialYear}); an administrator should enter the State Council notice`,
  };
}

/**
 * Years from..to (inclusive) whose bridge and make-up days are unknown: after the official data
 * and no notice entered. Single-date overrides do not count as a notice.
 */
export function provisionalYears(from: IsoDate, to: IsoDate, cal: WorkCalendar): number[] {
  const first = Math.max(Number(from.slice(0, 4)), cal.lastOfficialYear + 1);
  const last = Number(to.slice(0, 4));
  const years: number[] = [];
  for (let year = first; year <= last; year++) if (!cal.noticeYears.has(year)) years.push(year);
  return years;
}

/** One warning per provisional year from..to (inclusive). */
export function calendarWarningsForRange(
  from: IsoDate,
  to: IsoDate,
  cal: WorkCalendar,
): CalendarWarning[] {
  return provisionalYears(from, to, cal).map((y) => warningFor(y, cal.lastOfficialYear));
}

/** A warning when `date` falls in a provisional year. */
export function calendarWarnings(date: IsoDate, cal: WorkCalendar): CalendarWarning[] {
  dayNumber(date);
  return calendarWarningsForRange(date, date, cal);
}

/** Working days (as day numbers, on or after `notBefore`) touched by the pauses, each once. */
function pausedWorkingDaySet(
  pauses: readonly ClockPause[],
  notBefore: number,
  cal: WorkCalendar,
): Set<number> {
  const days = new Set<number>();
  for (const pause of pauses) {
    if (pause.to && pause.to.getTime() < pause.from.getTime())
      throw new RangeError('a pause ends before it starts');
    const start = Math.max(dayNumber(chinaDate(pause.from)), notBefore);
    const end = pause.to ? dayNumber(chinaDate(pause.to)) : dayNumber(chinaDate(pause.from));
    if (end - start > MAX_WALK_DAYS) throw new RangeError('pause too long');
    for (let day = start; day <= end; day++) if (workingOn(day, cal)) days.add(day);
  }
  return days;
}

/**
 * Due = the acceptance date (China time) + promised working days + paused working days.
 *
 * Paused working days: every working day, in China time, on which the clock stood still at any
 * moment — a pause from 10:00 to 15:00 on one working day costs 1 day, one from Friday 17:00 to
 * Monday 08:30 costs 2 (Friday and Monday); overlapping pauses count each day once. Only days
 * from the acceptance date up to the due date count: a pause that starts after the case is
 * already overdue does not move the due date (so pausing cannot turn a red case green). Days are
 * added until this is stable (a later due date can take in more of a pause).
 *
 * An open pause (`to: null`) counts its first day only and sets `paused`: the due date is the
 * earliest it can be. For a provisional date, pass `to: now`.
 */
export function computeDueDate(input: {
  acceptedAt: Date;
  promisedDays: number;
  pauses: readonly ClockPause[];
  cal: WorkCalendar;
}): DueDate {
  const { cal, promisedDays } = input;
  assertCount(promisedDays, 'promised days');
  const accepted = dayNumber(chinaDate(input.acceptedAt));
  const pausedDays = pausedWorkingDaySet(input.pauses, accepted, cal);
  let extra = 0;
  let due = addWorkingDaysFrom(accepted, promisedDays, cal);
  for (;;) {
    let within = 0;
    for (const day of pausedDays) if (day <= due) within++;
    if (within === extra) break;
    extra = within;
    due = addWorkingDaysFrom(accepted, promisedDays + extra, cal);
  }
  const dueDate = isoDate(due);
  return {
    dueDate,
    pausedWorkingDays: extra,
    paused: input.pauses.some((p) => p.to === null),
    warnings: calendarWarningsForRange(isoDate(accepted), dueDate, cal),
  };
}

/**
 * GS-8 lights: 'paused' while the clock stands still; 'red' once now's China date is after the
 * due date; 'yellow' when the due date is at most N working days away (N = 1: due today or on the
 * next working day); otherwise 'green'. 'paused' wins over 'red' (an open pause's due date is only
 * a lower bound); a pause begun after the due date does not move it, so such a case is red again
 * as soon as the pause ends.
 */
export function deadlineLight(input: {
  dueDate: IsoDate;
  now: Date;
  paused: boolean;
  yellowWithinWorkingDays?: number;
  cal: WorkCalendar;
}): DeadlineLight {
  const within = input.yellowWithinWorkingDays ?? 1;
  assertCount(within, 'yellowWithinWorkingDays');
  if (input.paused) return 'paused';
  const today = dayNumber(chinaDate(input.now));
  const due = dayNumber(input.dueDate);
  if (due < today) return 'red';
  let left = 0; // working days in (today, due], counted only as far as the window needs
  for (let day = today + 1; day <= due && left <= within; day++)
    if (workingOn(day, input.cal)) left++;
  return left <= within ? 'yellow' : 'green';
}

/**
 * The last due date that is still yellow on `today` (China date): due dates in [today, this] are
 * yellow, later ones green, earlier ones red — `deadlineLight` of a running clock as one range, so
 * a count over due dates (the figures' rollups) can split them with two comparisons. It is the day
 * before the (N+1)-th working day after today: up to it, at most N working days lie in (today, due].
 */
export function lastYellowDate(today: IsoDate, yellowWithinWorkingDays: number, cal: WorkCalendar) {
  assertCount(yellowWithinWorkingDays, 'yellowWithinWorkingDays');
  return isoDate(addWorkingDaysFrom(dayNumber(today), yellowWithinWorkingDays + 1, cal) - 1);
}
