/**
 * A supervisor's figures per accepting station (GS-5, GS-8): cases accepted, open, the open cases'
 * deadline lights (overdue = red, yellow, green, paused, none), and the second-request rate (二次补正率: cases with at least one request for a
 * material already presented — decided from the case's history, whatever the caller called it —
 * ÷ cases accepted; target 0).
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { levelOfCode, scopePrefix, townCodeOf } from '../../shared/region-code.ts';
import { secondRequestRate } from './case.notice.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { lastYellowDate } from '../calendar/working-days.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';

export const FIGURE_READERS = ['admin', 'supervisor', 'district_officer', 'town_officer'] as const;

/** The region drill-down (district → town → station): the figures of one region, or all in reach. */
export const CaseFigureQuery = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit region code')
    .optional(),
});

/** Names of the districts and towns the stations sit in (one query), for the drill-down. */
export async function regionNames(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The counts every figures answer carries, per station or per region of the drill-down. The open
 * cases by the light the cases list shows them with (case-clock.ts, `deadlineLight`), each in one:
 * overdue (red), yellow, green, paused, none (no running clock) add up to open.
 */
export const FigureCounts = z.object({
  filed: z.number(),
  accepted: z.number(),
  open: z.number(),
  overdue: z.number(),
  yellow: z.number(),
  green: z.number(),
  paused: z.number(),
  none: z.number(),
  tongban: z.number(),
  secondRequests: z.number(),
  secondRequestRate: z.number(),
});

export interface FigureInput {
  actor: Actor;
  now: Date;
  regionCode?: string | undefined;
  /** GS-8: the configured yellow window (config deadlineYellowWorkingDays; default 1). */
  yellowWithinWorkingDays?: number | undefined;
}

/**
 * The due dates that split the running cases' lights, once per request: red before `today`
 * (China date), yellow from `today` to `yellowUntil`, green after (`lastYellowDate`: exactly
 * `deadlineLight`'s, with the work calendar of the database).
 */
export interface LightWindow {
  today: string;
  yellowUntil: string;
}

export async function lightWindow(
  db: Kysely<Database>,
  input: Pick<FigureInput, 'now' | 'yellowWithinWorkingDays'>,
): Promise<LightWindow> {
  const today = chinaDate(input.now);
  const cal = await loadWorkCalendar(db);
  return { today, yellowUntil: lastYellowDate(today, input.yellowWithinWorkingDays ?? 1, cal) };
}

/** The caller's reach and the region drilled into (a code prefix, '' for all in reach). */
export function figureScope(input: FigureInput) {
  const prefixes = reachPrefixes(input.actor, FIGURE_READERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  const level = input.regionCode ? levelOfCode(input.regionCode) : null;
  const within = input.regionCode && level ? scopePrefix(input.regionCode, level) : '';
  return { prefixes, within };
}

/**
 * Read from the rollups (migrations 0053 and 0062, kept by triggers in every writer's transaction):
 * a row of counters per station and the running cases per due date, so a city's figures read a
 * row per station and its running cases, never its cases. The same answer as the live aggregation
 * (case-figures.live.ts; the property test holds them equal).
 */
export async function stationCaseFigures(db: Kysely<Database>, input: FigureInput) {
  const { prefixes, within } = figureScope(input);
  return figuresOfStations(db, prefixes, within, await lightWindow(db, input));
}

/**
 * The figures of every station in the scope, in (region code, id) order — or only of `stationIds`
 * (a page's: case-figures.page.ts), whose rollup rows alone are then read.
 */
export async function figuresOfStations(
  db: Kysely<Database>,
  prefixes: readonly string[],
  within: string,
  window: LightWindow,
  stationIds?: readonly string[],
) {
  if (stationIds?.length === 0) return [];
  const rows = await stationRollups(db, prefixes, within, window, stationIds)
    .orderBy('s.region_code')
    .orderBy('s.id')
    .execute();
  const second = await secondRequestsByStation(db, prefixes, within, stationIds).execute();
  const secondOf = new Map(second.map((r) => [r.id, Number(r.n ?? 0)]));
  return presentStationFigures(
    db,
    rows.map((r) => ({ ...r, second_requests: secondOf.get(r.station_id) ?? 0 })),
  );
}

/** One station's figures as GET /cases/figures (and its /page) answer them. */
export const StationFigureView = FigureCounts.extend({
  stationId: z.string(),
  stationName: z.string(),
  regionCode: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  townCode: z.string(),
  townName: z.string(),
});

/** The counters every figure sums (all but the running lights and the second requests). */
export const COUNTERS = ['filed', 'accepted', 'open', 'paused', 'tongban'] as const;
/** The running cases' lights, summed from the due-date rollup. */
export const RUNNING = ['overdue', 'yellow', 'green'] as const;

/**
 * Each (region, station)'s counters in the reach and the region drilled into, with its running
 * cases by light — due before today (overdue), up to `yellowUntil` (yellow), later (green) —
 * summed from the due-date rollup (a query).
 */
export function stationSums(
  db: Kysely<Database>,
  prefixes: readonly string[],
  within: string,
  { today, yellowUntil }: LightWindow,
  stationIds?: readonly string[],
) {
  const cases = (when: ReturnType<typeof sql<boolean>>) =>
    sql<number>`sum(case when ${when} then ${sql.ref('d.cases')} else 0 end)`;
  const due = sql.ref('d.due_date');
  const running = db
    .selectFrom('case_due_rollups as d')
    .select([
      'd.accepting_region_code',
      'd.accepting_station_id',
      cases(sql<boolean>`${due} < ${today}`).as('overdue'),
      cases(sql<boolean>`${due} >= ${today} and ${due} <= ${yellowUntil}`).as('yellow'),
      cases(sql<boolean>`${due} > ${yellowUntil}`).as('green'),
    ])
    .where(underAnyPrefix('d.accepting_region_code', prefixes))
    .where(underPrefix('d.accepting_region_code', within))
    .$if(stationIds !== undefined, (q) => q.where('d.accepting_station_id', 'in', stationIds!))
    .groupBy(['d.accepting_region_code', 'd.accepting_station_id']);
  return stationTotalsInScope(db, prefixes, within)
    .leftJoin(running.as('o'), (j) =>
      j
        .onRef('o.accepting_region_code', '=', 't.accepting_region_code')
        .onRef('o.accepting_station_id', '=', 't.accepting_station_id'),
    )
    .select([
      't.accepting_region_code',
      't.accepting_station_id',
      ...COUNTERS.map((n) => `t.${n}` as const),
      ...RUNNING.map((n) => sql<number>`coalesce(${sql.ref(`o.${n}`)}, 0)`.as(n)),
    ])
    .$if(stationIds !== undefined, (q) => q.where('t.accepting_station_id', 'in', stationIds!));
}

/**
 * The stations' counter rows a figure shows: in the reach and the region drilled into, with a case
 * filed. The one definition of which stations the table has — its pages pick theirs from it too.
 */
export function stationTotalsInScope(
  db: Kysely<Database>,
  prefixes: readonly string[],
  within: string,
) {
  return db
    .selectFrom('case_station_totals as t')
    .where(underAnyPrefix('t.accepting_region_code', prefixes))
    .where(underPrefix('t.accepting_region_code', within))
    .where('t.filed', '>', 0);
}

/**
 * Each station's sums, in the reach and the region drilled into (a query): a station's rows summed
 * by a hash on its id (one row, unless its cases were accepted under two codes), then joined to
 * the stations for their names. `stationIds`: only these stations' rows are read (a page's).
 */
export function stationRollups(
  db: Kysely<Database>,
  prefixes: readonly string[],
  within: string,
  window: LightWindow,
  stationIds?: readonly string[],
) {
  const sums = db
    .selectFrom(stationSums(db, prefixes, within, window, stationIds).as('r'))
    .select((eb) => [
      'r.accepting_station_id',
      ...[...COUNTERS, ...RUNNING].map((n) => eb.fn.sum<number>(`r.${n}`).as(n)),
    ])
    .groupBy('r.accepting_station_id');
  return db
    .selectFrom(sums.as('p'))
    .innerJoin('stations as s', 's.id', 'p.accepting_station_id')
    .select([
      's.id as station_id',
      's.name as station_name',
      's.region_code as region_code',
      'p.filed',
      'p.accepted',
      'p.open',
      'p.overdue',
      'p.yellow',
      'p.green',
      'p.paused',
      'p.tongban',
    ]);
}

/** Cases with a second request per station (its own rollup), in the same scope (a query). */
export function secondRequestsByStation(
  db: Kysely<Database>,
  prefixes: readonly string[],
  within: string,
  stationIds?: readonly string[],
) {
  return db
    .selectFrom('case_second_request_rollups as r')
    .select(['r.accepting_station_id as id', (eb) => eb.fn.sum<number>('r.cases').as('n')])
    .where(underAnyPrefix('r.accepting_region_code', prefixes))
    .where(underPrefix('r.accepting_region_code', within))
    .$if(stationIds !== undefined, (q) => q.where('r.accepting_station_id', 'in', stationIds!))
    .groupBy('r.accepting_station_id');
}

interface StationRow {
  station_id: string;
  station_name: string;
  region_code: string;
  filed: number | string;
  accepted: number | string | null;
  open: number | string | null;
  overdue: number | string | null;
  yellow: number | string | null;
  green: number | string | null;
  paused: number | string | null;
  /** The live aggregation counts it; from the rollups it is what the others leave of open. */
  none?: number | string | null;
  tongban: number | string | null;
  second_requests: number | string | null;
}

/** The answer's shape: names of the district and town for the drill-down, counts as numbers. */
export async function presentStationFigures(db: Kysely<Database>, rows: StationRow[]) {
  const districtOf = (code: string) => `${code.slice(0, 6)}000000`;
  const names = await regionNames(db, [
    ...rows.map((r) => districtOf(r.region_code)),
    ...rows.map((r) => townCodeOf(r.region_code)),
  ]);
  return rows.map((r) => {
    const district = districtOf(r.region_code);
    const town = townCodeOf(r.region_code);
    const accepted = Number(r.accepted ?? 0);
    const second = Number(r.second_requests ?? 0);
    const lights = lightCounts(r);
    return {
      stationId: r.station_id,
      stationName: r.station_name,
      regionCode: r.region_code,
      districtCode: district,
      districtName: names.get(district) ?? district,
      townCode: town,
      townName: names.get(town) ?? town,
      filed: Number(r.filed),
      accepted,
      ...lights,
      tongban: Number(r.tongban ?? 0),
      secondRequests: second,
      secondRequestRate: secondRequestRate(accepted, second),
    };
  });
}

/** Open and its lights as numbers; `none` = what the others leave of open, unless counted. */
export function lightCounts(r: {
  open: number | string | null;
  overdue: number | string | null;
  yellow: number | string | null;
  green: number | string | null;
  paused: number | string | null;
  none?: number | string | null;
}) {
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  const [open, overdue, yellow, green, paused] = [
    r.open,
    r.overdue,
    r.yellow,
    r.green,
    r.paused,
  ].map(n) as [number, number, number, number, number];
  const none = r.none === undefined ? open - overdue - yellow - green - paused : n(r.none);
  return { open, overdue, yellow, green, paused, none };
}
