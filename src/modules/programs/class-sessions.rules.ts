/**
 * CP-3 sessions: a session is a class on a day. A class meets on its weekdays inside the program's
 * season, except its days off, from its daily start to its daily end (China time). Pure.
 */
import { addDays, chinaDayStartUtc } from '../../shared/china-time.ts';

/** The class's day when the organiser has not set one (migration 0022 defaults). */
export const CLASS_DAY_DEFAULTS = {
  day_starts: '08:00',
  day_ends: '17:30',
  weekdays: '[1,2,3,4,5]',
  days_off: '[]',
  late_grace_minutes: 15,
  strike_limit: 3,
  children_per_staff: 10,
} as const;

export interface ClassDay {
  seasonStartsOn: string;
  seasonEndsOn: string;
  dayStarts: string;
  dayEnds: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  daysOff: readonly string[];
}

export type ClassDayRefusal = 'CP_SCHEDULE_INVALID';
export type SessionRefusal = 'CP_NO_SESSION';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why a class day is implausible, or null. */
export function classDayRefusal(d: ClassDay): ClassDayRefusal | null {
  if (!TIME.test(d.dayStarts) || !TIME.test(d.dayEnds)) return 'CP_SCHEDULE_INVALID';
  if (d.dayStarts >= d.dayEnds) return 'CP_SCHEDULE_INVALID';
  if (d.weekdays.length === 0 || d.weekdays.some((w) => !Number.isInteger(w) || w < 1 || w > 7))
    return 'CP_SCHEDULE_INVALID';
  if (d.daysOff.some((x) => x < d.seasonStartsOn || x > d.seasonEndsOn))
    return 'CP_SCHEDULE_INVALID';
  return null;
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD day. */
export function isoWeekday(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

export interface SessionTimes {
  startsAt: string;
  endsAt: string;
  /** The end of the session's China day: open sign-ins close then. */
  closesAt: string;
}

/** The session of the class on `day`, or why there is none. */
export function sessionOn(d: ClassDay, day: string): SessionTimes | SessionRefusal {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    return 'CP_NO_SESSION';
  if (day < d.seasonStartsOn || day > d.seasonEndsOn) return 'CP_NO_SESSION';
  if (!d.weekdays.includes(isoWeekday(day)) || d.daysOff.includes(day)) return 'CP_NO_SESSION';
  return {
    startsAt: new Date(`${day}T${d.dayStarts}:00+08:00`).toISOString(),
    endsAt: new Date(`${day}T${d.dayEnds}:00+08:00`).toISOString(),
    closesAt: chinaDayStartUtc(addDays(day, 1)),
  };
}

/** A pickup is late when it happens after the session's end plus the grace. */
export function isLatePickup(releasedAt: Date, endsAt: string, graceMinutes: number): boolean {
  return releasedAt.getTime() > Date.parse(endsAt) + graceMinutes * 60_000;
}
