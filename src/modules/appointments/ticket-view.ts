/** Queue tickets as station staff see them: times, wait and service minutes, available actions. */
import type { Kysely } from 'kysely';
import type { Database, QueueTicketTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { TicketView } from './appointments.schema.ts';
import { minutesBetween, ticketActions } from './queue.rules.ts';

type Db = Kysely<Database>;
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export async function presentTickets(
  db: Db,
  rows: QueueTicketTable[],
  now: Date,
): Promise<TicketView[]> {
  const residentIds = [...new Set(rows.map((r) => r.resident_id).filter((x): x is string => !!x))];
  const names =
    residentIds.length === 0
      ? []
      : await db
          .selectFrom('residents')
          .select(['id', 'full_name'])
          .where('id', 'in', residentIds)
          .execute();
  const windowIds = [...new Set(rows.map((r) => r.window_id).filter((x): x is string => !!x))];
  const windows =
    windowIds.length === 0
      ? []
      : await db
          .selectFrom('station_windows')
          .select(['id', 'number'])
          .where('id', 'in', windowIds)
          .execute();
  return rows.map((r) => {
    const calledAt = iso(r.called_at);
    const startedAt = iso(r.started_at);
    const finishedAt = iso(r.finished_at);
    const issuedAt = new Date(r.issued_at).toISOString();
    return {
      id: r.id,
      stationId: r.station_id,
      date: r.date,
      lane: r.lane,
      label: r.label,
      status: r.status,
      priority: r.priority,
      bookingId: r.booking_id,
      residentId: r.resident_id,
      residentName: names.find((n) => n.id === r.resident_id)?.full_name ?? null,
      windowStartsAt: iso(r.window_starts_at),
      issuedAt,
      calledAt,
      desk: r.desk,
      windowId: r.window_id,
      windowNumber:
        r.window_id === null
          ? null
          : Number(windows.find((w) => w.id === r.window_id)?.number ?? 0) || null,
      startedAt,
      finishedAt,
      waitMinutes: minutesBetween(
        issuedAt,
        calledAt ?? (r.status === 'waiting' ? now.toISOString() : null),
      ),
      serviceMinutes: minutesBetween(startedAt, finishedAt),
      caseId: r.case_id,
      availableActions: [...ticketActions(r.status, r.case_id !== null)],
    };
  });
}

export async function presentTicket(db: Db, id: string, now: Date): Promise<TicketView> {
  const row = await db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('QUEUE_TICKET_NOT_FOUND');
  return (await presentTickets(db, [row], now))[0]!;
}
