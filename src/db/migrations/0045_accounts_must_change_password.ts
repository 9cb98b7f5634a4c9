import type { DialectMigration } from './types.ts';

/**
 * Issue #15 point 4: an account made with a one-time password (a staff roster import, a reset)
 * must change it before it may do anything else. 1 until the person sets their own password.
 */
export const accountsMustChangePassword: DialectMigration = {
  async up(db) {
    await db.schema
      .alterTable('accounts')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
