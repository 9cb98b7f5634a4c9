import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #14 point 1 (GS-10): appointments and the window queue. A station's slot template (weekly
 * periods, slot length, capacity, lead time and horizon, cut-off, no-show limit, date exceptions);
 * slot rows materialised on first booking whose counter is taken by a conditional update (never
 * over capacity); bookings with one live booking per resident and day (a partial unique index);
 * queue tickets per station, day and lane with unique numbers; the day's ticket counters.
 */
export const appointments: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('appt_templates')
      .addColumn('station_id', 'text', (c) => c.primaryKey().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('slot_minutes', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('weekly', t.json, (c) => c.notNull())
      .addColumn('exceptions', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('item_minutes', t.json, (c) => c.notNull().defaultTo('{}'))
      .addColumn('lead_working_days', 'integer', (c) => c.notNull())
      .addColumn('horizon_working_days', 'integer', (c) => c.notNull())
      .addColumn('cancel_cutoff_hours', 'integer', (c) => c.notNull())
      .addColumn('no_show_grace_minutes', 'integer', (c) => c.notNull())
      .addColumn('no_show_limit', 'integer', (c) => c.notNull())
      .addColumn('no_show_window_days', 'integer', (c) => c.notNull())
      .addColumn('screen_token', 'text', (c) => c.notNull().unique())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('appt_slots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp, (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('booked_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('appt_slots_capacity', sql`booked_count <= capacity`)
      .execute();
    await db.schema
      .createIndex('appt_slots_station_start')
      .on('appt_slots')
      .columns(['station_id', 'starts_at'])
      .unique()
      .execute();

    await db.schema
      .createTable('appt_bookings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slot_id', 'text', (c) => c.notNull().references('appt_slots.id'))
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp, (c) => c.notNull())
      .addColumn('item_code', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('booked_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reminded_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    // One live booking per resident and day, whichever station (GS-10).
    await db.schema
      .createIndex('appt_bookings_one_per_day')
      .on('appt_bookings')
      .columns(['resident_id', 'date'])
      .unique()
      .where(sql<boolean>`status in ('booked', 'checked_in')`)
      .execute();
    await db.schema
      .createIndex('appt_bookings_station_date')
      .on('appt_bookings')
      .columns(['station_id', 'date', 'status'])
      .execute();
    await db.schema
      .createIndex('appt_bookings_due')
      .on('appt_bookings')
      .columns(['status', 'ends_at'])
      .execute();

    await db.schema
      .createTable('queue_tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('lane', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('booking_id', 'text', (c) => c.references('appt_bookings.id').unique())
      .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
      .addColumn('priority', 'text')
      .addColumn('window_starts_at', t.timestamp)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('issued_at', t.timestamp, (c) => c.notNull())
      .addColumn('called_at', t.timestamp)
      .addColumn('called_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('desk', 'text')
      .addColumn('started_at', t.timestamp)
      .addColumn('finished_at', t.timestamp)
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('queue_tickets_number')
      .on('queue_tickets')
      .columns(['station_id', 'date', 'lane', 'number'])
      .unique()
      .execute();
    await db.schema
      .createIndex('queue_tickets_waiting')
      .on('queue_tickets')
      .columns(['station_id', 'date', 'status'])
      .execute();
  },
};
