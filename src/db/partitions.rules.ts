/**
 * Issue #16 point 5: which monthly partitions the largest tables have on PostgreSQL (pure rules;
 * partitions.ts does the DDL). A month is a China calendar month, `YYYY-MM`: an audit shard-day
 * (China day) and a service date (China date) never straddle two partitions.
 */

/** How a table is partitioned: by a timestamptz instant or by a China date kept as YYYY-MM-DD text. */
export type PartitionKeyKind = 'instant' | 'china-date';

export interface PartitionSpec {
  table: string;
  /** The partition key column (added to the primary key and every unique key). */
  column: string;
  kind: PartitionKeyKind;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(m: string): boolean {
  return MONTH.test(m);
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + n;
  const year = Math.floor(index / 12);
  if (year < 1 || year > 9999) throw new RangeError(`month out of range: ${month} + ${n}`);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The China month of an instant. */
export function chinaMonth(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * The months that must have their own partition at `now`: this China month and the `ahead` next
 * ones, plus `also` (months that already hold rows, e.g. in the DEFAULT partition), sorted, once.
 */
export function monthsWanted(now: Date, ahead: number, also: readonly string[] = []): string[] {
  const current = chinaMonth(now);
  const out = new Set<string>();
  for (let i = 0; i <= ahead; i++) out.add(addMonths(current, i));
  for (const m of also) if (isMonth(m)) out.add(m);
  return [...out].sort();
}

/** `audit_events_p2026_03` for March 2026. */
export function partitionName(table: string, month: string): string {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  return `${table}_p${month.replace('-', '_')}`;
}

export function defaultPartitionName(table: string): string {
  return `${table}_default`;
}

/** The month a partition's name stands for, or null for the DEFAULT one (or another name). */
export function monthOfPartition(table: string, name: string): string | null {
  const prefix = `${table}_p`;
  if (!name.startsWith(prefix)) return null;
  const month = name.slice(prefix.length).replace('_', '-');
  return isMonth(month) ? month : null;
}

/**
 * The partition's bounds as SQL literals, [from, to): China midnight of the month's first day for
 * an instant, the first day itself for a China date kept as text.
 */
export function monthBounds(kind: PartitionKeyKind, month: string): { from: string; to: string } {
  const next = addMonths(month, 1);
  return kind === 'instant'
    ? { from: `${month}-01 00:00:00+08`, to: `${next}-01 00:00:00+08` }
    : { from: `${month}-01`, to: `${next}-01` };
}
