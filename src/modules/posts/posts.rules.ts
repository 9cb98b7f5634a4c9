/**
 * GS-11 AB posts, pure rules: who holds a post at an instant (A, else B, else nobody), the post's
 * opening hours on a China date (working-day calendar: 调休 Saturdays open with Monday's hours,
 * statutory holidays closed), per-hour coverage with its gaps, and when a coverage warning is due
 * (the previous working day from 15:00, and again on the day from 07:00). No I/O.
 */
import { CHINA_OFFSET_MS } from '../../shared/china-time.ts';
import { addDays } from '../../shared/china-time.ts';
import { isWorkingDay, type WorkCalendar } from '../calendar/working-days.ts';

export interface OpeningSpan {
  days: number[];
  open: string;
  close: string;
}

export interface PostHolders {
  aAccountId: string;
  bAccountId: string;
}

export interface Absence {
  accountId: string;
  /** ISO instants; `endsAt` exclusive. */
  startsAt: string;
  endsAt: string;
}

export type HolderSlot = 'a' | 'b' | 'nobody';

export interface Holding {
  slot: HolderSlot;
  /** The account that holds the post; null when nobody does. */
  accountId: string | null;
}

export function isAbsentAt(accountId: string, absences: readonly Absence[], at: Date): boolean {
  const t = at.getTime();
  return absences.some(
    (a) => a.accountId === accountId && Date.parse(a.startsAt) <= t && t < Date.parse(a.endsAt),
  );
}

/** GS-11: A holds the post unless away; then B unless away too; else nobody. */
export function whoHoldsPost(post: PostHolders, absences: readonly Absence[], at: Date): Holding {
  if (!isAbsentAt(post.aAccountId, absences, at)) return { slot: 'a', accountId: post.aAccountId };
  if (!isAbsentAt(post.bAccountId, absences, at)) return { slot: 'b', accountId: post.bAccountId };
  return { slot: 'nobody', accountId: null };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The opening spans of a China date: on a working day, its weekday's hours (a make-up working day
 * on a weekend without hours of its own opens with Monday's); on a day off, only hours the post
 * keeps on weekends (a statutory holiday on a weekday is closed).
 */
export function openingSpansOn(
  day: string,
  hours: readonly OpeningSpan[],
  cal: WorkCalendar,
): { open: string; close: string }[] {
  const weekday = isoWeekday(day);
  const of = (wd: number) =>
    hours.filter((h) => h.days.includes(wd)).map((h) => ({ open: h.open, close: h.close }));
  if (isWorkingDay(day, cal)) {
    const own = of(weekday);
    return own.length > 0 || weekday <= 5 ? own : of(1);
  }
  return weekday >= 6 ? of(weekday) : [];
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The instant of a China wall-clock time on a date. */
export function chinaInstant(day: string, time: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minutes(time) * 60_000 - CHINA_OFFSET_MS);
}

export interface HourSlot {
  from: string;
  to: string;
}

/** The opening hours cut into hour slots from each opening (the last one may be shorter). */
export function hourSlots(spans: readonly { open: string; close: string }[]): HourSlot[] {
  const out: HourSlot[] = [];
  for (const s of [...spans].sort((x, y) => minutes(x.open) - minutes(y.open))) {
    for (let m = minutes(s.open); m < minutes(s.close); m += 60)
      out.push({ from: hhmm(m), to: hhmm(Math.min(m + 60, minutes(s.close))) });
  }
  return out;
}

export interface SlotCoverage extends HourSlot {
  /** Who holds the post at the slot's start. */
  holder: HolderSlot;
  accountId: string | null;
  /** Nobody holds the post for some part of the slot. */
  gap: boolean;
}

/**
 * Coverage of one slot: the holder at its start, and a gap when at its start or at any absence
 * boundary inside it nobody holds the post (a half-day absence ending at 12:00 splits a slot).
 */
export function coverSlot(
  post: PostHolders,
  absences: readonly Absence[],
  day: string,
  slot: HourSlot,
): SlotCoverage {
  const start = chinaInstant(day, slot.from).getTime();
  const end = chinaInstant(day, slot.to).getTime();
  const probes = new Set<number>([start]);
  for (const a of absences) {
    for (const t of [Date.parse(a.startsAt), Date.parse(a.endsAt)])
      if (t > start && t < end) probes.add(t);
  }
  const first = whoHoldsPost(post, absences, new Date(start));
  const gap = [...probes].some((t) => whoHoldsPost(post, absences, new Date(t)).slot === 'nobody');
  return { ...slot, holder: first.slot, accountId: first.accountId, gap };
}

export function dayCoverage(
  post: PostHolders,
  absences: readonly Absence[],
  day: string,
  hours: readonly OpeningSpan[],
  cal: WorkCalendar,
): SlotCoverage[] {
  return hourSlots(openingSpansOn(day, hours, cal)).map((s) => coverSlot(post, absences, day, s));
}

/** Consecutive gap slots joined into gaps (from the first gap slot's start to the last one's end). */
export function gapsOf(slots: readonly SlotCoverage[]): HourSlot[] {
  const out: HourSlot[] = [];
  for (const s of slots) {
    if (!s.gap) continue;
    const last = out[out.length - 1];
    if (last && last.to === s.from) last.to = s.to;
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}

/** The previous working day before `day` (up to 30 days back; else the calendar day before). */
export function previousWorkingDay(day: string, cal: WorkCalendar): string {
  for (let d = addDays(day, -1), i = 0; i < 30; i++, d = addDays(d, -1))
    if (isWorkingDay(d, cal)) return d;
  return addDays(day, -1);
}

export const DAY_BEFORE_FROM = '15:00';
export const MORNING_FROM = '07:00';

/**
 * Which notice about a gap on `day` from `gapFrom` is due at `now`: the day-before notice from
 * 15:00 on the previous working day until the day starts; the morning notice from 07:00 on the day
 * until the gap starts. Only for working days (no warnings for days off). null: none due now.
 */
export function dueNotice(
  now: Date,
  day: string,
  gapFrom: string,
  cal: WorkCalendar,
): 'day_before' | 'morning' | null {
  if (!isWorkingDay(day, cal)) return null;
  const t = now.getTime();
  const dayStart = chinaInstant(day, '00:00').getTime();
  const before = chinaInstant(previousWorkingDay(day, cal), DAY_BEFORE_FROM).getTime();
  if (t >= before && t < dayStart) return 'day_before';
  if (t >= chinaInstant(day, MORNING_FROM).getTime() && t < chinaInstant(day, gapFrom).getTime())
    return 'morning';
  return null;
}
