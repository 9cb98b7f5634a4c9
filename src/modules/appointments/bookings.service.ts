/**
 * GS-10 what happens to a booking: its resident cancels up to the cut-off (staff at any time
 * before it is used), staff check it in on its day (→ an appointment-lane ticket), residents list
 * their own. Every change is a conditional update on the booking's state, so two clerks (or a
 * clerk and the no-show sweep) never both act on it.
 */
import type { Kysely } from 'kysely';
import type { Database, TicketPriority } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadTemplate, ownResidentId, reachableBooking } from './appointments.access.ts';
import type { BookingView, TicketView } from './appointments.schema.ts';
import { presentBooking, presentBookings } from './booking-view.ts';
import { bookingActions } from './queue.rules.ts';
import { cancellable } from './slots.rules.ts';
import { issueTicket } from './ticket-issue.ts';
import { presentTicket } from './ticket-view.ts';

type Db = Kysely<Database>;

interface Meta {
  bookingId: string;
  actor: Actor;
  requestId: string;
  now: Date;
}

export async function cancelBooking(db: Db, input: Meta): Promise<BookingView> {
  const { actor, now } = input;
  const { row, party, grant } = await reachableBooking(db, actor, input.bookingId);
  if (!bookingActions(row.status).includes('cancel')) throw new AppError('APPT_BOOKING_STATE');
  if (party === 'resident') {
    const t = await loadTemplate(db, row.station_id);
    if (!cancellable(new Date(row.starts_at).toISOString(), t.cancel_cutoff_hours, now))
      throw new AppError('APPT_CUTOFF_PASSED');
  }
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('appt_bookings')
      .set({ status: 'cancelled', updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('APPT_BOOKING_STATE');
    // Every slot the booking took (several for a long item), as recorded when it was made.
    await trx
      .updateTable('appt_slots')
      .set((eb) => ({ booked_count: eb('booked_count', '-', 1) }))
      .where('id', 'in', (qb) =>
        qb.selectFrom('appt_booking_slots').select('slot_id').where('booking_id', '=', row.id),
      )
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant ?? undefined),
      action: 'appt.cancelled',
      entityType: 'appt_booking',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: 'booked' },
      after: { status: 'cancelled', by: party },
      requestId: input.requestId,
      now,
    });
  });
  return presentBooking(db, row.id, actor, now);
}

/** The resident arrived: the booking is used and an appointment-lane ticket (A…) is issued. */
export async function checkInBooking(
  db: Db,
  input: Meta & { priority: TicketPriority | null },
): Promise<TicketView> {
  const { actor, now } = input;
  const { row, party, grant } = await reachableBooking(db, actor, input.bookingId);
  if (party !== 'staff' || !grant) throw new AppError('APPT_BOOKING_NOT_FOUND');
  if (!bookingActions(row.status).includes('check_in')) throw new AppError('APPT_BOOKING_STATE');
  if (row.date !== chinaDate(now)) throw new AppError('APPT_NOT_TODAY');
  const ticketId = await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('appt_bookings')
      .set({ status: 'checked_in', updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('APPT_BOOKING_STATE');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'appt.checked_in',
      entityType: 'appt_booking',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: 'booked' },
      after: { status: 'checked_in' },
      requestId: input.requestId,
      now,
    });
    return issueTicket(trx, {
      stationId: row.station_id,
      regionCode: row.region_code,
      date: row.date,
      lane: 'A',
      bookingId: row.id,
      residentId: row.resident_id,
      priority: input.priority,
      windowStartsAt: new Date(row.starts_at).toISOString(),
      actor: auditActor(actor, grant),
      requestId: input.requestId,
      now,
    });
  });
  return presentTicket(db, ticketId, now);
}

/** The caller's own bookings (newest day first), through the resident record of their account. */
export async function myBookings(
  db: Db,
  input: { actor: Actor; now: Date },
): Promise<BookingView[]> {
  const residentId = ownResidentId(input.actor);
  const rows = await db
    .selectFrom('appt_bookings')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('date', 'desc')
    .orderBy('starts_at', 'desc')
    .limit(50)
    .execute();
  return presentBookings(db, rows, 'resident', input.now);
}
