import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #14 (GS-10) per-item durations: a booking may occupy several consecutive slots (its catalog
 * item's minutes in the template). Which slot counters a booking took is recorded, so a
 * cancellation gives back exactly those, whatever the template says later. Bookings made before
 * hold their one slot (`appt_bookings.slot_id`, the first of the run, stays).
 */
export const appointmentsBookingSlots: DialectMigration = {
  async up(db) {
    await db.schema
      .createTable('appt_booking_slots')
      .addColumn('booking_id', 'text', (c) => c.notNull().references('appt_bookings.id'))
      .addColumn('slot_id', 'text', (c) => c.notNull().references('appt_slots.id'))
      .addPrimaryKeyConstraint('appt_booking_slots_pk', ['booking_id', 'slot_id'])
      .execute();
    await db.schema
      .createIndex('appt_booking_slots_slot')
      .on('appt_booking_slots')
      .column('slot_id')
      .execute();
    await sql`insert into appt_booking_slots (booking_id, slot_id) select id, slot_id from appt_bookings`.execute(
      db,
    );
  },
};
