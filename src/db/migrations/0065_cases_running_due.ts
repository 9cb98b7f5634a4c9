import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5, GS-8: the 超期督办 overview lists overdue cases longest overdue first
 * (GET /cases/page?overdue=true&order=due). The running cases by (due date, id), so a page is a
 * walk from the oldest due date, whether escalated or not (0050's `cases_newly_overdue` holds only
 * the cases not yet escalated).
 */
export const casesRunningDue: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('cases_running_due')
      .on('cases')
      .columns(['due_date', 'id'])
      .where(sql.ref('state'), 'in', [sql.lit('accepted'), sql.lit('in_progress')])
      .execute();
  },
};
