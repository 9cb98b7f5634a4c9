/**
 * `doorstep rollups rebuild`, the cases' part: recompute the case figure rollups (migrations 0053, 0062)
 * from `cases` and `case_requests` in the caller's transaction. The triggers keep them right on
 * every write; this is for an operator who restored a dump without them or doubts them. On
 * PostgreSQL the source tables are locked against writes until the transaction ends (their
 * triggers would otherwise fold a write into rows being replaced).
 */
import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { countRows } from '../../db/count-rows.ts';

export async function rebuildCaseRollups(tx: Transaction<Database>): Promise<{ rows: number }> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`LOCK TABLE cases, case_requests IN SHARE MODE`.execute(tx);
  await tx.deleteFrom('case_station_totals').execute();
  await tx.deleteFrom('case_due_rollups').execute();
  await tx.deleteFrom('case_second_request_rollups').execute();
  await sql`
    INSERT INTO case_station_totals (accepting_region_code, accepting_station_id, filed, accepted,
      open, paused, tongban)
    SELECT accepting_region_code, accepting_station_id, COUNT(*),
      SUM(CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END),
      SUM(CASE WHEN state IN ('accepted','in_progress','awaiting_supplement','suspended') THEN 1 ELSE 0 END),
      SUM(CASE WHEN state = 'suspended' OR (state = 'awaiting_supplement' AND accepted_at IS NOT NULL) THEN 1 ELSE 0 END),
      SUM(CASE WHEN is_tongban = 1 THEN 1 ELSE 0 END)
    FROM cases
    GROUP BY accepting_region_code, accepting_station_id`.execute(tx);
  await sql`
    INSERT INTO case_due_rollups (accepting_region_code, accepting_station_id, due_date, cases)
    SELECT accepting_region_code, accepting_station_id, due_date, COUNT(*) FROM cases
    WHERE state IN ('accepted','in_progress') AND due_date IS NOT NULL AND due_date > ''
    GROUP BY accepting_region_code, accepting_station_id, due_date`.execute(tx);
  await sql`
    INSERT INTO case_second_request_rollups (accepting_region_code, accepting_station_id, cases)
    SELECT c.accepting_region_code, c.accepting_station_id, COUNT(*) FROM cases c
    WHERE EXISTS (SELECT 1 FROM case_requests q WHERE q.case_id = c.id AND q.kind = 'defective')
    GROUP BY c.accepting_region_code, c.accepting_station_id`.execute(tx);
  const count = (table: 'case_station_totals' | 'case_due_rollups') => countRows(tx, table);
  return { rows: (await count('case_station_totals')) + (await count('case_due_rollups')) };
}
