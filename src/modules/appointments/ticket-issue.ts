/**
 * GS-10 issuing a queue ticket inside the caller's transaction: the day's number of the lane from
 * a counter row (insert … on conflict do nothing, then `value = value + 1 … returning`: a row lock
 * on PostgreSQL, one writer on SQLite), so numbers are never handed out twice; the unique index on
 * (station, date, lane, number) backs it.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, TicketLane, TicketPriority } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { ticketCounterName, ticketLabel } from './queue.rules.ts';

export async function issueTicket(
  trx: Transaction<Database>,
  t: {
    stationId: string;
    regionCode: string;
    date: string;
    lane: TicketLane;
    bookingId: string | null;
    residentId: string | null;
    priority: TicketPriority | null;
    windowStartsAt: string | null;
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<string> {
  const name = ticketCounterName(t.stationId, t.date, t.lane);
  await trx
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const c = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  const number = Number(c.value);
  const id = crypto.randomUUID();
  const at = t.now.toISOString();
  await trx
    .insertInto('queue_tickets')
    .values({
      id,
      station_id: t.stationId,
      region_code: t.regionCode,
      date: t.date,
      lane: t.lane,
      number,
      label: ticketLabel(t.lane, number),
      booking_id: t.bookingId,
      resident_id: t.residentId,
      priority: t.priority,
      window_starts_at: t.windowStartsAt,
      status: 'waiting',
      issued_at: at,
      called_at: null,
      called_by: null,
      desk: null,
      started_at: null,
      finished_at: null,
      case_id: null,
      updated_at: at,
    })
    .execute();
  await recordAudit(trx, {
    actor: t.actor,
    action: 'queue.ticket_issued',
    entityType: 'queue_ticket',
    entityId: id,
    regionCode: t.regionCode,
    after: {
      label: ticketLabel(t.lane, number),
      lane: t.lane,
      bookingId: t.bookingId,
      priority: t.priority,
    },
    requestId: t.requestId,
    now: t.now,
  });
  return id;
}
