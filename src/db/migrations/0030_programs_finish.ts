import type { DialectMigration } from './types.ts';

/**
 * Issue #13 finish: a volunteer's check-in left open at the end of the program day is closed by the
 * day-end sweep at the session's end and flagged (`program_staff.flagged = 1`): the organiser sees
 * it, and its hours count only once the organiser confirms the session's hours.
 */
export const programsFinish: DialectMigration = {
  async up(db) {
    await db.schema
      .alterTable('program_staff')
      .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
