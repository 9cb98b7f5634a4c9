import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-8 working-day overrides: one row per date an administrator changed (a year after the
 * official data, or a local adjustment). Overrides win over the State Council data.
 */
export const calendar: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('calendar_overrides')
      .addColumn('date', 'text', (c) => c.primaryKey()) // YYYY-MM-DD, China calendar date
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('workday', 'holiday')`))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
};
