import type { Locale } from '../api/types';

/**
 * Dates as residents read them, always in China time whatever the phone's own time zone:
 * a calendar day (YYYY-MM-DD) is that day; a moment (ISO timestamp) is the day it was in Beijing.
 */
export function chinaDay(value: string, locale: Locale): string {
  const intl = locale === 'en' ? 'en-GB' : 'zh-CN';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return new Intl.DateTimeFormat(intl, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
    }).format(date);
  }
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  return new Intl.DateTimeFormat(intl, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(moment);
}

/** Years joined the way each language lists them: "2027、2028" / "2027, 2028". */
export function yearsText(years: readonly number[], locale: Locale): string {
  return years.join(locale === 'en' ? ', ' : '、');
}

/** Minutes to wait after a 429, from its Retry-After (at least one). */
export function waitMinutes(retryAfterSeconds: number | undefined): number {
  return Math.max(1, Math.ceil((retryAfterSeconds ?? 600) / 60));
}

/** Today's calendar day in China (YYYY-MM-DD), whatever the phone's own time zone. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A day and a clock time as read in China (“2026-12-05”, “09:30”) → the ISO instant (UTC). */
export function chinaInstant(day: string, time: string): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

/** The clock time (HH:MM) of an instant in China. */
export function chinaClock(value: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(value));
}

/** A wanted window in China time: “2026年12月5日星期六 09:00–11:00”; null when there is none. */
export function chinaWindow(from: string | null, to: string | null, locale: Locale): string | null {
  if (!from) return null;
  const day = chinaDay(from, locale);
  if (!to) return `${day} ${chinaClock(from)}`;
  const sameDay = chinaToday(new Date(from)) === chinaToday(new Date(to));
  return sameDay
    ? `${day} ${chinaClock(from)}–${chinaClock(to)}`
    : `${day} ${chinaClock(from)} – ${chinaDay(to, locale)} ${chinaClock(to)}`;
}
