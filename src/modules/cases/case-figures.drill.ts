/**
 * The case dashboard's region drill-down (X-8, issue #16 point 5) summed by the database: one row
 * per district of the reach, per town of a district, or per station of a town. The answer has a row
 * per region shown (16 districts for a city), not one per station of the reach (7,535): the
 * per-station figures of a whole city are megabytes that a phone would have to fetch and sum for a
 * chart of 16 bars. Summed from the same rollups as the per-station figures (case-figures.ts), by
 * the code's district or town digits, so a level's rows add up to the stations under them.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';
import { secondRequestRate } from './case.notice.ts';
import {
  CaseFigureQuery,
  FigureCounts,
  figureScope,
  lightCounts,
  lightWindow,
  regionNames,
  stationSums,
  type FigureInput,
} from './case-figures.ts';

export const DRILL_LEVELS = ['district', 'town', 'station'] as const;
export type DrillLevel = (typeof DRILL_LEVELS)[number];

export const CaseDrillQuery = CaseFigureQuery.extend({ by: z.enum(DRILL_LEVELS) });

export const DrillRowSchema = FigureCounts.extend({
  /** A district's or town's region code, or the station's id. */
  key: z.string(),
  name: z.string(),
  stations: z.number(),
});
export type DrillRow = z.infer<typeof DrillRowSchema>;

/** The group of a row of `alias`: its station, or the digits of its code naming the district or town. */
function groupOf(by: DrillLevel, alias: 'p' | 'r') {
  if (by === 'station') return sql<string>`${sql.ref(`${alias}.accepting_station_id`)}`;
  const digits = sql.lit(by === 'district' ? 6 : 9);
  return sql<string>`substr(${sql.ref(`${alias}.accepting_region_code`)}, 1, ${digits})`;
}

/** One level's rows, most overdue first, then most nearly due (yellow), then by name (zh-CN). */
export async function caseFiguresDrill(
  db: Kysely<Database>,
  input: FigureInput & { by: DrillLevel },
): Promise<DrillRow[]> {
  const { prefixes, within } = figureScope(input);
  // A row per station (case_station_totals, its running cases' lights summed from the due-date
  // rollup), then the level's groups of stations: hash aggregates, no sort.
  const perStation = stationSums(db, prefixes, within, await lightWindow(db, input));
  const group = groupOf(input.by, 'p');
  const rows = await db
    .selectFrom(perStation.as('p'))
    .select((eb) => [
      group.as('key'),
      eb.fn.countAll<number>().as('stations'),
      eb.fn.sum<number>('p.filed').as('filed'),
      eb.fn.sum<number>('p.accepted').as('accepted'),
      eb.fn.sum<number>('p.open').as('open'),
      eb.fn.sum<number>('p.overdue').as('overdue'),
      eb.fn.sum<number>('p.yellow').as('yellow'),
      eb.fn.sum<number>('p.green').as('green'),
      eb.fn.sum<number>('p.paused').as('paused'),
      eb.fn.sum<number>('p.tongban').as('tongban'),
    ])
    .groupBy(group)
    .execute();
  const second = await db
    .selectFrom('case_second_request_rollups as r')
    .select([groupOf(input.by, 'r').as('key'), sql<number>`sum(r.cases)`.as('n')])
    .where(underAnyPrefix('r.accepting_region_code', prefixes))
    .where(underPrefix('r.accepting_region_code', within))
    .groupBy(groupOf(input.by, 'r'))
    .execute();
  const secondOf = new Map(second.map((r) => [r.key, Number(r.n ?? 0)]));
  const codeOf = (k: string) => (input.by === 'station' ? k : k.padEnd(12, '0'));
  const names =
    input.by === 'station'
      ? await stationNames(
          db,
          rows.map((r) => r.key),
        )
      : await regionNames(
          db,
          rows.map((r) => codeOf(r.key)),
        );
  return rows
    .map((r) => {
      const accepted = Number(r.accepted ?? 0);
      const secondRequests = secondOf.get(r.key) ?? 0;
      return {
        key: codeOf(r.key),
        name: names.get(codeOf(r.key)) ?? codeOf(r.key),
        stations: Number(r.stations),
        filed: Number(r.filed ?? 0),
        accepted,
        ...lightCounts(r),
        tongban: Number(r.tongban ?? 0),
        secondRequests,
        secondRequestRate: secondRequestRate(accepted, secondRequests),
      };
    })
    .sort(
      (a, b) =>
        b.overdue - a.overdue || b.yellow - a.yellow || a.name.localeCompare(b.name, 'zh-CN'),
    );
}

async function stationNames(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('stations')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
