/**
 * `doorstep rollups rebuild`, the cases' part: recompute the case figure rollups (migration 0053)
 * from `cases` and `case_requests` in the caller's transaction. The triggers keep them right on
 * every write; this is for an operator who restored a dump without them or doubts them. On
 * PostgreSQL the source tables are locked against writes until the transaction ends (their
 * triggers would otherwise fold a write into rows being replaced).
 */
import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export async function rebuildCaseRollups(tx: Transaction<Database>): Promise<{ rows: number }> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`LOCK TABLE cases, case_requests IN SHARE MODE`.execute(tx);
  await tx.deleteFrom('case_figure_rollups').execute();
  await tx.deleteFrom('case_second_request_rollups').execute();
  await sql`
    INSERT INTO case_figure_rollups (accepting_region_code, accepting_station_id, state, accepted,
      tongban, due_date, cases)
    SELECT accepting_region_code, accepting_station_id, state,
      CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END,
      CASE WHEN is_tongban = 1 THEN 1 ELSE 0 END,
      CASE WHEN state IN ('accepted','in_progress') THEN COALESCE(due_date, '') ELSE '' END,
      COUNT(*)
    FROM cases
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(tx);
  await sql`
    INSERT INTO case_second_request_rollups (accepting_region_code, accepting_station_id, cases)
    SELECT c.accepting_region_code, c.accepting_station_id, COUNT(*) FROM cases c
    WHERE EXISTS (SELECT 1 FROM case_requests q WHERE q.case_id = c.id AND q.kind = 'defective')
    GROUP BY c.accepting_region_code, c.accepting_station_id`.execute(tx);
  const n = await tx
    .selectFrom('case_figure_rollups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: Number(n.n) };
}
