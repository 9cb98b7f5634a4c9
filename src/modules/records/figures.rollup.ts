/**
 * VS-10: the figures read from the area rollups (migration 0064, kept by triggers on the volunteers,
 * the activities, the hour records and the volunteer years in the writer's own transaction). Each
 * is a sum over the rows of the scope's areas — its children at the child level, and the region's
 * own code at that level (rows of a code above the children, e.g. a volunteer whose home is the
 * town itself, which count in the totals only) — for the period's grains: whole years, whole months,
 * days left over (spanGrains).
 * - volunteers: registered by the end of the period — every grain up to its last day;
 * - active volunteers: a distinct count does not add up across days, so each volunteer counts once
 *   a year, on the day they count from (first confirmed day with hours, or registration if later).
 *   That answers a period from 1 January within one year — the default, the year so far; any other
 *   period is counted live on the records' index by volunteer and day;
 * - confirmed hours, capacity and sign-ups: by the activity's region and day.
 */
import type { VsAreaRollupTable } from '../../db/schema.ts';
import { toMap, type FigureScope, type Grouped } from './figures.queries.ts';
import { activeVolunteersByAreaLive } from './figures.live.ts';
import { activeYearOf, spanGrains, type Span } from './figures.rules.ts';

type Measure = VsAreaRollupTable['measure'];

/** The first day a registration can carry: "by the end of the period" is every day up to it. */
const EVER = '1000-01-01';

async function areaSums(s: FigureScope, measures: Measure[], spans: Span[]) {
  if (s.areas.length === 0) return [];
  // One branch per span, each a range of the key (area, grain, period) for every area.
  const branches = spans.map(([lo, hi]) =>
    s.db
      .selectFrom('vs_area_rollups')
      .select(['measure', 'area as k', 'n'])
      .where('measure', 'in', measures)
      .where('len', '=', s.groupLen)
      .where('area', 'in', s.areas)
      .where('grain', '=', lo.length)
      .where('period', '>=', lo)
      .where('period', '<=', hi),
  );
  const [first, ...rest] = branches;
  if (!first) return [];
  const all = rest.reduce((u, b) => u.unionAll(b), first);
  return await s.db
    .selectFrom(all.as('u'))
    .select((eb) => ['u.measure', 'u.k', eb.fn.sum<number>('u.n').as('n')])
    .groupBy(['u.measure', 'u.k'])
    .execute();
}

export async function volunteersByArea(s: FigureScope): Promise<Grouped> {
  return toMap(await areaSums(s, ['registered'], spanGrains(EVER, s.to)));
}

export async function activeVolunteersByArea(s: FigureScope): Promise<Grouped> {
  const year = activeYearOf(s.from, s.to);
  if (!year) return activeVolunteersByAreaLive(s);
  return toMap(await areaSums(s, ['active'], spanGrains(`${year}-01-01`, s.to)));
}

export async function confirmedHalfHoursByArea(s: FigureScope): Promise<Grouped> {
  return toMap(await areaSums(s, ['half_hours'], spanGrains(s.from, s.to)));
}

/** Capacity and confirmed sign-ups of activities inside starting in the period (not cancelled). */
export async function activityFillByArea(
  s: FigureScope,
): Promise<{ capacity: Grouped; confirmed: Grouped }> {
  const rows = await areaSums(s, ['capacity', 'signups'], spanGrains(s.from, s.to));
  return {
    capacity: toMap(rows.filter((r) => r.measure === 'capacity')),
    confirmed: toMap(rows.filter((r) => r.measure === 'signups')),
  };
}
