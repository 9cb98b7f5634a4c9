/**
 * VS-10 figures for one region (any level in the caller's reach) and period, with a breakdown per
 * child region. How each figure is counted:
 * - volunteers: registered with a home region inside, by the end of the period (any status);
 * - activeVolunteers / activityRate: of those, the share with any confirmed hours in the period
 *   (served anywhere);
 * - teams, projects: active rows whose region is inside, created by the end of the period;
 * - confirmedHours: confirmed service records dated in the period, of activities held inside;
 * Those, the volunteers and the fill are read from the area rollups (figures.rollup.ts says how),
 *   the rest live on their indexes;
 * - ordersByState: orders placed inside during the period, by their current state;
 * - medianMinutesToAccept: over those orders accepted, accepted_at − dispatched_at (− created_at
 *   when the order was never dispatched, e.g. taken straight from the open pool);
 * - fillRate: confirmed sign-ups ÷ capacity over activities inside starting in the period
 *   (cancelled activities left out);
 * - satisfaction: average stars of ratings given in the period on orders placed inside; and the
 *   share of ratings with 4 or 5 stars.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH, levelOfCode } from '../../shared/region-code.ts';
import type { Role } from '../../shared/roles.ts';
import { chinaDate } from '../../shared/china-time.ts';
import {
  activeRowsByArea,
  minutesToAcceptOrders,
  ordersPlaced,
  ratingsByArea,
  type FigureScope,
  type Grouped,
} from './figures.queries.ts';
import * as rollup from './figures.rollup.ts';
import * as live from './figures.live.ts';
import { childPrefixLength, median, periodBounds, ratio } from './figures.rules.ts';

export const FIGURE_ROLES = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'district_officer',
  'town_officer',
] as const satisfies readonly Role[];

export async function regionFigures(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    regionCode?: string;
    from?: string;
    to?: string;
    now: Date;
    /** Aggregate the source rows live instead of reading the rollups (the tests' oracle, bench). */
    live?: boolean;
  },
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
  const areas = [
    ...new Set([...children.map((c) => c.code), region.code].map((c) => c.slice(0, groupLen))),
  ].filter((a) => a.startsWith(prefix));
  const scope: FigureScope = { db, prefix, groupLen, from, to, start, end, areas };

  const volunteers = await (input.live ? live.volunteersByAreaLive : rollup.volunteersByArea)(
    scope,
  );
  const active = await (
    input.live ? live.activeVolunteersByAreaLive : rollup.activeVolunteersByArea
  )(scope);
  const teams = await activeRowsByArea(scope, 'vs_teams');
  const projects = await activeRowsByArea(scope, 'vs_projects');
  const halfHours = await (
    input.live ? live.confirmedHalfHoursByAreaLive : rollup.confirmedHalfHoursByArea
  )(scope);
  const { byArea: orders, byState: ordersByState } = await ordersPlaced(scope);
  const waits = await minutesToAcceptOrders(scope);
  const { capacity, confirmed } = await (
    input.live ? live.activityFillByAreaLive : rollup.activityFillByArea
  )(scope);
  const ratings = await ratingsByArea(scope);

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
