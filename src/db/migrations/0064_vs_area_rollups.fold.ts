/**
 * Migration 0064's folding SQL, written once over a row source that differs per dialect (a
 * PostgreSQL transition table or SQLite's NEW/OLD). Frozen with the migration.
 *
 * Every source yields rows (measure, code, day, n): a signed amount of a measure at a 12-digit
 * region code on a China day. The fold adds each row to the area rollups at every level a figure
 * groups by (the first 4, 6, 9 and 12 digits of the code) and every grain (the year, the month and
 * the day), summed per key and ordered by key (no deadlock between two statements), writing
 * nothing for a delta that nets to zero.
 */
import type { Dialect } from '../connection.ts';
import { chinaDay, type Image } from './0053_figure_rollups.fold.ts';

/** The code prefixes a figure groups by: city, district, town, village (a province is never a child). */
export const AREA_LENGTHS = [4, 6, 9, 12] as const;
/** The grains: YYYY, YYYY-MM, YYYY-MM-DD. */
export const PERIOD_LENGTHS = [4, 7, 10] as const;

const values = (name: string, xs: readonly number[]) =>
  `(${xs.map((x, i) => (i === 0 ? `SELECT ${x} AS ${name}` : `SELECT ${x}`)).join(' UNION ALL ')})`;

/**
 * Add the rows of `source` (SELECT measure, code, day, n …) to vs_area_rollups. With `slot` (an SQL
 * expression, migration 0066 on PostgreSQL), each row goes to that slot of its key: a key's amount
 * is the sum over its slots.
 */
export function foldAreas(source: string, slot?: string): string {
  const key = 'x.measure, l.len, substr(x.code, 1, l.len), g.glen, substr(x.day, 1, g.glen)';
  const columns = `measure, len, area, grain, period${slot ? ', slot' : ''}`;
  return `INSERT INTO vs_area_rollups (${columns}, n)
    SELECT ${key}${slot ? `, ${slot}` : ''}, SUM(x.n)
    FROM (${source}) x
    CROSS JOIN ${values('len', AREA_LENGTHS)} l
    CROSS JOIN ${values('glen', PERIOD_LENGTHS)} g
    WHERE x.code IS NOT NULL AND x.day IS NOT NULL
    GROUP BY ${key} HAVING SUM(x.n) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (${columns}) DO UPDATE SET n = vs_area_rollups.n + excluded.n`;
}

const union = (images: Image[], row: (i: Image) => string) => images.map(row).join(' UNION ALL ');

/** Volunteers by home region and registration day. */
export const registered = (dialect: Dialect, images: Image[]) =>
  union(
    images,
    (i) => `SELECT 'registered' AS measure, ${i.col('home_region_code')} AS code,
      ${chinaDay(dialect, i.col('created_at'))} AS day, ${i.sign} AS n ${i.from}`,
  );

/**
 * Volunteers active in a year (vs_volunteer_years), by home region and the day they count from:
 * their first day with confirmed hours in the year, or their registration day if later. A row whose
 * day falls past its year never counts for that year's periods, and is left out.
 */
export const active = (images: Image[]) =>
  union(images, (i) => {
    const day = `CASE WHEN ${i.col('first_day')} >= ${i.col('registered_day')}
      THEN ${i.col('first_day')} ELSE ${i.col('registered_day')} END`;
    return `SELECT 'active' AS measure, ${i.col('home_region_code')} AS code, ${day} AS day,
      ${i.sign} AS n ${i.from} WHERE substr(${day}, 1, 4) = ${i.col('year')}`;
  });

/** Capacity and confirmed sign-ups of activities not cancelled, by region and start day. */
export const fill = (dialect: Dialect, images: Image[]) =>
  union(
    images,
    (i) => `SELECT 'capacity' AS measure, ${i.col('region_code')} AS code,
      ${chinaDay(dialect, i.col('starts_at'))} AS day, ${i.sign} * ${i.col('capacity')} AS n ${i.from}
      WHERE ${i.col('status')} <> 'cancelled'
    UNION ALL
    SELECT 'signups', ${i.col('region_code')}, ${chinaDay(dialect, i.col('starts_at'))},
      ${i.sign} * ${i.col('confirmed_count')} ${i.from} WHERE ${i.col('status')} <> 'cancelled'`,
  );

/** Confirmed half hours by the region of the record's activity and the service day. */
export const hours = (images: Image[]) =>
  `SELECT 'half_hours' AS measure, a.region_code AS code, x.service_date AS day, x.h AS n
   FROM (${union(
     images,
     (
       i,
     ) => `SELECT ${i.col('activity_id')} AS activity_id, ${i.col('service_date')} AS service_date,
       ${i.sign} * ${i.col('half_hours')} AS h ${i.from} WHERE ${i.col('status')} = 'confirmed'`,
   )}) x JOIN vs_activities a ON a.id = x.activity_id`;

/**
 * An activity that moves region takes its confirmed hours with it. `moved` yields (activity_id,
 * region_code, s): the new region with s = +1 and the old with s = −1.
 */
export const movedHours = (moved: string) =>
  `SELECT 'half_hours' AS measure, m.region_code AS code, q.service_date AS day,
     m.s * q.half_hours AS n
   FROM (${moved}) m JOIN vs_service_records q ON q.activity_id = m.activity_id
   WHERE q.status = 'confirmed'`;
