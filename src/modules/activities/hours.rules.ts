/**
 * VS-6 hours rules (pure). Decisions (docs/volunteer-services.md, VS-6):
 * - Service time is counted only inside the activity's published window: the check-in is moved
 *   forward to starts_at and the check-out back to ends_at (arriving early or staying late is not
 *   counted; a volunteer is never credited before their own check-in).
 * - Times count by the minute a record shows (seconds are dropped), so 09:05 → 11:35 is 2.5 h
 *   whatever second the button was pressed in.
 * - Travel minutes (entered by the lead) are subtracted; never below zero.
 * - The remainder is counted in half-hour units, rounded DOWN (59 min → 1 unit = 0.5 h).
 * - Per China calendar day (UTC+8) of the counted start, a volunteer's hours are capped
 *   (default 8 h): other confirmed or pending records of that day use up the cap first.
 * - A record that overlaps another record of the same volunteer is refused (VS_HOURS_OVERLAP).
 */

import { chinaDate } from '../../shared/china-time.ts';

/** The China calendar date lives in the kernel; re-exported for this module's callers. */
export { chinaDate };

export const DEFAULT_DAILY_HOURS_CAP = 8;
const MINUTE = 60_000;

export interface Interval {
  from: Date;
  to: Date;
}

/** Half-open intervals overlap when each starts before the other ends (touching is fine). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.from.getTime() < b.to.getTime() && b.from.getTime() < a.to.getTime();
}

/** The start of the minute a time falls in: what a record shows is what counts. */
function toMinute(at: Date): number {
  return Math.floor(at.getTime() / MINUTE) * MINUTE;
}

/** The counted interval: check-in/out clipped to the activity's window (null when nothing is left). */
export function countedInterval(input: {
  checkedInAt: Date;
  checkedOutAt: Date;
  startsAt: Date;
  endsAt: Date;
}): Interval | null {
  const from = Math.max(toMinute(input.checkedInAt), toMinute(input.startsAt));
  const to = Math.min(toMinute(input.checkedOutAt), toMinute(input.endsAt));
  return to > from ? { from: new Date(from), to: new Date(to) } : null;
}

export interface HoursInput {
  checkedInAt: Date;
  checkedOutAt: Date;
  startsAt: Date;
  endsAt: Date;
  travelMinutes: number;
  /** Half-hours of the volunteer's other confirmed or pending records on the same China day. */
  otherHalfHoursThatDay: number;
  dailyCapHours?: number;
}

export interface HoursResult {
  /** Counted half-hours after travel, rounding and the cap. */
  halfHours: number;
  /** Before the daily cap. */
  uncappedHalfHours: number;
  capped: boolean;
  /** Minutes inside the window, before travel. */
  minutesInWindow: number;
  serviceDate: string;
}

export function computeHours(input: HoursInput): HoursResult {
  if (input.checkedOutAt.getTime() < input.checkedInAt.getTime())
    throw new RangeError('check-out before check-in');
  if (!Number.isInteger(input.travelMinutes) || input.travelMinutes < 0)
    throw new RangeError('travel minutes must be a whole non-negative number');
  const interval = countedInterval(input);
  const serviceDate = chinaDate(interval?.from ?? input.checkedInAt);
  const minutesInWindow = interval
    ? Math.floor((interval.to.getTime() - interval.from.getTime()) / MINUTE)
    : 0;
  const served = Math.max(0, minutesInWindow - input.travelMinutes);
  const uncappedHalfHours = Math.floor(served / 30);
  const capUnits = Math.round((input.dailyCapHours ?? DEFAULT_DAILY_HOURS_CAP) * 2);
  const left = Math.max(0, capUnits - Math.max(0, input.otherHalfHoursThatDay));
  const halfHours = Math.min(uncappedHalfHours, left);
  return {
    halfHours,
    uncappedHalfHours,
    capped: halfHours < uncappedHalfHours,
    minutesInWindow,
    serviceDate,
  };
}

/** "3" half-hours → "1.5". */
export function formatHours(halfHours: number): string {
  return (halfHours / 2).toString();
}

/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_OPENS_MINUTES = 60;
/** Check-out by code stays possible this long after the end (the lead can record later ones). */
export const CHECK_OUT_CLOSES_MINUTES = 120;

export function attendanceOpen(
  direction: 'in' | 'out',
  now: Date,
  startsAt: Date,
  endsAt: Date,
): boolean {
  const t = now.getTime();
  if (direction === 'in')
    return t >= startsAt.getTime() - CHECK_IN_OPENS_MINUTES * MINUTE && t <= endsAt.getTime();
  return (
    t >= startsAt.getTime() - CHECK_IN_OPENS_MINUTES * MINUTE &&
    t <= endsAt.getTime() + CHECK_OUT_CLOSES_MINUTES * MINUTE
  );
}
