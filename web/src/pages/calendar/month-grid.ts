import type { CalendarDay } from '../../api/calendar';

/** How a day shows in the month view. */
export type DayKind =
  | 'workday'
  | 'weekend'
  /** Official day off (法定节假日, weekend days inside a break included). */
  | 'holiday'
  /** Official make-up working day (调休上班), usually a Saturday or Sunday. */
  | 'makeup'
  | 'override-workday'
  | 'override-holiday';

export function dayKind(day: CalendarDay): DayKind {
  if (day.source === 'override') return day.working ? 'override-workday' : 'override-holiday';
  if (day.source === 'official' || day.source === 'notice')
    return day.working ? 'makeup' : 'holiday';
  if (day.source === 'statutory') return 'holiday';
  return day.working ? 'workday' : 'weekend';
}

export interface MonthView {
  /** 1–12 */
  month: number;
  /** Empty cells before the 1st in a Monday-first week. */
  leadingBlanks: number;
  days: CalendarDay[];
}

/** The days of a year (as GET /calendar/days gives them) cut into Monday-first months. */
export function monthsOf(days: readonly CalendarDay[]): MonthView[] {
  const months: MonthView[] = [];
  for (const day of days) {
    const month = Number(day.date.slice(5, 7));
    let view = months[months.length - 1];
    if (view?.month !== month) {
      view = { month, leadingBlanks: day.weekday - 1, days: [] };
      months.push(view);
    }
    view.days.push(day);
  }
  return months;
}

/** A run of days with the same holiday name and kind, for the line under a month. */
export interface HolidayRun {
  name: { zh: string; en: string };
  kind: 'holiday' | 'makeup';
  from: string;
  to: string;
}

/** The month's official holidays and make-up working days, as runs of consecutive dates. */
export function holidayRuns(days: readonly CalendarDay[]): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let previous: CalendarDay | undefined;
  for (const day of days) {
    const kind = dayKind(day);
    const isOfficial = kind === 'holiday' || kind === 'makeup';
    const last = runs[runs.length - 1];
    if (isOfficial && day.holiday) {
      const continues =
        last !== undefined &&
        previous?.date === last.to &&
        last.kind === kind &&
        last.name.zh === day.holiday.zh;
      if (continues) last.to = day.date;
      else runs.push({ name: day.holiday, kind, from: day.date, to: day.date });
    }
    previous = day;
  }
  return runs;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in the browser's time zone, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** 1 Jan – 31 Dec: one GET /calendar/days (at most 366 days). */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
