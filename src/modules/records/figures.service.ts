/**
 * VS-10 figures for one region (any level in the caller's reach) and period, with a breakdown per
 * child region. How each figure is counted:
 * - volunteers: registered with a home region inside, by the end of the period (any status);
 * - activeVolunteers / activityRate: of those, the share with any confirmed hours in the period
 *   (served anywhere);
 * - teams, projects: active rows whose region is inside, created by the end of the period;
 * - confirmedHours: confirmed service records dated in the period, of activities held inside;
 * - ordersByState: orders placed inside during the period, by their current state;
 * - medianMinutesToAccept: over those orders accepted, accepted_at − dispatched_at (− created_at
 *   when the order was never dispatched, e.g. taken straight from the open pool);
 * - fillRate: confirmed sign-ups ÷ capacity over activities inside starting in the period
 *   (cancelled activities left out);
 * - satisfaction: average stars of ratings given in the period on orders placed inside; and the
 *   share of ratings with 4 or 5 stars.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { LEVEL_PREFIX_LENGTH, levelOfCode } from '../auth/region-code.ts';
import type { Role } from '../auth/roles.ts';
import { chinaDate } from '../calendar/working-days.ts';
import {
  childPrefixLength,
  median,
  minutesToAccept,
  periodBounds,
  ratio,
} from './figures.rules.ts';

export const FIGURE_ROLES = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'district_officer',
  'town_officer',
] as const satisfies readonly Role[];

const ORDER_STATES = [
  'awaiting_dispatch',
  'directed',
  'open',
  'accepted',
  'in_service',
  'completed',
  'cancelled',
] as const;

type Grouped = Map<string, number>;

export async function regionFigures(
  db: Kysely<Database>,
  input: { actor: Actor; regionCode?: string; from?: string; to?: string; now: Date },
) {
  const { actor } = input;
  const regionCode =
    input.regionCode ??
    actor.grants.find((g) => (FIGURE_ROLES as readonly string[]).includes(g.role))?.regionCode;
  if (!regionCode) throw new AppError('FORBIDDEN');
  authorize(actor, FIGURE_ROLES, regionCode);
  const region = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError('UNKNOWN_REGION');
  const level = levelOfCode(region.code) ?? region.level;
  const prefix = region.code.slice(0, LEVEL_PREFIX_LENGTH[level]);

  const today = chinaDate(input.now);
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to || Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000)
    throw new AppError('FIGURES_PERIOD_INVALID');
  const { start, end } = periodBounds(from, to);

  const childLen = childPrefixLength(prefix.length);
  const children = childLen
    ? await db
        .selectFrom('regions')
        .select(['code', 'name'])
        .where('parent_code', '=', region.code)
        .orderBy('code')
        .execute()
    : [];
  const groupLen = childLen ?? prefix.length;
  const g = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, ${sql.lit(groupLen)})`;
  const like = `${prefix}%`;

  const toMap = (rows: { k: string; n: number | string | null }[]): Grouped =>
    new Map(rows.map((r) => [r.k, Number(r.n ?? 0)]));

  const volunteers = toMap(
    await db
      .selectFrom('vs_volunteers')
      .select((eb) => [g('home_region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where('home_region_code', 'like', like)
      .where('created_at', '<', end)
      .groupBy(g('home_region_code'))
      .execute(),
  );
  const active = toMap(
    await db
      .selectFrom('vs_volunteers as v')
      .select((eb) => [g('v.home_region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where('v.home_region_code', 'like', like)
      .where('v.created_at', '<', end)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('vs_service_records as s')
            .select('s.id')
            .whereRef('s.volunteer_id', '=', 'v.id')
            .where('s.status', '=', 'confirmed')
            .where('s.half_hours', '>', 0)
            .where('s.service_date', '>=', from)
            .where('s.service_date', '<=', to),
        ),
      )
      .groupBy(g('v.home_region_code'))
      .execute(),
  );
  const teams = toMap(
    await db
      .selectFrom('vs_teams')
      .select((eb) => [g('region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where('region_code', 'like', like)
      .where('active', '=', 1)
      .where('created_at', '<', end)
      .groupBy(g('region_code'))
      .execute(),
  );
  const projects = toMap(
    await db
      .selectFrom('vs_projects')
      .select((eb) => [g('region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where('region_code', 'like', like)
      .where('active', '=', 1)
      .where('created_at', '<', end)
      .groupBy(g('region_code'))
      .execute(),
  );
  const halfHours = toMap(
    await db
      .selectFrom('vs_service_records as s')
      .innerJoin('vs_activities as a', 'a.id', 's.activity_id')
      .select((eb) => [g('a.region_code').as('k'), eb.fn.sum<number>('s.half_hours').as('n')])
      .where('a.region_code', 'like', like)
      .where('s.status', '=', 'confirmed')
      .where('s.service_date', '>=', from)
      .where('s.service_date', '<=', to)
      .groupBy(g('a.region_code'))
      .execute(),
  );
  const orderRows = await db
    .selectFrom('vs_orders')
    .select((eb) => [g('region_code').as('k'), 'state', eb.fn.countAll<number>().as('n')])
    .where('region_code', 'like', like)
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy([g('region_code'), 'state'])
    .execute();
  const orders = new Map<string, number>();
  const ordersByState: Record<string, number> = Object.fromEntries(ORDER_STATES.map((s) => [s, 0]));
  for (const r of orderRows) {
    orders.set(r.k, (orders.get(r.k) ?? 0) + Number(r.n));
    ordersByState[r.state] = (ordersByState[r.state] ?? 0) + Number(r.n);
  }
  const accepted = await db
    .selectFrom('vs_orders')
    .select(['created_at', 'dispatched_at', 'accepted_at'])
    .where('region_code', 'like', like)
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .where('accepted_at', 'is not', null)
    .execute();
  const waits = accepted
    .map((o) =>
      minutesToAccept({
        createdAt: new Date(o.created_at).toISOString(),
        dispatchedAt: o.dispatched_at ? new Date(o.dispatched_at).toISOString() : null,
        acceptedAt: o.accepted_at ? new Date(o.accepted_at).toISOString() : null,
      }),
    )
    .filter((m): m is number => m !== null);
  const fillRows = await db
    .selectFrom('vs_activities')
    .select((eb) => [
      g('region_code').as('k'),
      eb.fn.sum<number>('capacity').as('cap'),
      eb.fn.sum<number>('confirmed_count').as('conf'),
    ])
    .where('region_code', 'like', like)
    .where('status', '<>', 'cancelled')
    .where('starts_at', '>=', start)
    .where('starts_at', '<', end)
    .groupBy(g('region_code'))
    .execute();
  const capacity = new Map(fillRows.map((r) => [r.k, Number(r.cap ?? 0)]));
  const confirmed = new Map(fillRows.map((r) => [r.k, Number(r.conf ?? 0)]));
  const ratingRows = await db
    .selectFrom('vs_ratings as r')
    .innerJoin('vs_orders as o', 'o.id', 'r.order_id')
    .select((eb) => [
      g('o.region_code').as('k'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('r.stars').as('sum'),
      eb.fn.sum<number>(sql`case when r.stars >= 4 then 1 else 0 end`).as('good'),
    ])
    .where('o.region_code', 'like', like)
    .where('r.created_at', '>=', start)
    .where('r.created_at', '<', end)
    .groupBy(g('o.region_code'))
    .execute();
  const ratings = new Map(
    ratingRows.map((r) => [
      r.k,
      { n: Number(r.n), sum: Number(r.sum ?? 0), good: Number(r.good ?? 0) },
    ]),
  );

  const total = (m: Grouped) => [...m.values()].reduce((a, b) => a + b, 0);
  const block = (pick: (m: Grouped) => number) => {
    const vols = pick(volunteers);
    const act = pick(active);
    const cap = pick(capacity);
    const conf = pick(confirmed);
    const rated = pick(new Map([...ratings].map(([k, v]) => [k, v.n])));
    const sum = pick(new Map([...ratings].map(([k, v]) => [k, v.sum])));
    return {
      volunteers: vols,
      activeVolunteers: act,
      activityRate: ratio(act, vols),
      teams: pick(teams),
      projects: pick(projects),
      confirmedHours: pick(halfHours) / 2,
      orders: pick(orders),
      fillRate: ratio(conf, cap),
      satisfaction: rated ? Math.round((sum / rated) * 100) / 100 : null,
    };
  };
  const totals = block(total);
  const ratedTotal = [...ratings.values()].reduce((a, r) => a + r.n, 0);
  const goodTotal = [...ratings.values()].reduce((a, r) => a + r.good, 0);
  return {
    region: { code: region.code, name: region.name, level },
    period: { from, to },
    totals: {
      ...totals,
      ordersByState,
      medianMinutesToAccept: median(waits),
      acceptedOrders: waits.length,
      capacity: total(capacity),
      confirmedSignups: total(confirmed),
      ratings: ratedTotal,
      ratingsFourPlus: goodTotal,
      satisfiedShare: ratio(goodTotal, ratedTotal),
    },
    children: children.map((c) => {
      const k = c.code.slice(0, groupLen);
      return { code: c.code, name: c.name, ...block((m) => m.get(k) ?? 0) };
    }),
  };
}
