/** VS-10 figures: the arithmetic, pure (the queries are in figures.service.ts). */

/** A China date (UTC+8, no DST) → the UTC instant its day starts. */
export function chinaDayStart(date: string): string {
  return new Date(`${date}T00:00:00.000+08:00`).toISOString();
}

/** The half-open UTC interval [from 00:00, day after `to` 00:00) in China time. */
export function periodBounds(from: string, to: string): { start: string; end: string } {
  const end = new Date(`${to}T00:00:00.000+08:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: chinaDayStart(from), end: end.toISOString() };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** part ÷ whole rounded to 4 decimals; null when there is no whole. */
export function ratio(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10000) / 10000;
}

/**
 * Minutes from dispatch (or creation, for orders accepted without ever being dispatched, e.g.
 * grabbed straight from the open pool) to acceptance; null when not accepted.
 */
export function minutesToAccept(o: {
  createdAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
}): number | null {
  if (!o.acceptedAt) return null;
  const from = Date.parse(o.dispatchedAt ?? o.createdAt);
  const to = Date.parse(o.acceptedAt);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  return Math.max(0, Math.round((to - from) / 60_000));
}

/** The prefix length of the level below the region's level, or null below villages. */
export function childPrefixLength(prefixLength: number): number | null {
  const levels = [2, 4, 6, 9, 12];
  const i = levels.indexOf(prefixLength);
  if (i < 0 || i === levels.length - 1) return null;
  return levels[i + 1]!;
}

export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** YYYY-MM-DD of the day before / after a date (UTC arithmetic on the date alone). */
function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const lastDayOfMonth = (month: string) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
};

/**
 * A period of days [from, to] as the rollup's grains: the whole months inside it (a range of
 * YYYY-MM, or null) and the days left over at either end (ranges of YYYY-MM-DD). Together they
 * cover every day of the period exactly once.
 */
export function periodGrains(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : shiftMonth(from.slice(0, 7), 1);
  const lastMonth =
    lastDayOfMonth(to.slice(0, 7)) === to ? to.slice(0, 7) : shiftMonth(to.slice(0, 7), -1);
  if (firstMonth > lastMonth) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  const headEnd = shiftDay(`${firstMonth}-01`, -1);
  if (from <= headEnd) days.push([from, headEnd]);
  const tailStart = shiftDay(lastDayOfMonth(lastMonth), 1);
  if (tailStart <= to) days.push([tailStart, to]);
  return { months: [firstMonth, lastMonth], days };
}

function shiftMonth(month: string, by: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}

/**
 * The calendar year whose per-volunteer first days answer "active in the period" — when the
 * period starts on 1 January and ends in the same year (the default: the year so far); else null
 * (a distinct count over any other period is counted live).
 */
export function activeYearOf(from: string, to: string): string | null {
  return from.endsWith('-01-01') && from.slice(0, 4) === to.slice(0, 4) ? from.slice(0, 4) : null;
}

/** A range of rollup periods of one grain: YYYY, YYYY-MM or YYYY-MM-DD, both ends inclusive. */
export type Span = readonly [string, string];

/**
 * A period of days [from, to] as the area rollups' grains (migration 0064): the whole years inside
 * it, then the whole months left at either end, then the days left at either end. Together they
 * cover every day of the period exactly once, in at most 5 ranges.
 */
export function spanGrains(from: string, to: string): Span[] {
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const firstYear = from.endsWith('-01-01') ? y0 : y0 + 1;
  const lastYear = to.endsWith('-12-31') ? y1 : y1 - 1;
  const inside = ({ months, days }: ReturnType<typeof periodGrains>): Span[] => [
    ...(months ? [months] : []),
    ...days,
  ];
  if (firstYear > lastYear) return inside(periodGrains(from, to));
  const year = (y: number) => String(y).padStart(4, '0');
  const spans: Span[] = [[year(firstYear), year(lastYear)]];
  if (from < `${year(firstYear)}-01-01`)
    spans.push(...inside(periodGrains(from, `${year(firstYear - 1)}-12-31`)));
  if (to > `${year(lastYear)}-12-31`)
    spans.push(...inside(periodGrains(`${year(lastYear + 1)}-01-01`, to)));
  return spans;
}
