/**
 * GS-10 booking a slot: a resident online for themselves, or station staff for a caller (电话预约;
 * a town officer for any station of the town). Never over capacity and one live booking per person
 * and day, on either database, whatever the burst: in one transaction the slot row is made if
 * missing (insert … on conflict do nothing), its counter taken by a conditional update
 * (`booked_count < capacity`), and the booking inserted under the partial unique index on
 * (resident, date) — a second booking that day fails the insert and the whole transaction, counter
 * included, rolls back.
 *
 * Per-item durations: a booking naming a catalog item takes the template's minutes for it and
 * occupies that many consecutive slots (spanOf). Every counter of the run is taken the same way, in
 * time order (so two overlapping runs lock in one order and never deadlock); one full slot rolls
 * the whole booking back. The slots taken are recorded (appt_booking_slots) for the cancellation.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { auditActor, type Actor, type Grant } from '../../shared/actor.ts';
import { addDays, chinaDate } from '../../shared/china-time.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { loadStation, loadTemplate, ownResidentId, stationGrant } from './appointments.access.ts';
import type { BookingView } from './appointments.schema.ts';
import { presentBooking } from './booking-view.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { parseItemMinutes } from './appointments.stored.ts';
import {
  bookingMinutes,
  inWindow,
  restrictedOnline,
  spanOf,
  type SlotSpec,
} from './slots.rules.ts';
import { slotSpecs, windowFor } from './template.service.ts';

type Db = Kysely<Database>;

async function noShowsOf(db: Db, residentId: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('appt_bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resident_id', '=', residentId)
    .where('status', '=', 'no_show')
    .where('date', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Takes one place in every slot of the run (slot rows made if missing), in time order; throws
 * APPT_SLOT_FULL (rolling the caller's transaction back) at the first full one.
 */
async function takeRun(
  trx: Db,
  station: { id: string; region_code: string },
  run: readonly SlotSpec[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const spec of run) {
    await trx
      .insertInto('appt_slots')
      .values({
        id: crypto.randomUUID(),
        station_id: station.id,
        region_code: station.region_code,
        date: spec.date,
        starts_at: spec.startsAt,
        ends_at: spec.endsAt,
        capacity: spec.capacity,
        booked_count: 0,
      })
      .onConflict((oc) => oc.columns(['station_id', 'starts_at']).doNothing())
      .execute();
    const slot = await trx
      .updateTable('appt_slots')
      .set((eb) => ({ booked_count: eb('booked_count', '+', 1) }))
      .where('station_id', '=', station.id)
      .where('starts_at', '=', spec.startsAt)
      .where((eb) => eb('booked_count', '<', eb.ref('capacity')))
      .returning('id')
      .executeTakeFirst();
    if (!slot) throw new AppError('APPT_SLOT_FULL');
    ids.push(slot.id);
  }
  return ids;
}

export async function bookSlot(
  db: Db,
  input: {
    body: {
      stationId: string;
      date: string;
      start: string;
      itemCode?: string | undefined;
      residentId?: string | undefined;
    };
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<BookingView> {
  const { body, actor, now } = input;
  const station = await loadStation(db, body.stationId);
  const t = await loadTemplate(db, station.id);
  // Staff book for someone named; a resident books for themselves (online).
  let grant: Grant | null = null;
  let residentId: string;
  if (body.residentId !== undefined) {
    grant = stationGrant(actor, station);
    residentId = body.residentId;
    const r = await db
      .selectFrom('residents')
      .select('id')
      .where('id', '=', residentId)
      .executeTakeFirst();
    if (!r) throw new AppError('APPT_RESIDENT_NOT_FOUND');
  } else {
    residentId = ownResidentId(actor);
    const since = addDays(chinaDate(now), -t.no_show_window_days);
    if (restrictedOnline(await noShowsOf(db, residentId, since), t.no_show_limit))
      throw new AppError('APPT_RESTRICTED');
  }
  const cal = await loadWorkCalendar(db);
  if (!inWindow(body.date, windowFor(t, cal, now, grant !== null)))
    throw new AppError('APPT_OUTSIDE_WINDOW');
  const day = slotSpecs(t, body.date, cal);
  const spec = day.find((s) => s.start === body.start);
  if (!spec || Date.parse(spec.startsAt) <= now.getTime())
    throw new AppError('APPT_SLOT_NOT_OFFERED');
  if (body.itemCode !== undefined) {
    const item = await getItem(db, body.itemCode).catch(() => null);
    if (!item || !item.active || !item.channels.includes('appointment'))
      throw new AppError('APPT_ITEM_NOT_OFFERED');
  }
  const minutes = bookingMinutes(parseItemMinutes(t.item_minutes), body.itemCode, t.slot_minutes);
  const run = spanOf(day, spec.start, minutes, t.slot_minutes);
  if (!run) throw new AppError('APPT_SPAN_NOT_OFFERED');
  const last = run[run.length - 1]!;
  const at = now.toISOString();
  const id = crypto.randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      const slotIds = await takeRun(trx, station, run);
      await trx
        .insertInto('appt_bookings')
        .values({
          id,
          slot_id: slotIds[0]!,
          station_id: station.id,
          region_code: station.region_code,
          resident_id: residentId,
          date: spec.date,
          starts_at: spec.startsAt,
          ends_at: last.endsAt,
          item_code: body.itemCode ?? null,
          channel: grant ? 'phone' : 'online',
          booked_by: actor.accountId,
          status: 'booked',
          reminded_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('appt_booking_slots')
        .values(slotIds.map((slotId) => ({ booking_id: id, slot_id: slotId })))
        .execute();
      await recordAudit(trx, {
        actor: auditActor(actor, grant ?? undefined),
        action: 'appt.booked',
        entityType: 'appt_booking',
        entityId: id,
        regionCode: station.region_code,
        after: {
          stationId: station.id,
          date: spec.date,
          start: spec.start,
          end: last.end,
          itemCode: body.itemCode ?? null,
          channel: grant ? 'phone' : 'online',
        },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('APPT_ONE_PER_DAY');
    throw err;
  }
  return presentBooking(db, id, actor, now);
}
