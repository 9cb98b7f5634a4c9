/**
 * VS-6 the steps of attendance inside one transaction: opening a service record at check-in,
 * closing it at check-out with its hours (hours.rules.ts), the overlap rule and the daily cap
 * held under concurrency by the volunteer's row lock.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsActivityTable, VsServiceRecordTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { recordRefusal, RECORD_TRANSITIONS } from '../records/record.workflow.ts';
import { hourRecordRow, insertHourRecords } from '../records/hour-record.row.ts';
import {
  chinaDate,
  computeHours,
  countedInterval,
  overlaps,
  type Interval,
} from './hours.rules.ts';

export type Trx = Transaction<Database>;
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

/**
 * Takes the volunteer's row lock (PostgreSQL) for the rest of the transaction, so that parallel
 * check-ins, check-outs and confirmations of one volunteer see each other's hours: the overlap rule
 * and the daily cap hold under concurrency. On SQLite writers are serialised already.
 */
export async function lockVolunteer(trx: Trx, volunteerId: string) {
  await trx
    .updateTable('vs_volunteers')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', volunteerId)
    .execute();
}

/** The counted intervals of the volunteer's other live records (open ones run to the activity's end). */
async function otherIntervals(trx: Trx, volunteerId: string, exceptActivityId: string) {
  const rows = await trx
    .selectFrom('vs_service_records as r')
    .innerJoin('vs_activities as a', 'a.id', 'r.activity_id')
    .select(['r.checked_in_at', 'r.checked_out_at', 'a.starts_at', 'a.ends_at'])
    .where('r.volunteer_id', '=', volunteerId)
    .where('r.activity_id', '<>', exceptActivityId)
    .where('r.status', '<>', 'rejected')
    .execute();
  return rows.flatMap((r) => {
    const i = countedInterval({
      checkedInAt: new Date(r.checked_in_at),
      checkedOutAt: r.checked_out_at ? new Date(r.checked_out_at) : FAR_FUTURE,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
    });
    return i ? [i] : [];
  });
}

async function assertNoOverlap(
  trx: Trx,
  volunteerId: string,
  activityId: string,
  mine: Interval | null,
) {
  if (!mine) return;
  await lockVolunteer(trx, volunteerId);
  const others = await otherIntervals(trx, volunteerId, activityId);
  if (others.some((o) => overlaps(o, mine))) throw new AppError('VS_HOURS_OVERLAP');
}

export async function checkIn(
  trx: Trx,
  input: {
    activity: VsActivityTable;
    volunteerId: string;
    at: Date;
    method: 'code' | 'lead';
    now: Date;
  },
): Promise<string> {
  const { activity, at } = input;
  const startsAt = new Date(activity.starts_at);
  const endsAt = new Date(activity.ends_at);
  // One record per volunteer and activity. The unique key holds it on one day; on PostgreSQL the
  // hour records are partitioned by service date (#16 p5, migration 0054) and the key includes
  // the date, so a second check-in on another day of a multi-day activity is refused here, under
  // the volunteer's row lock that every check-in of this volunteer takes first.
  await lockVolunteer(trx, input.volunteerId);
  const already = await trx
    .selectFrom('vs_service_records')
    .select('id')
    .where('volunteer_id', '=', input.volunteerId)
    .where('activity_id', '=', activity.id)
    .executeTakeFirst();
  if (already) throw new AppError('VS_ALREADY_CHECKED_IN');
  await assertNoOverlap(
    trx,
    input.volunteerId,
    activity.id,
    countedInterval({ checkedInAt: at, checkedOutAt: endsAt, startsAt, endsAt }),
  );
  const id = crypto.randomUUID();
  const nowIso = input.now.toISOString();
  try {
    await insertHourRecords(trx, [
      hourRecordRow(activity, {
        id,
        volunteer_id: input.volunteerId,
        team_id: activity.team_id,
        service_date: chinaDate(at > startsAt ? at : startsAt),
        checked_in_at: at.toISOString(),
        checked_out_at: null,
        check_in_method: input.method,
        check_out_method: null,
        travel_minutes: 0,
        half_hours: 0,
        content: activity.title,
        place: activity.place,
        status: 'checked_in',
        evaluation: null,
        reject_reason: null,
        confirmed_by: null,
        confirmed_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VS_ALREADY_CHECKED_IN');
    throw err;
  }
  return id;
}

/** Hours of the record with the given check-out and travel, counting the day's other records. */
export async function hoursFor(
  trx: Trx,
  rec: VsServiceRecordTable,
  activity: VsActivityTable,
  outAt: Date,
  travelMinutes: number,
  dailyCap: number,
) {
  await lockVolunteer(trx, rec.volunteer_id);
  const startsAt = new Date(activity.starts_at);
  const endsAt = new Date(activity.ends_at);
  const inAt = new Date(rec.checked_in_at);
  const date = chinaDate(
    countedInterval({ checkedInAt: inAt, checkedOutAt: outAt, startsAt, endsAt })?.from ?? inAt,
  );
  const others = await trx
    .selectFrom('vs_service_records')
    .select((eb) => eb.fn.sum<number>('half_hours').as('h'))
    .where('volunteer_id', '=', rec.volunteer_id)
    .where('service_date', '=', date)
    .where('id', '<>', rec.id)
    .where('status', 'in', ['pending_confirmation', 'confirmed'])
    .executeTakeFirst();
  return computeHours({
    checkedInAt: inAt,
    checkedOutAt: outAt,
    startsAt,
    endsAt,
    travelMinutes,
    otherHalfHoursThatDay: Number(others?.h ?? 0),
    dailyCapHours: dailyCap,
  });
}

export async function checkOut(
  trx: Trx,
  input: {
    activity: VsActivityTable;
    volunteerId: string;
    at: Date;
    method: 'code' | 'lead';
    now: Date;
    dailyCap: number;
  },
): Promise<string> {
  const { activity, at } = input;
  const rec = await trx
    .selectFrom('vs_service_records')
    .selectAll()
    .where('activity_id', '=', activity.id)
    .where('volunteer_id', '=', input.volunteerId)
    .executeTakeFirst();
  const refused = recordRefusal('check_out', rec?.status ?? null, true);
  if (refused || !rec) throw new AppError(refused ?? 'VS_NOT_CHECKED_IN');
  if (at.getTime() < Date.parse(rec.checked_in_at))
    throw new AppError('VS_ATTENDANCE_TIME_INVALID');
  const startsAt = new Date(activity.starts_at);
  const endsAt = new Date(activity.ends_at);
  await assertNoOverlap(
    trx,
    input.volunteerId,
    activity.id,
    countedInterval({
      checkedInAt: new Date(rec.checked_in_at),
      checkedOutAt: at,
      startsAt,
      endsAt,
    }),
  );
  const h = await hoursFor(trx, rec, activity, at, rec.travel_minutes, input.dailyCap);
  const r = await trx
    .updateTable('vs_service_records')
    .set({
      checked_out_at: at.toISOString(),
      check_out_method: input.method,
      half_hours: h.halfHours,
      service_date: h.serviceDate,
      status: RECORD_TRANSITIONS.check_out.to,
      updated_at: input.now.toISOString(),
    })
    .where('id', '=', rec.id)
    .where('status', '=', 'checked_in')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_NOT_CHECKED_IN');
  return rec.id;
}

export async function recordById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('vs_service_records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
