/**
 * GS-10 the station's queue: walk-in tickets (B…), 'call next' that two clerks or devices can
 * never both win, start / finish (wait and service times), recall, skip, and the case filed for a
 * called ticket. 'Call next' reads the waiting tickets, orders them by the pure rule
 * (queue.rules.ts `callOrder`) and claims the first with a conditional update
 * (`status = 'waiting'`); a clerk who loses a ticket to another moves on to the next one, so each
 * ticket is called exactly once and every clerk gets a different one.
 */
import type { Kysely } from 'kysely';
import type { Database, TicketPriority } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadStation, reachableTicket, stationGrant } from './appointments.access.ts';
import type { TicketView } from './appointments.schema.ts';
import {
  callOrder,
  ticketActions,
  ticketCaseChannel,
  ticketTarget,
  type TicketAction,
} from './queue.rules.ts';
import { seatOf, sitAtWindow } from './station-windows.ts';
import { issueTicket } from './ticket-issue.ts';
import { presentTicket } from './ticket-view.ts';

type Db = Kysely<Database>;

export async function issueWalkIn(
  db: Db,
  input: {
    stationId: string;
    residentId: string | null;
    priority: TicketPriority | null;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<TicketView> {
  const station = await loadStation(db, input.stationId);
  const grant = stationGrant(input.actor, station);
  if (input.residentId) {
    const r = await db
      .selectFrom('residents')
      .select('id')
      .where('id', '=', input.residentId)
      .executeTakeFirst();
    if (!r) throw new AppError('APPT_RESIDENT_NOT_FOUND');
  }
  const id = await db.transaction().execute((trx) =>
    issueTicket(trx, {
      stationId: station.id,
      regionCode: station.region_code,
      date: chinaDate(input.now),
      lane: 'B',
      bookingId: null,
      residentId: input.residentId,
      priority: input.priority,
      windowStartsAt: null,
      actor: auditActor(input.actor, grant),
      requestId: input.requestId,
      now: input.now,
    }),
  );
  return presentTicket(db, id, input.now);
}

/**
 * Calls the next waiting ticket of the station's day for this clerk; null when nobody waits. With a
 * window she sits down there first (QUEUE_WINDOW_TAKEN when another clerk sits there: nothing is
 * called); without one, her seat of today. The ticket records the window it was called to.
 */
export async function callNext(
  db: Db,
  input: {
    stationId: string;
    desk: string | null;
    windowId?: string | null;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<{ ticket: TicketView | null }> {
  const { actor, now } = input;
  const station = await loadStation(db, input.stationId);
  const grant = stationGrant(actor, station);
  const date = chinaDate(now);
  let window = await seatOf(db, { accountId: actor.accountId, stationId: station.id, date });
  if (input.windowId && window?.id !== input.windowId) {
    const chosen = await db
      .selectFrom('station_windows')
      .select('station_id')
      .where('id', '=', input.windowId)
      .executeTakeFirst();
    if (chosen?.station_id !== station.id) throw new AppError('QUEUE_WINDOW_NOT_FOUND');
    window = await sitAtWindow(db, {
      windowId: input.windowId,
      actor,
      requestId: input.requestId,
      now,
    });
  }
  const desk = window ? window.name : input.desk;
  // A bounded number of tries: each lost race means another clerk took a ticket.
  for (let attempt = 0; attempt < 8; attempt++) {
    const waiting = await db
      .selectFrom('queue_tickets')
      .select(['id', 'lane', 'number', 'priority', 'window_starts_at', 'issued_at'])
      .where('station_id', '=', station.id)
      .where('date', '=', date)
      .where('status', '=', 'waiting')
      .execute();
    const order = callOrder(
      waiting.map((w) => ({
        id: w.id,
        lane: w.lane,
        number: Number(w.number),
        priority: w.priority,
        windowStartsAt:
          w.window_starts_at === null ? null : new Date(w.window_starts_at).toISOString(),
        issuedAt: new Date(w.issued_at).toISOString(),
      })),
      now,
    );
    if (order.length === 0) return { ticket: null };
    for (const candidate of order.slice(0, 4)) {
      const won = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('queue_tickets')
          .set({
            status: 'called',
            called_at: now.toISOString(),
            called_by: actor.accountId,
            desk,
            window_id: window?.id ?? null,
            updated_at: now.toISOString(),
          })
          .where('id', '=', candidate.id)
          .where('status', '=', 'waiting')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await recordAudit(trx, {
          actor: auditActor(actor, grant),
          action: 'queue.ticket_called',
          entityType: 'queue_ticket',
          entityId: candidate.id,
          regionCode: station.region_code,
          before: { status: 'waiting' },
          after: { status: 'called', desk, windowId: window?.id ?? null },
          requestId: input.requestId,
          now,
        });
        return true;
      });
      if (won) return { ticket: await presentTicket(db, candidate.id, now) };
    }
  }
  return { ticket: null };
}

const AUDIT_OF = {
  start: 'queue.ticket_started',
  recall: 'queue.ticket_recalled',
  skip: 'queue.ticket_skipped',
  finish: 'queue.ticket_finished',
} as const;

/** start / recall / skip / finish, as the transition table allows. */
export async function actOnTicket(
  db: Db,
  input: {
    ticketId: string;
    action: Exclude<TicketAction, 'file_case'>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<TicketView> {
  const { actor, now } = input;
  const { row, grant } = await reachableTicket(db, actor, input.ticketId);
  if (!ticketActions(row.status, row.case_id !== null).includes(input.action))
    throw new AppError('QUEUE_TICKET_STATE');
  const target = ticketTarget(input.action)!;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('queue_tickets')
      .set({
        status: target,
        updated_at: at,
        ...(input.action === 'start' ? { started_at: at } : {}),
        ...(input.action === 'finish' ? { finished_at: at } : {}),
        ...(input.action === 'recall' ? { called_at: at, called_by: actor.accountId } : {}),
      })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('QUEUE_TICKET_STATE');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: AUDIT_OF[input.action],
      entityType: 'queue_ticket',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: row.status },
      after: { status: target },
      requestId: input.requestId,
      now,
    });
  });
  return presentTicket(db, row.id, now);
}

/**
 * The case filed for a ticket being served: filed with channel 'appointment' for a booked ticket,
 * 'window' for a walk-in (QUEUE_CASE_CHANNEL otherwise; issue #14).
 */
export async function linkCase(
  db: Db,
  input: { ticketId: string; caseId: string; actor: Actor; requestId: string; now: Date },
): Promise<TicketView> {
  const { actor, now } = input;
  const { row, grant } = await reachableTicket(db, actor, input.ticketId);
  if (!ticketActions(row.status, row.case_id !== null).includes('file_case'))
    throw new AppError('QUEUE_TICKET_STATE');
  const c = await db
    .selectFrom('cases')
    .select(['id', 'applicant_id', 'channel'])
    .where('id', '=', input.caseId)
    .where('accepting_station_id', '=', row.station_id)
    .executeTakeFirst();
  if (!c || (row.resident_id !== null && c.applicant_id !== row.resident_id))
    throw new AppError('QUEUE_TICKET_STATE');
  const channel = ticketCaseChannel(row.lane);
  if (c.channel !== channel)
    throw new AppError('QUEUE_CASE_CHANNEL', { extensions: { expected: channel, got: c.channel } });
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('queue_tickets')
      .set({ case_id: c.id, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('case_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('QUEUE_TICKET_STATE');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'queue.case_linked',
      entityType: 'queue_ticket',
      entityId: row.id,
      regionCode: row.region_code,
      after: { caseId: c.id },
      requestId: input.requestId,
      now,
    });
  });
  return presentTicket(db, row.id, now);
}
