/**
 * China time: Asia/Shanghai is UTC+8 all year with no daylight saving, so a China calendar date is
 * the UTC date of the instant moved eight hours on, and plain UTC day counting does the rest.
 * Instants are stored as ISO-8601 UTC strings; days as YYYY-MM-DD.
 */

export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar date (YYYY-MM-DD) of an instant; RangeError for an invalid one. */
export function chinaDate(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid instant');
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 China time of a YYYY-MM-DD day, as the ISO instant stored. */
export function chinaDayStartUtc(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The calendar day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
