/**
 * The case dashboard's region drill-down (X-8, issue #16 point 5) summed by the database: one row
 * per district of the reach, per town of a district, or per station of a town. The answer has a row
 * per region shown (16 districts for a city), not one per station of the reach (7,535): the
 * per-station figures of a whole city are a megabyte or more that a phone would have to fetch and
 * sum for a chart of 16 bars. Read from the same rollups as the per-station figures
 * (case-figures.ts), so a level's rows add up to the stations under them.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { secondRequestRate } from './case.notice.ts';
import {
  figureScope,
  regionNames,
  secondRequestsByStation,
  stationRollups,
  type FigureInput,
} from './case-figures.ts';

export const DRILL_LEVELS = ['district', 'town', 'station'] as const;
export type DrillLevel = (typeof DRILL_LEVELS)[number];

export const CaseDrillQuery = z.strictObject({
  by: z.enum(DRILL_LEVELS),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit region code')
    .optional(),
});

export const DrillRowSchema = z.object({
  /** A district's or town's region code, or the station's id. */
  key: z.string(),
  name: z.string(),
  stations: z.number(),
  filed: z.number(),
  accepted: z.number(),
  open: z.number(),
  overdue: z.number(),
  paused: z.number(),
  tongban: z.number(),
  secondRequests: z.number(),
  secondRequestRate: z.number(),
});
export type DrillRow = z.infer<typeof DrillRowSchema>;

/** The digits of a region code that name its district (6) or town (9). */
const KEY_DIGITS = { district: 6, town: 9 } as const;

/** One level's rows, most overdue first, then by name (zh-CN). */
export async function caseFiguresDrill(
  db: Kysely<Database>,
  input: FigureInput & { by: DrillLevel },
): Promise<DrillRow[]> {
  const { prefixes, within } = figureScope(input);
  const perStation = stationRollups(db, prefixes, within, chinaDate(input.now));
  const second = secondRequestsByStation(db, prefixes, within);
  const key =
    input.by === 'station'
      ? sql<string>`p.station_id`
      : sql<string>`substr(p.region_code, 1, ${sql.lit(KEY_DIGITS[input.by])})`;
  const rows = await db
    .selectFrom(perStation.as('p'))
    .leftJoin(second.as('q'), 'q.id', 'p.station_id')
    .select((eb) => [
      key.as('key'),
      eb.fn.max('p.station_name').as('station_name'),
      eb.fn.countAll<number>().as('stations'),
      eb.fn.sum<number>('p.filed').as('filed'),
      eb.fn.sum<number>('p.accepted').as('accepted'),
      eb.fn.sum<number>('p.open').as('open'),
      eb.fn.sum<number>('p.overdue').as('overdue'),
      eb.fn.sum<number>('p.paused').as('paused'),
      eb.fn.sum<number>('p.tongban').as('tongban'),
      eb.fn.sum<number>(eb.fn.coalesce('q.n', sql.lit(0))).as('second_requests'),
    ])
    .groupBy(key)
    .execute();
  const codeOf = (k: string) => (input.by === 'station' ? k : k.padEnd(12, '0'));
  const names =
    input.by === 'station'
      ? new Map<string, string>()
      : await regionNames(
          db,
          rows.map((r) => codeOf(r.key)),
        );
  return rows
    .map((r) => {
      const accepted = Number(r.accepted ?? 0);
      const secondRequests = Number(r.second_requests ?? 0);
      return {
        key: codeOf(r.key),
        name: input.by === 'station' ? r.station_name : (names.get(codeOf(r.key)) ?? codeOf(r.key)),
        stations: Number(r.stations),
        filed: Number(r.filed ?? 0),
        accepted,
        open: Number(r.open ?? 0),
        overdue: Number(r.overdue ?? 0),
        paused: Number(r.paused ?? 0),
        tongban: Number(r.tongban ?? 0),
        secondRequests,
        secondRequestRate: secondRequestRate(accepted, secondRequests),
      };
    })
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'));
}
