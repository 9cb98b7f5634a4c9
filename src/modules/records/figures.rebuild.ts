/**
 * `doorstep rollups rebuild`, the volunteer figures' part: recompute vs_hour_rollups and
 * vs_volunteer_years (migration 0053) from the hour records in the caller's transaction — the
 * triggers keep them right on every write; this is for a restored dump or a doubt. On PostgreSQL
 * the source tables are locked against writes until the transaction ends.
 */
import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { countRows } from '../../db/count-rows.ts';

export async function rebuildVolunteerRollups(
  tx: Transaction<Database>,
): Promise<{ hourRows: number; volunteerYears: number }> {
  const pg = tx.getExecutor().adapter instanceof PostgresAdapter;
  if (pg)
    await sql`LOCK TABLE vs_service_records, vs_activities, vs_volunteers IN SHARE MODE`.execute(
      tx,
    );
  const registered = pg
    ? sql`to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`
    : sql`date(v.created_at, '+8 hours')`;
  await tx.deleteFrom('vs_hour_rollups').execute();
  await tx.deleteFrom('vs_volunteer_years').execute();
  await sql`
    INSERT INTO vs_hour_rollups (region_code, period, half_hours, records)
    SELECT region_code, period, SUM(h), SUM(n) FROM (
      SELECT a.region_code, q.service_date AS period, q.half_hours AS h, 1 AS n
        FROM vs_service_records q JOIN vs_activities a ON a.id = q.activity_id
        WHERE q.status = 'confirmed'
      UNION ALL
      SELECT a.region_code, substr(q.service_date, 1, 7), q.half_hours, 1
        FROM vs_service_records q JOIN vs_activities a ON a.id = q.activity_id
        WHERE q.status = 'confirmed'
    ) y GROUP BY region_code, period`.execute(tx);
  await sql`
    INSERT INTO vs_volunteer_years (volunteer_id, year, first_day, home_region_code, registered_day)
    SELECT q.volunteer_id, substr(q.service_date, 1, 4), MIN(q.service_date), v.home_region_code,
      ${registered}
    FROM vs_service_records q JOIN vs_volunteers v ON v.id = q.volunteer_id
    WHERE q.status = 'confirmed' AND q.half_hours > 0
    GROUP BY q.volunteer_id, substr(q.service_date, 1, 4), v.home_region_code, v.created_at`.execute(
    tx,
  );
  const count = (table: 'vs_hour_rollups' | 'vs_volunteer_years') => countRows(tx, table);
  return {
    hourRows: await count('vs_hour_rollups'),
    volunteerYears: await count('vs_volunteer_years'),
  };
}
