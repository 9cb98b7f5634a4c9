/**
 * VS-10 figures: the named queries behind `regionFigures`, one per figure, each grouped by the
 * area key (the child region's code prefix, or the region's own). How each is counted is stated
 * in figures.service.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { minutesToAccept } from './figures.rules.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** A count or sum per area key. */
export type Grouped = Map<string, number>;

/** Where and when: regions under `prefix`, grouped by their first `groupLen` code digits. */
export interface FigureScope {
  db: Kysely<Database>;
  prefix: string;
  groupLen: number;
  /** Days (China) of the period, inclusive. */
  from: string;
  to: string;
  /** The period's instants [start, end). */
  start: string;
  end: string;
  /**
   * The area keys of the children (their codes' first `groupLen` digits) and of the region itself
   * at that length: every key a code inside can have (codes nest by prefix).
   */
  areas: string[];
}

export const ORDER_STATES = [
  'awaiting_dispatch',
  'directed',
  'open',
  'accepted',
  'in_service',
  'completed',
  'cancelled',
] as const;

export const area = (s: FigureScope, col: string) =>
  sql<string>`substr(${sql.ref(col)}, 1, ${sql.lit(s.groupLen)})`;
export const toMap = (rows: { k: string; n: number | string | null }[]): Grouped =>
  new Map(rows.map((r) => [r.k, Number(r.n ?? 0)]));

/** Active teams or projects whose region is inside, created by the end of the period. */
export async function activeRowsByArea(
  s: FigureScope,
  table: 'vs_teams' | 'vs_projects',
): Promise<Grouped> {
  return toMap(
    await s.db
      .selectFrom(table)
      .select((eb) => [area(s, 'region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where(underPrefix('region_code', s.prefix))
      .where('active', '=', 1)
      .where('created_at', '<', s.end)
      .groupBy(area(s, 'region_code'))
      .execute(),
  );
}

/** Orders placed inside during the period: per area, and per current state over all areas. */
export async function ordersPlaced(
  s: FigureScope,
): Promise<{ byArea: Grouped; byState: Record<string, number> }> {
  const rows = await s.db
    .selectFrom('vs_orders')
    .select((eb) => [area(s, 'region_code').as('k'), 'state', eb.fn.countAll<number>().as('n')])
    .where(underPrefix('region_code', s.prefix))
    .where('created_at', '>=', s.start)
    .where('created_at', '<', s.end)
    .groupBy([area(s, 'region_code'), 'state'])
    .execute();
  const byArea: Grouped = new Map();
  const byState: Record<string, number> = Object.fromEntries(ORDER_STATES.map((st) => [st, 0]));
  for (const r of rows) {
    byArea.set(r.k, (byArea.get(r.k) ?? 0) + Number(r.n));
    byState[r.state] = (byState[r.state] ?? 0) + Number(r.n);
  }
  return { byArea, byState };
}

/** Minutes from dispatch (or placing) to acceptance, of the period's orders that were accepted. */
export async function minutesToAcceptOrders(s: FigureScope): Promise<number[]> {
  const accepted = await s.db
    .selectFrom('vs_orders')
    .select(['created_at', 'dispatched_at', 'accepted_at'])
    .where(underPrefix('region_code', s.prefix))
    .where('created_at', '>=', s.start)
    .where('created_at', '<', s.end)
    .where('accepted_at', 'is not', null)
    .execute();
  return accepted
    .map((o) =>
      minutesToAccept({
        createdAt: new Date(o.created_at).toISOString(),
        dispatchedAt: o.dispatched_at ? new Date(o.dispatched_at).toISOString() : null,
        acceptedAt: o.accepted_at ? new Date(o.accepted_at).toISOString() : null,
      }),
    )
    .filter((m): m is number => m !== null);
}

export interface RatingSums {
  n: number;
  sum: number;
  good: number;
}

/** Ratings given in the period on orders placed inside: count, star sum, 4–5 star count. */
export async function ratingsByArea(s: FigureScope): Promise<Map<string, RatingSums>> {
  const rows = await s.db
    .selectFrom('vs_ratings as r')
    .innerJoin('vs_orders as o', 'o.id', 'r.order_id')
    .select((eb) => [
      area(s, 'o.region_code').as('k'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('r.stars').as('sum'),
      eb.fn.sum<number>(sql`case when r.stars >= 4 then 1 else 0 end`).as('good'),
    ])
    .where(underPrefix('o.region_code', s.prefix))
    .where('r.created_at', '>=', s.start)
    .where('r.created_at', '<', s.end)
    .groupBy(area(s, 'o.region_code'))
    .execute();
  return new Map(
    rows.map((r) => [r.k, { n: Number(r.n), sum: Number(r.sum ?? 0), good: Number(r.good ?? 0) }]),
  );
}
