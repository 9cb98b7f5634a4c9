/**
 * GS-10 a station's day for its staff (slots with counts, bookings, tickets) and the queue
 * screen for a TV at the station: reachable by the station's opaque screen link without a staff
 * session, it shows ticket numbers and desks only — no names, no personal data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { findTemplate, loadStation, stationGrant } from './appointments.access.ts';
import { presentBookings } from './booking-view.ts';
import { callOrder } from './queue.rules.ts';
import { presentWindows, seatOf } from './station-windows.ts';
import { callText } from './windows.rules.ts';
import { slotsWithCounts } from './template.service.ts';
import { presentTickets } from './ticket-view.ts';

type Db = Kysely<Database>;

export async function stationDay(
  db: Db,
  input: { stationId: string; date?: string | undefined; actor: Actor; now: Date },
) {
  const station = await loadStation(db, input.stationId);
  stationGrant(input.actor, station);
  const date = input.date ?? chinaDate(input.now);
  const t = await findTemplate(db, station.id);
  const slots = t ? await slotsWithCounts(db, t, date, await loadWorkCalendar(db)) : [];
  const bookings = await db
    .selectFrom('appt_bookings')
    .selectAll()
    .where('station_id', '=', station.id)
    .where('date', '=', date)
    .orderBy('starts_at')
    .execute();
  const tickets = await db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('station_id', '=', station.id)
    .where('date', '=', date)
    .orderBy('issued_at')
    .execute();
  return {
    stationId: station.id,
    stationName: station.name,
    date,
    hasTemplate: t !== null,
    slots,
    bookings: await presentBookings(db, bookings, 'staff', input.now),
    tickets: await presentTickets(db, tickets, input.now),
    windows: await presentWindows(db, station.id, input.actor, input.now),
    myWindowId:
      (
        await seatOf(db, {
          accountId: input.actor.accountId,
          stationId: station.id,
          date: chinaDate(input.now),
        })
      )?.id ?? null,
  };
}

export async function queueScreen(db: Db, input: { token: string; now: Date }) {
  const t = await db
    .selectFrom('appt_templates')
    .innerJoin('stations', 'stations.id', 'appt_templates.station_id')
    .select(['appt_templates.station_id', 'stations.name'])
    .where('appt_templates.screen_token', '=', input.token)
    .executeTakeFirst();
  if (!t) throw new AppError('QUEUE_SCREEN_NOT_FOUND');
  const date = chinaDate(input.now);
  const rows = await db
    .selectFrom('queue_tickets')
    .select([
      'id',
      'lane',
      'number',
      'label',
      'status',
      'priority',
      'window_starts_at',
      'issued_at',
      'called_at',
      'desk',
      'window_id',
    ])
    .where('station_id', '=', t.station_id)
    .where('date', '=', date)
    .where('status', 'in', ['waiting', 'called', 'serving'])
    .execute();
  const windows = await db
    .selectFrom('station_windows')
    .select(['id', 'number', 'name'])
    .where('station_id', '=', t.station_id)
    .execute();
  const calling = rows
    .filter((r) => r.status === 'called' || r.status === 'serving')
    .sort((a, b) => Date.parse(b.called_at!) - Date.parse(a.called_at!))
    .slice(0, 6)
    .map((r) => {
      const w = windows.find((x) => x.id === r.window_id);
      const win = w ? { number: Number(w.number), name: w.name } : null;
      return {
        label: r.label,
        desk: r.desk,
        windowNumber: win?.number ?? null,
        text: callText(r.label, win, r.desk),
      };
    });
  const waiting = rows.filter((r) => r.status === 'waiting');
  const next = callOrder(
    waiting.map((w) => ({
      id: w.id,
      lane: w.lane,
      number: Number(w.number),
      priority: w.priority,
      windowStartsAt:
        w.window_starts_at === null ? null : new Date(w.window_starts_at).toISOString(),
      issuedAt: new Date(w.issued_at).toISOString(),
    })),
    input.now,
  )
    .slice(0, 8)
    .map((w) => rows.find((r) => r.id === w.id)!.label);
  return { stationName: t.name, date, calling, next, waiting: waiting.length };
}
