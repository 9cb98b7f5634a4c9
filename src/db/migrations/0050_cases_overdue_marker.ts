import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: the deadline sweep sees only NEWLY overdue cases. A case is escalated as
 * overdue at most once (escalations' unique key); the case row now carries when
 * (`overdue_escalated_at`, written by the cases module in the escalation's own transaction), and a
 * partial index holds only the running cases not yet escalated — so a sweep's scan no longer walks
 * every case escalated before (82k at the city milestone, re-checked by every node every minute).
 * Existing escalations are carried over.
 */
export const casesOverdueMarker: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('cases').addColumn('overdue_escalated_at', t.timestamp).execute();
    await sql`
      UPDATE cases SET overdue_escalated_at = (
        SELECT e.escalated_at FROM escalations e
        WHERE e.entity_type = 'case' AND e.entity_id = cases.id AND e.reason = 'overdue'
      )
      WHERE EXISTS (
        SELECT 1 FROM escalations e
        WHERE e.entity_type = 'case' AND e.entity_id = cases.id AND e.reason = 'overdue'
      )
    `.execute(db);
    await db.schema
      .createIndex('cases_newly_overdue')
      .on('cases')
      .columns(['due_date', 'id'])
      .where(sql.ref('overdue_escalated_at'), 'is', null)
      .where(sql.ref('state'), 'in', [sql.lit('accepted'), sql.lit('in_progress')])
      .execute();
  },
};
