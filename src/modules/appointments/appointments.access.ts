/**
 * Loading rows of the appointments module with their scope. Station work (slot setup, the day's
 * bookings, check-in, tickets, calling) is for the station's own clerks, and for town officers and
 * administrators whose grant covers the station (the town's central phone team books for every
 * station of the town). A resident reaches only their own bookings, through the resident record
 * their account is linked to.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
  ApptBookingTable,
  ApptTemplateTable,
  Database,
  QueueTicketTable,
  StationTable,
} from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor, Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { describeDay, type WorkCalendar } from '../calendar/working-days.ts';
import type { DayFacts } from './slots.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who works a station's appointments and queue. */
export const STATION_STAFF = ['admin', 'town_officer', 'clerk'] as const satisfies readonly Role[];
/** Who books online for themselves. */
export const SELF_BOOKERS = ['resident'] as const satisfies readonly Role[];
export const BOOKING_PARTIES = [...STATION_STAFF, ...SELF_BOOKERS] as const;

/** The grant through which the actor works this station, or FORBIDDEN / OUT_OF_SCOPE. */
export function stationGrant(
  actor: Actor,
  station: Pick<StationTable, 'id' | 'region_code'>,
): Grant {
  const staff = actor.grants.filter((g) => (STATION_STAFF as readonly string[]).includes(g.role));
  if (staff.length === 0) throw new AppError('FORBIDDEN');
  const g = staff.find((x) =>
    x.role === 'clerk' ? x.stationId === station.id : station.region_code.startsWith(x.reachPrefix),
  );
  if (!g) throw new AppError('OUT_OF_SCOPE');
  return g;
}

export function worksStation(actor: Actor, station: Pick<StationTable, 'id' | 'region_code'>) {
  try {
    return stationGrant(actor, station);
  } catch {
    return null;
  }
}

/** The resident record the caller's account stands for (online booking), or APPT_NO_RESIDENT. */
export function ownResidentId(actor: Actor): string {
  if (!actor.grants.some((g) => g.role === 'resident') || !actor.residentId)
    throw new AppError('APPT_NO_RESIDENT');
  return actor.residentId;
}

export async function loadStation(db: Db, id: string): Promise<StationTable> {
  const s = await db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('APPT_STATION_NOT_FOUND');
  return s;
}

export async function findTemplate(db: Db, stationId: string): Promise<ApptTemplateTable | null> {
  return (
    (await db
      .selectFrom('appt_templates')
      .selectAll()
      .where('station_id', '=', stationId)
      .executeTakeFirst()) ?? null
  );
}

export async function loadTemplate(db: Db, stationId: string): Promise<ApptTemplateTable> {
  const t = await findTemplate(db, stationId);
  if (!t) throw new AppError('APPT_NO_TEMPLATE');
  return t;
}

/** A booking the caller may act on: its resident, or staff of its station. */
export async function reachableBooking(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: ApptBookingTable; party: 'resident' | 'staff'; grant: Grant | null }> {
  const row = await db
    .selectFrom('appt_bookings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row) {
    const station = { id: row.station_id, region_code: row.region_code };
    const grant = worksStation(actor, station);
    if (grant) return { row, party: 'staff', grant };
    if (
      actor.residentId &&
      row.resident_id === actor.residentId &&
      actor.grants.some((g) => g.role === 'resident')
    )
      return { row, party: 'resident', grant: null };
  }
  throw new AppError('APPT_BOOKING_NOT_FOUND');
}

/** A ticket of a station the caller works. */
export async function reachableTicket(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: QueueTicketTable; grant: Grant }> {
  const row = await db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const grant = row
    ? worksStation(actor, { id: row.station_id, region_code: row.region_code })
    : null;
  if (!row || !grant) throw new AppError('QUEUE_TICKET_NOT_FOUND');
  return { row, grant };
}

/** What the calendar says about a day, as the pure slot rules take it. */
export function dayFacts(date: string, cal: WorkCalendar): DayFacts {
  const d = describeDay(date, cal);
  return { date, weekday: d.weekday, working: d.working, holiday: d.holiday !== null };
}
