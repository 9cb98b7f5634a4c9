import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #14 points 1 and 6 (GS-10/GS-13): a station's windows (1号窗口, 2号窗口…); who sits at
 * which window on a day (one clerk per window at a time, one window per clerk at a time — two
 * partial unique indexes make the database the judge); the window a queue ticket was called to;
 * the window a rating device is bound to (null: bound to the station only, as before). Demo
 * outbox messages are marked (is_demo) and never sent.
 */
export const stationWindows: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('station_windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('archived_at', t.timestamp)
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('station_windows_number')
      .on('station_windows')
      .columns(['station_id', 'number'])
      .unique()
      .execute();

    await db.schema
      .createTable('window_seats')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('window_id', 'text', (c) => c.notNull().references('station_windows.id'))
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('sat_at', t.timestamp, (c) => c.notNull())
      .addColumn('left_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('window_seats_one_clerk')
      .on('window_seats')
      .columns(['window_id', 'date'])
      .unique()
      .where(sql<boolean>`left_at is null`)
      .execute();
    await db.schema
      .createIndex('window_seats_one_window')
      .on('window_seats')
      .columns(['account_id', 'date'])
      .unique()
      .where(sql<boolean>`left_at is null`)
      .execute();
    await db.schema
      .createIndex('window_seats_window_at')
      .on('window_seats')
      .columns(['window_id', 'sat_at'])
      .execute();

    await db.schema
      .alterTable('queue_tickets')
      .addColumn('window_id', 'text', (c) => c.references('station_windows.id'))
      .execute();
    await db.schema
      .alterTable('rating_devices')
      .addColumn('window_id', 'text', (c) => c.references('station_windows.id'))
      .execute();
    await db.schema
      .alterTable('outbox_messages')
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
