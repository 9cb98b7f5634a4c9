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
