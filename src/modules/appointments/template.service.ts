/**
 * GS-10 a station's slot template (weekly hours, slot length and capacity, exceptions, lead time
 * and horizon, cut-off, no-show rules) and the slots of a day as a caller may book them.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApptTemplateTable, Database, StationTable } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { addWorkingDays, type WorkCalendar } from '../calendar/working-days.ts';
import {
  dayFacts,
  findTemplate,
  loadStation,
  loadTemplate,
  stationGrant,
  worksStation,
} from './appointments.access.ts';
import type { TemplateBody } from './appointments.schema.ts';
import { parseExceptions, parseItemMinutes, parseWeekly } from './appointments.stored.ts';
import {
  bookingMinutes,
  bookingWindow,
  inWindow,
  periodsValid,
  runsOf,
  slotsOfDay,
  type SlotSpec,
} from './slots.rules.ts';

type Db = Kysely<Database>;

export function presentTemplate(t: ApptTemplateTable, station: StationTable) {
  return {
    stationId: t.station_id,
    stationName: station.name,
    slotMinutes: t.slot_minutes,
    capacity: t.capacity,
    weekly: parseWeekly(t.weekly),
    exceptions: parseExceptions(t.exceptions),
    itemMinutes: parseItemMinutes(t.item_minutes),
    leadWorkingDays: t.lead_working_days,
    horizonWorkingDays: t.horizon_working_days,
    cancelCutoffHours: t.cancel_cutoff_hours,
    noShowGraceMinutes: t.no_show_grace_minutes,
    noShowLimit: t.no_show_limit,
    noShowWindowDays: t.no_show_window_days,
    screenToken: t.screen_token,
    updatedAt: t.updated_at,
  };
}

export async function getTemplate(db: Db, input: { stationId: string; actor: Actor }) {
  const station = await loadStation(db, input.stationId);
  stationGrant(input.actor, station);
  return presentTemplate(await loadTemplate(db, station.id), station);
}

/** Creates or replaces the station's template (a new screen token only on first save). */
export async function saveTemplate(
  db: Db,
  input: { stationId: string; body: TemplateBody; actor: Actor; requestId: string; now: Date },
) {
  const station = await loadStation(db, input.stationId);
  const grant = stationGrant(input.actor, station);
  const b = input.body;
  const allPeriods = [
    ...Object.values(b.weekly),
    ...b.exceptions.filter((e) => e.kind === 'hours').map((e) => e.periods ?? []),
  ];
  if (!allPeriods.every((p) => p !== undefined && periodsValid(p)))
    throw new AppError('APPT_TEMPLATE_INVALID');
  if (new Set(b.exceptions.map((e) => e.date)).size !== b.exceptions.length)
    throw new AppError('APPT_TEMPLATE_INVALID');
  const at = input.now.toISOString();
  const values = {
    region_code: station.region_code,
    slot_minutes: b.slotMinutes,
    capacity: b.capacity,
    weekly: JSON.stringify(b.weekly),
    exceptions: JSON.stringify(b.exceptions),
    item_minutes: JSON.stringify(b.itemMinutes),
    lead_working_days: b.leadWorkingDays,
    horizon_working_days: b.horizonWorkingDays,
    cancel_cutoff_hours: b.cancelCutoffHours,
    no_show_grace_minutes: b.noShowGraceMinutes,
    no_show_limit: b.noShowLimit,
    no_show_window_days: b.noShowWindowDays,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    const before = await findTemplate(trx, station.id);
    if (before)
      await trx
        .updateTable('appt_templates')
        .set(values)
        .where('station_id', '=', station.id)
        .execute();
    else
      await trx
        .insertInto('appt_templates')
        .values({
          ...values,
          station_id: station.id,
          screen_token: crypto.randomBytes(18).toString('base64url'),
        })
        .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'appt.template_saved',
      entityType: 'appt_template',
      entityId: station.id,
      regionCode: station.region_code,
      after: { ...b, exceptions: b.exceptions.length },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return presentTemplate(await loadTemplate(db, station.id), station);
}

/** The booking window of a template for a caller: residents from the lead time, staff from today. */
export function windowFor(t: ApptTemplateTable, cal: WorkCalendar, now: Date, staff: boolean) {
  return bookingWindow(
    chinaDate(now),
    staff ? 0 : t.lead_working_days,
    t.horizon_working_days,
    (d, n) => addWorkingDays(d, n, cal),
  );
}

/** The template's slot specs of a day (no counters). */
export function slotSpecs(t: ApptTemplateTable, date: string, cal: WorkCalendar): SlotSpec[] {
  return slotsOfDay(dayFacts(date, cal), {
    slotMinutes: t.slot_minutes,
    capacity: t.capacity,
    weekly: parseWeekly(t.weekly),
    exceptions: parseExceptions(t.exceptions),
  });
}

/** Specs joined with the booked counters of the slot rows already made. */
export async function slotsWithCounts(
  db: Db,
  t: ApptTemplateTable,
  date: string,
  cal: WorkCalendar,
) {
  const rows = await db
    .selectFrom('appt_slots')
    .select(['starts_at', 'capacity', 'booked_count'])
    .where('station_id', '=', t.station_id)
    .where('date', '=', date)
    .execute();
  const byStart = new Map(rows.map((r) => [new Date(r.starts_at).toISOString(), r]));
  return slotSpecs(t, date, cal).map((s) => {
    const row = byStart.get(s.startsAt);
    const capacity = row ? Number(row.capacity) : s.capacity;
    const booked = row ? Number(row.booked_count) : 0;
    return {
      start: s.start,
      end: s.end,
      startsAt: s.startsAt,
      capacity,
      booked,
      free: capacity - booked,
    };
  });
}

/** Stations that take appointments, with the dates the caller may book (a resident: the lead time). */
export async function bookableStations(db: Db, input: { actor: Actor; now: Date }) {
  const rows = await db
    .selectFrom('appt_templates')
    .innerJoin('stations', 'stations.id', 'appt_templates.station_id')
    .selectAll('appt_templates')
    .select(['stations.name', 'stations.address', 'stations.id as sid'])
    .orderBy('stations.code')
    .execute();
  const cal = await loadWorkCalendar(db);
  return rows.map((r) => {
    const staff =
      worksStation(input.actor, { id: r.station_id, region_code: r.region_code }) !== null;
    return {
      id: r.station_id,
      name: r.name,
      address: r.address,
      ...windowFor(r, cal, input.now, staff),
    };
  });
}

/**
 * The slots of one day at a station with their free places. With an item taking several slots,
 * each start whose run fits the opening hours, ending where the run ends, with the fewest free
 * places along it (0: one of its slots is full).
 */
export async function daySlots(
  db: Db,
  input: {
    stationId: string;
    date: string;
    itemCode?: string | undefined;
    actor: Actor;
    now: Date;
  },
) {
  const station = await loadStation(db, input.stationId);
  const t = await loadTemplate(db, station.id);
  const cal = await loadWorkCalendar(db);
  const staff = worksStation(input.actor, station) !== null;
  const w = windowFor(t, cal, input.now, staff);
  const minutes = bookingMinutes(parseItemMinutes(t.item_minutes), input.itemCode, t.slot_minutes);
  const all = await slotsWithCounts(db, t, input.date, cal);
  const slots = runsOf(all, minutes, t.slot_minutes).filter(
    (s) => Date.parse(s.startsAt) > input.now.getTime(),
  );
  return {
    stationId: station.id,
    date: input.date,
    bookable: inWindow(input.date, w),
    minutes,
    slots,
  };
}
