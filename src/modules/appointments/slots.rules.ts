/**
 * GS-10 pure slot rules: a station's slots of a day from its weekly template, its date exceptions
 * and the working-day calendar; the booking window (lead time and horizon in working days); the
 * cancellation cut-off; the no-show restriction. No I/O: the calendar comes in as facts per day.
 *
 * Which hours a day has:
 * 1. a date exception wins: `closed` (no slots) or `hours` (these periods instead, e.g. a market
 *    day's extra morning hours);
 * 2. a statutory holiday or a weekday the calendar says is not worked: closed;
 * 3. a make-up working Saturday/Sunday (调休): the station's Monday hours;
 * 4. otherwise the weekly template of that ISO weekday (an ordinary weekend is open only if the
 *    template lists hours for it).
 * Days after the calendar data's last year follow the calendar module (statutory holidays by law,
 * no make-up days until the notice is entered): the same answer the due dates use.
 */
import type { DateException, Period, WeeklyPeriods } from './appointments.stored.ts';

export interface DayFacts {
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  working: boolean;
  /** The calendar names a festival on this day (holiday or its make-up day). */
  holiday: boolean;
}

export interface TemplateRules {
  slotMinutes: number;
  capacity: number;
  weekly: WeeklyPeriods;
  exceptions: readonly DateException[];
}

export interface SlotSpec {
  date: string;
  /** 'HH:MM' China time. */
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant of a China-time date and 'HH:MM', as stored (ISO UTC). */
export function chinaInstant(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString();
}

/** The opening periods of one day (see the rules above). */
export function periodsOf(
  day: DayFacts,
  t: Pick<TemplateRules, 'weekly' | 'exceptions'>,
): Period[] {
  const exception = t.exceptions.find((e) => e.date === day.date);
  if (exception) return exception.kind === 'closed' ? [] : (exception.periods ?? []);
  if (!day.working) {
    if (day.weekday <= 5 || day.holiday) return [];
    return t.weekly[String(day.weekday)] ?? [];
  }
  if (day.weekday >= 6) return t.weekly['1'] ?? [];
  return t.weekly[String(day.weekday)] ?? [];
}

/** The slots of one day: each period cut into whole slots (a remainder shorter than a slot is dropped). */
export function slotsOfDay(day: DayFacts, t: TemplateRules): SlotSpec[] {
  const out: SlotSpec[] = [];
  const periods = [...periodsOf(day, t)].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (const p of periods) {
    for (let m = minutesOf(p.start); m + t.slotMinutes <= minutesOf(p.end); m += t.slotMinutes) {
      const start = hhmm(m);
      const end = hhmm(m + t.slotMinutes);
      out.push({
        date: day.date,
        start,
        end,
        startsAt: chinaInstant(day.date, start),
        endsAt: chinaInstant(day.date, end),
        capacity: t.capacity,
      });
    }
  }
  return out;
}

/** Periods are well formed: start before end, no overlaps within a day. */
export function periodsValid(periods: readonly Period[]): boolean {
  const sorted = [...periods].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (minutesOf(p.start) >= minutesOf(p.end)) return false;
    if (i > 0 && minutesOf(sorted[i - 1]!.end) > minutesOf(p.start)) return false;
  }
  return true;
}

/**
 * The dates a booking may fall on: from the `lead`-th working day after today to the
 * `horizon`-th (lead 1, horizon 5: tomorrow's working day to five working days ahead).
 */
export function bookingWindow(
  today: string,
  lead: number,
  horizon: number,
  addWorkingDays: (date: string, n: number) => string,
): { from: string; to: string } {
  return { from: addWorkingDays(today, lead), to: addWorkingDays(today, horizon) };
}

export function inWindow(date: string, w: { from: string; to: string }): boolean {
  return date >= w.from && date <= w.to;
}

/** A booking may be cancelled by its resident until `cutoffHours` before its slot starts. */
export function cancellable(startsAt: string, cutoffHours: number, now: Date): boolean {
  return now.getTime() <= Date.parse(startsAt) - cutoffHours * 3_600_000;
}

/** A booked slot not checked in by its end plus the grace is a no-show. */
export function noShowDue(endsAt: string, graceMinutes: number, now: Date): boolean {
  return now.getTime() >= Date.parse(endsAt) + graceMinutes * 60_000;
}

/** Online booking is refused after `limit` no-shows in the window (staff may still book). */
export function restrictedOnline(noShows: number, limit: number): boolean {
  return limit > 0 && noShows >= limit;
}

/**
 * How long a booking takes: the template's minutes for its catalog item, else one slot. A booking
 * occupies as many consecutive slots as cover that time.
 */
export function bookingMinutes(
  itemMinutes: Readonly<Record<string, number>>,
  itemCode: string | null | undefined,
  slotMinutes: number,
): number {
  const m = itemCode ? itemMinutes[itemCode] : undefined;
  return m !== undefined && m > 0 ? m : slotMinutes;
}

export function slotsNeeded(minutes: number, slotMinutes: number): number {
  return Math.max(1, Math.ceil(minutes / slotMinutes));
}

/**
 * The consecutive slots a booking starting at `start` occupies (in order), or null when the day
 * has no such run: the start is not a slot, or the time runs past the end of its opening period
 * (the next slot does not begin where the previous one ends, e.g. over the lunch break).
 */
export function spanOf(
  day: readonly SlotSpec[],
  start: string,
  minutes: number,
  slotMinutes: number,
): SlotSpec[] | null {
  const i = day.findIndex((s) => s.start === start);
  if (i < 0) return null;
  const n = slotsNeeded(minutes, slotMinutes);
  const run = day.slice(i, i + n);
  if (run.length !== n) return null;
  for (let k = 1; k < run.length; k++) if (run[k]!.startsAt !== run[k - 1]!.endsAt) return null;
  return run;
}

export interface CountedSlot {
  start: string;
  end: string;
  startsAt: string;
  capacity: number;
  booked: number;
  free: number;
}

/**
 * The possible starts of a booking of `minutes` among a day's counted slots: each start whose run
 * of consecutive slots fits, shown with the run's end and the fewest free places along it.
 */
export function runsOf<S extends CountedSlot>(
  day: readonly S[],
  minutes: number,
  slotMinutes: number,
): S[] {
  const n = slotsNeeded(minutes, slotMinutes);
  if (n === 1) return [...day];
  const out: S[] = [];
  for (let i = 0; i + n <= day.length; i++) {
    const run = day.slice(i, i + n);
    const joined = run.every(
      (s, k) => k === 0 || minutesOf(s.start) === minutesOf(run[k - 1]!.end),
    );
    if (!joined) continue;
    const tightest = run.reduce((a, b) => (b.free < a.free ? b : a));
    out.push({
      ...run[0]!,
      end: run[n - 1]!.end,
      capacity: tightest.capacity,
      booked: tightest.booked,
      free: Math.min(...run.map((s) => s.free)),
    });
  }
  return out;
}
