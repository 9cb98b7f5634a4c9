import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-8 a year's State Council notice (国务院办公厅关于XXXX年部分节假日安排的通知), entered by an
 * administrator in one action: `calendar_years` has one row per year whose notice is entered (the
 * year is then no longer provisional) and `calendar_notice_days` its days off and make-up working
 * days. Replacing a notice deletes and reinserts that year's days in one transaction.
 */
export const calendarYears: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('note', 'text', (c) => c.notNull()) // e.g. 国办发明电〔2026〕7号
      .addColumn('entered_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('entered_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('calendar_notice_days')
      .addColumn('date', 'text', (c) => c.primaryKey()) // YYYY-MM-DD, China calendar date
      .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('workday', 'holiday')`))
      .addColumn('name_zh', 'text')
      .addColumn('name_en', 'text')
      .execute();
    await db.schema
      .createIndex('calendar_notice_days_year')
      .on('calendar_notice_days')
      .column('year')
      .execute();
  },
};
