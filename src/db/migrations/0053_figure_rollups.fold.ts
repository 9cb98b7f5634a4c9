/**
 * Migration 0053's folding SQL, written once over a row source that differs per dialect (a
 * PostgreSQL transition table or SQLite's NEW/OLD). Frozen with the migration.
 */
import type { Dialect } from '../connection.ts';

// ── the folding SQL, over a row source ──────────────────────────────────────────────────────────

/** A source row's columns, by name: `NEW.x` (SQLite) or `n.x` (a PostgreSQL transition table). */
export type Row = (column: string) => string;
/** One source of signed rows: the columns of a row and its sign (+1 new image, −1 old image). */
export interface Image {
  col: Row;
  sign: 1 | -1;
  /** `FROM new_rows n` on PostgreSQL; empty on SQLite (NEW/OLD are in scope). */
  from: string;
}

export const caseBucket = (r: Row) => `${r('accepting_region_code')} AS accepting_region_code,
  ${r('accepting_station_id')} AS accepting_station_id, ${r('state')} AS state,
  CASE WHEN ${r('accepted_at')} IS NOT NULL THEN 1 ELSE 0 END AS accepted,
  CASE WHEN ${r('is_tongban')} = 1 THEN 1 ELSE 0 END AS tongban,
  CASE WHEN ${r('state')} IN ('accepted','in_progress') THEN COALESCE(${r('due_date')}, '') ELSE '' END AS due_date`;

export function foldCases(images: Image[]): string {
  const rows = images
    .map((i) => `SELECT ${caseBucket(i.col)}, ${i.sign} AS d ${i.from}`)
    .join(' UNION ALL ');
  const key = 'accepting_region_code, accepting_station_id, state, accepted, tongban, due_date';
  return `INSERT INTO case_figure_rollups (${key}, cases)
    SELECT ${key}, SUM(d) FROM (${rows}) x WHERE true GROUP BY ${key} HAVING SUM(d) <> 0
    ORDER BY ${key}
    ON CONFLICT (${key}) DO UPDATE SET cases = case_figure_rollups.cases + excluded.cases`;
}

/** A case that moves station keeps its second-request count with it (stations are fixed today). */
export function foldCaseStations(images: Image[]): string {
  const rows = images
    .map(
      (i) => `SELECT ${i.col('accepting_region_code')} AS accepting_region_code,
        ${i.col('accepting_station_id')} AS accepting_station_id, ${i.sign} AS d ${i.from}
        WHERE EXISTS (SELECT 1 FROM case_requests q
          WHERE q.case_id = ${i.col('id')} AND q.kind = 'defective')`,
    )
    .join(' UNION ALL ');
  const key = 'accepting_region_code, accepting_station_id';
  return `INSERT INTO case_second_request_rollups (${key}, cases)
    SELECT ${key}, SUM(d) FROM (${rows}) x WHERE true GROUP BY ${key} HAVING SUM(d) <> 0
    ORDER BY ${key}
    ON CONFLICT (${key}) DO UPDATE SET cases = case_second_request_rollups.cases + excluded.cases`;
}

/**
 * Cases whose count of defective requests changed by `d` in this statement: the second-request
 * count of their station moves when "any" flips. `changes` yields (case_id, d).
 */
export function foldSecondRequests(changes: string): string {
  const key = 'accepting_region_code, accepting_station_id';
  return `INSERT INTO case_second_request_rollups (${key}, cases)
    SELECT c.accepting_region_code, c.accepting_station_id,
      SUM((CASE WHEN k.now_n > 0 THEN 1 ELSE 0 END) - (CASE WHEN k.now_n - k.d > 0 THEN 1 ELSE 0 END))
    FROM (SELECT x.case_id, x.d, (SELECT COUNT(*) FROM case_requests q
            WHERE q.case_id = x.case_id AND q.kind = 'defective') AS now_n
          FROM (${changes}) x) k
    JOIN cases c ON c.id = k.case_id
    WHERE true
    GROUP BY c.accepting_region_code, c.accepting_station_id
    HAVING SUM((CASE WHEN k.now_n > 0 THEN 1 ELSE 0 END) - (CASE WHEN k.now_n - k.d > 0 THEN 1 ELSE 0 END)) <> 0
    ORDER BY 1, 2
    ON CONFLICT (${key}) DO UPDATE SET cases = case_second_request_rollups.cases + excluded.cases`;
}

export const defectiveChanges = (images: Image[]) =>
  `SELECT case_id, SUM(d) AS d FROM (${images
    .map(
      (i) =>
        `SELECT ${i.col('case_id')} AS case_id, ${i.sign} AS d ${i.from} WHERE ${i.col('kind')} = 'defective'`,
    )
    .join(' UNION ALL ')}) y GROUP BY case_id HAVING SUM(d) <> 0`;

export function foldHours(images: Image[]): string {
  const rows = images
    .map(
      (
        i,
      ) => `SELECT ${i.col('activity_id')} AS activity_id, ${i.col('service_date')} AS service_date,
        ${i.sign} * ${i.col('half_hours')} AS h, ${i.sign} AS n ${i.from}
        WHERE ${i.col('status')} = 'confirmed'`,
    )
    .join(' UNION ALL ');
  return `INSERT INTO vs_hour_rollups (region_code, period, half_hours, records)
    SELECT region_code, period, SUM(h), SUM(n) FROM (
      SELECT a.region_code, x.service_date AS period, x.h, x.n
        FROM (${rows}) x JOIN vs_activities a ON a.id = x.activity_id
      UNION ALL
      SELECT a.region_code, substr(x.service_date, 1, 7), x.h, x.n
        FROM (${rows}) x JOIN vs_activities a ON a.id = x.activity_id
    ) y WHERE true GROUP BY region_code, period HAVING SUM(h) <> 0 OR SUM(n) <> 0
    ORDER BY region_code, period
    ON CONFLICT (region_code, period) DO UPDATE SET half_hours = vs_hour_rollups.half_hours + excluded.half_hours,
      records = vs_hour_rollups.records + excluded.records`;
}

/** An activity that moves region takes its confirmed hours with it. */
export function foldActivityRegions(images: Image[]): string {
  const rows = images
    .map(
      (i) => `SELECT ${i.col('id')} AS activity_id, ${i.col('region_code')} AS region_code,
        ${i.sign} AS s ${i.from}`,
    )
    .join(' UNION ALL ');
  return `INSERT INTO vs_hour_rollups (region_code, period, half_hours, records)
    SELECT region_code, period, SUM(h), SUM(n) FROM (
      SELECT m.region_code, q.service_date AS period, m.s * q.half_hours AS h, m.s AS n
        FROM (${rows}) m JOIN vs_service_records q ON q.activity_id = m.activity_id
        WHERE q.status = 'confirmed'
      UNION ALL
      SELECT m.region_code, substr(q.service_date, 1, 7), m.s * q.half_hours, m.s
        FROM (${rows}) m JOIN vs_service_records q ON q.activity_id = m.activity_id
        WHERE q.status = 'confirmed'
    ) y WHERE true GROUP BY region_code, period HAVING SUM(h) <> 0 OR SUM(n) <> 0
    ORDER BY region_code, period
    ON CONFLICT (region_code, period) DO UPDATE SET half_hours = vs_hour_rollups.half_hours + excluded.half_hours,
      records = vs_hour_rollups.records + excluded.records`;
}

export const chinaDay = (dialect: Dialect, col: string) =>
  dialect === 'postgres'
    ? `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`
    : `date(${col}, '+8 hours')`;

/**
 * Recompute the (volunteer, year) rows named by `affected` (volunteer_id, year): delete them, then
 * insert each one's first confirmed day with hours in the year, if any.
 */
export function recomputeVolunteerYears(dialect: Dialect, affected: string): string[] {
  return [
    `DELETE FROM vs_volunteer_years WHERE (volunteer_id, year) IN
       (SELECT DISTINCT volunteer_id, year FROM (${affected}) a)`,
    `INSERT INTO vs_volunteer_years (volunteer_id, year, first_day, home_region_code, registered_day)
     SELECT q.volunteer_id, a.year, MIN(q.service_date), v.home_region_code,
       ${chinaDay(dialect, 'v.created_at')}
     FROM (SELECT DISTINCT volunteer_id, year FROM (${affected}) z) a
     JOIN vs_service_records q ON q.volunteer_id = a.volunteer_id
       AND q.service_date >= a.year || '-01-01' AND q.service_date <= a.year || '-12-31'
       AND q.status = 'confirmed' AND q.half_hours > 0
     JOIN vs_volunteers v ON v.id = q.volunteer_id
     WHERE true
     GROUP BY q.volunteer_id, a.year, v.home_region_code, v.created_at
     ORDER BY 1, 2
     ON CONFLICT (volunteer_id, year) DO UPDATE SET
       first_day = CASE WHEN excluded.first_day < vs_volunteer_years.first_day THEN excluded.first_day
         ELSE vs_volunteer_years.first_day END,
       home_region_code = excluded.home_region_code, registered_day = excluded.registered_day`,
  ];
}

export const affectedYears = (images: Image[]) =>
  images
    .map(
      (i) => `SELECT ${i.col('volunteer_id')} AS volunteer_id,
        substr(${i.col('service_date')}, 1, 4) AS year ${i.from}
        WHERE ${i.col('status')} = 'confirmed' AND ${i.col('half_hours')} > 0`,
    )
    .join(' UNION ALL ');

export function copyVolunteers(dialect: Dialect, changed: string): string {
  return `UPDATE vs_volunteer_years SET
      home_region_code = (SELECT v.home_region_code FROM vs_volunteers v WHERE v.id = vs_volunteer_years.volunteer_id),
      registered_day = (SELECT ${chinaDay(dialect, 'v.created_at')} FROM vs_volunteers v
        WHERE v.id = vs_volunteer_years.volunteer_id)
    WHERE volunteer_id IN (${changed})`;
}
