/**
 * `doorstep rollups rebuild`, the volunteer figures' part: recompute vs_volunteer_years (migration
 * 0053) and vs_area_rollups (0064) from their sources in the caller's transaction — the triggers
 * keep them right on every write; this is for a restored dump or a doubt. On PostgreSQL the source
 * tables are locked against writes until the transaction ends.
 */
import { PostgresAdapter, sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { countRows } from '../../db/count-rows.ts';

export async function rebuildVolunteerRollups(
  tx: Transaction<Database>,
): Promise<{ areaRows: number; volunteerYears: number }> {
  const pg = tx.getExecutor().adapter instanceof PostgresAdapter;
  if (pg)
    await sql`LOCK TABLE vs_service_records, vs_activities, vs_volunteers IN SHARE MODE`.execute(
      tx,
    );
  const chinaDay = (col: RawBuilder<unknown>) =>
    pg
      ? sql`to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`
      : sql`date(${col}, '+8 hours')`;
  // The volunteer years first: their own triggers fold into the area rollups, emptied after.
  await tx.deleteFrom('vs_volunteer_years').execute();
  await sql`
    INSERT INTO vs_volunteer_years (volunteer_id, year, first_day, home_region_code, registered_day)
    SELECT q.volunteer_id, substr(q.service_date, 1, 4), MIN(q.service_date), v.home_region_code,
      ${chinaDay(sql.ref('v.created_at'))}
    FROM vs_service_records q JOIN vs_volunteers v ON v.id = q.volunteer_id
    WHERE q.status = 'confirmed' AND q.half_hours > 0
    GROUP BY q.volunteer_id, substr(q.service_date, 1, 4), v.home_region_code, v.created_at`.execute(
    tx,
  );
  await tx.deleteFrom('vs_area_rollups').execute();
  // Once the volunteer years are in, each measure's source rows (measure, code, day, n).
  const activeDay = sql`CASE WHEN y.first_day >= y.registered_day THEN y.first_day
    ELSE y.registered_day END`;
  const sources = sql`
    SELECT 'registered' AS measure, v.home_region_code AS code,
      ${chinaDay(sql.ref('v.created_at'))} AS day, 1 AS n FROM vs_volunteers v
    UNION ALL
    SELECT 'active', y.home_region_code, ${activeDay}, 1 FROM vs_volunteer_years y
      WHERE substr(${activeDay}, 1, 4) = y.year
    UNION ALL
    SELECT 'capacity', a.region_code, ${chinaDay(sql.ref('a.starts_at'))}, a.capacity
      FROM vs_activities a WHERE a.status <> 'cancelled'
    UNION ALL
    SELECT 'signups', a.region_code, ${chinaDay(sql.ref('a.starts_at'))}, a.confirmed_count
      FROM vs_activities a WHERE a.status <> 'cancelled'
    UNION ALL
    SELECT 'half_hours', a.region_code, q.service_date, q.half_hours
      FROM vs_service_records q JOIN vs_activities a ON a.id = q.activity_id
      WHERE q.status = 'confirmed'`;
  // Every level a figure groups by (4, 6, 9, 12 digits) and every grain (year, month, day).
  await sql`
    INSERT INTO vs_area_rollups (measure, len, area, grain, period, n)
    SELECT x.measure, l.len, substr(x.code, 1, l.len), g.glen, substr(x.day, 1, g.glen), SUM(x.n)
    FROM (${sources}) x
    CROSS JOIN (SELECT 4 AS len UNION ALL SELECT 6 UNION ALL SELECT 9 UNION ALL SELECT 12) l
    CROSS JOIN (SELECT 4 AS glen UNION ALL SELECT 7 UNION ALL SELECT 10) g
    GROUP BY x.measure, l.len, substr(x.code, 1, l.len), g.glen, substr(x.day, 1, g.glen)
    HAVING SUM(x.n) <> 0`.execute(tx);
  return {
    areaRows: await countRows(tx, 'vs_area_rollups'),
    volunteerYears: await countRows(tx, 'vs_volunteer_years'),
  };
}
