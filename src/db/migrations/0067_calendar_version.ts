import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/** The tables a work calendar is built from (calendar.service.ts, loadWorkCalendar). */
export const CALENDAR_TABLES = ['calendar_overrides', 'calendar_years', 'calendar_notice_days'];

/**
 * Issue #16 point 5: every case page, figure and filing built the work calendar from three queries
 * in a row. A node now keeps the built calendar under this one row's `version`, which a trigger
 * sets to a new random value on every write into the three tables (any module, raw SQL, either
 * dialect) in the writer's own transaction — so a reader compares one value per use, and never
 * takes a calendar that a committed write has changed: entering a year's notice recomputes the
 * running cases' due dates in its transaction, and a case filed on another node just after must
 * see the new days. Random, not a counter: a version seen inside a transaction that then rolled
 * back is never reused for other days.
 */
export const calendarVersion: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('calendar_version')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('version', 'text', (c) => c.notNull())
      .execute();
    if (dialect === 'postgres') {
      await sql`INSERT INTO calendar_version (id, version) VALUES (1, gen_random_uuid()::text)`.execute(
        db,
      );
      await sql`CREATE FUNCTION calendar_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE calendar_version SET version = gen_random_uuid()::text WHERE id = 1;
          RETURN NULL;
        END $$`.execute(db);
      for (const table of CALENDAR_TABLES) {
        await sql`CREATE TRIGGER ${sql.id(`${table}_version`)}
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump()`.execute(db);
      }
      return;
    }
    await sql`INSERT INTO calendar_version (id, version) VALUES (1, lower(hex(randomblob(16))))`.execute(
      db,
    );
    for (const table of CALENDAR_TABLES)
      for (const op of ['INSERT', 'UPDATE', 'DELETE'])
        await sql`CREATE TRIGGER ${sql.id(`${table}_version_${op.toLowerCase()}`)}
          AFTER ${sql.raw(op)} ON ${sql.table(table)}
          BEGIN
            UPDATE calendar_version SET version = lower(hex(randomblob(16))) WHERE id = 1;
          END`.execute(db);
  },
};
