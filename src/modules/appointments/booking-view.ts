/** Bookings as their resident and the station staff see them, with the actions the workflow allows. */
import type { Kysely } from 'kysely';
import type { ApptBookingTable, ApptTemplateTable, Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { reachableBooking } from './appointments.access.ts';
import type { BookingView } from './appointments.schema.ts';
import { bookingActions } from './queue.rules.ts';
import { cancellable } from './slots.rules.ts';

type Db = Kysely<Database>;

function hhmmChina(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}

export async function presentBookings(
  db: Db,
  rows: ApptBookingTable[],
  party: 'resident' | 'staff',
  now: Date,
): Promise<BookingView[]> {
  if (rows.length === 0) return [];
  const stationIds = [...new Set(rows.map((r) => r.station_id))];
  const residentIds = [...new Set(rows.map((r) => r.resident_id))];
  const stations = await db
    .selectFrom('stations')
    .select(['id', 'name'])
    .where('id', 'in', stationIds)
    .execute();
  const templates = await db
    .selectFrom('appt_templates')
    .select(['station_id', 'cancel_cutoff_hours'])
    .where('station_id', 'in', stationIds)
    .execute();
  const residents = await db
    .selectFrom('residents')
    .select(['id', 'full_name'])
    .where('id', 'in', residentIds)
    .execute();
  const tickets = await db
    .selectFrom('queue_tickets')
    .select(['booking_id', 'label'])
    .where(
      'booking_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const cutoff = new Map(
    templates.map((t: Pick<ApptTemplateTable, 'station_id' | 'cancel_cutoff_hours'>) => [
      t.station_id,
      t.cancel_cutoff_hours,
    ]),
  );
  const today = chinaDate(now);
  return rows.map((r) => {
    const hours = cutoff.get(r.station_id) ?? 0;
    const startsAt = new Date(r.starts_at).toISOString();
    const actions = bookingActions(r.status).filter((a) =>
      a === 'cancel'
        ? party === 'staff' || cancellable(startsAt, hours, now)
        : party === 'staff' && r.date === today,
    );
    return {
      id: r.id,
      stationId: r.station_id,
      stationName: stations.find((s) => s.id === r.station_id)?.name ?? '',
      residentName: residents.find((x) => x.id === r.resident_id)?.full_name ?? '',
      date: r.date,
      start: hhmmChina(startsAt),
      end: hhmmChina(new Date(r.ends_at).toISOString()),
      startsAt,
      itemCode: r.item_code,
      channel: r.channel,
      status: r.status,
      cancelUntil: new Date(Date.parse(startsAt) - hours * 3_600_000).toISOString(),
      ticketLabel: tickets.find((t) => t.booking_id === r.id)?.label ?? null,
      availableActions: [...actions],
    };
  });
}

export async function presentBooking(
  db: Db,
  id: string,
  actor: Actor,
  now: Date,
): Promise<BookingView> {
  const { row, party } = await reachableBooking(db, actor, id);
  return (await presentBookings(db, [row], party, now))[0]!;
}
