/**
 * VS-6 check-in/out and hours. A volunteer submits the rotating code from the lead's screen (used
 * once per direction: the vs_code_uses primary key refuses replays), or the lead records it by hand.
 * Check-in opens the service record; check-out computes the hours (hours.rules.ts) and leaves the
 * record pending; the lead confirms (only then do the hours count anywhere) or rejects it.
 */
import type { NotificationParamsByKind } from '../notifications/kinds.ts';
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsActivityTable, VsServiceRecordTable } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor, type Grant } from '../auth/actor.ts';
import { notify } from '../first-response/notification.service.ts';
import { isUniqueViolation, managedActivity, myVolunteer } from './activity.access.ts';
import type { ActivityDeps } from './activity.service.ts';
import { presentRecord } from './activity.view.ts';
import { checkScannedCode, type CodeDirection } from './check-in-code.ts';
import {
  attendanceOpen,
  chinaDate,
  computeHours,
  countedInterval,
  overlaps,
  type Interval,
} from './hours.rules.ts';

type Trx = Transaction<Database>;
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
const SKEW_MS = 60_000;

/**
 * Takes the volunteer's row lock (PostgreSQL) for the rest of the transaction, so that parallel
 * check-ins, check-outs and confirmations of one volunteer see each other's hours: the overlap rule
 * and the daily cap hold under concurrency. On SQLite writers are serialised already.
 */
async function lockVolunteer(trx: Trx, volunteerId: string) {
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

async function checkIn(
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
  await assertNoOverlap(
    trx,
    input.volunteerId,
    activity.id,
    countedInterval({ checkedInAt: at, checkedOutAt: endsAt, startsAt, endsAt }),
  );
  const id = crypto.randomUUID();
  const nowIso = input.now.toISOString();
  try {
    await trx
      .insertInto('vs_service_records')
      .values({
        id,
        volunteer_id: input.volunteerId,
        activity_id: activity.id,
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
      })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VS_ALREADY_CHECKED_IN');
    throw err;
  }
  return id;
}

/** Hours of the record with the given check-out and travel, counting the day's other records. */
async function hoursFor(
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

async function checkOut(
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
  if (!rec || rec.status !== 'checked_in') throw new AppError('VS_NOT_CHECKED_IN');
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
      status: 'pending_confirmation',
      updated_at: input.now.toISOString(),
    })
    .where('id', '=', rec.id)
    .where('status', '=', 'checked_in')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_NOT_CHECKED_IN');
  return rec.id;
}

async function recordById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('vs_service_records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const SCAN_REFUSALS = {
  stale: 'VS_CODE_STALE',
  wrong: 'VS_CODE_WRONG',
  future: 'VS_SCAN_TIME_INVALID',
  too_old: 'VS_SCAN_TOO_OLD',
} as const;

/** The volunteer submits the code shown on the lead's screen (now, or queued during a cut). */
export async function submitCode(
  deps: ActivityDeps,
  input: {
    activityId: string;
    direction: CodeDirection;
    code: string;
    /** When the volunteer typed the code, if the phone queued it during a network cut. */
    scannedAt?: Date;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { db } = deps;
  const { actor, now, direction } = input;
  const volunteer = await myVolunteer(db, actor);
  const activity = await db
    .selectFrom('vs_activities')
    .selectAll()
    .where('id', '=', input.activityId)
    .executeTakeFirst();
  if (!activity) throw new AppError('VS_ACTIVITY_NOT_FOUND');
  if (activity.status !== 'open') throw new AppError('VS_ACTIVITY_NOT_OPEN');
  const signup = await db
    .selectFrom('vs_signups')
    .select('status')
    .where('activity_id', '=', activity.id)
    .where('volunteer_id', '=', volunteer.id)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  if (!signup) throw new AppError('VS_NOT_CONFIRMED_SIGNUP');
  const secret = Buffer.from(deps.pii.decrypt(activity.code_secret_cipher), 'base64');
  const check = checkScannedCode(
    secret,
    activity.id,
    direction,
    input.code,
    now,
    input.scannedAt,
    deps.codePeriodSeconds,
  );
  if (!check.ok) throw new AppError(SCAN_REFUSALS[check.reason]);
  // The window is judged at the moment the code was shown (a queued check-in arrives later).
  const at = check.at;
  if (!attendanceOpen(direction, at, new Date(activity.starts_at), new Date(activity.ends_at)))
    throw new AppError('VS_ATTENDANCE_CLOSED');
  let recordId = '';
  await db.transaction().execute(async (trx) => {
    try {
      await trx
        .insertInto('vs_code_uses')
        .values({
          activity_id: activity.id,
          volunteer_id: volunteer.id,
          direction,
          code_window: check.window,
          used_at: at.toISOString(),
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('VS_CODE_ALREADY_USED');
      throw err;
    }
    const step = { activity, volunteerId: volunteer.id, at, method: 'code' as const, now };
    recordId =
      direction === 'in'
        ? await checkIn(trx, step)
        : await checkOut(trx, { ...step, dailyCap: deps.dailyHoursCap });
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: direction === 'in' ? 'vs_attendance.checked_in' : 'vs_attendance.checked_out',
      entityType: 'vs_service_record',
      entityId: recordId,
      regionCode: activity.region_code,
      after: {
        activityId: activity.id,
        volunteerId: volunteer.id,
        method: 'code',
        window: check.window,
        ...(check.offline
          ? { queuedOffline: { at: at.toISOString(), received: now.toISOString() } }
          : {}),
      },
      requestId: input.requestId,
      now,
    });
  });
  return { record: presentRecord(await recordById(db, recordId)) };
}

/** The lead records a check-in or check-out by hand (method 'lead'). */
export async function recordAttendance(
  deps: ActivityDeps,
  input: {
    activityId: string;
    volunteerId: string;
    direction: CodeDirection;
    at?: string | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { db } = deps;
  const { actor, now, direction } = input;
  const { activity, grant } = await managedActivity(db, input.activityId, actor);
  if (activity.status !== 'open') throw new AppError('VS_ACTIVITY_NOT_OPEN');
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + SKEW_MS) throw new AppError('VS_ATTENDANCE_TIME_INVALID');
  // Not earlier than check-in opens, nor long after the end.
  if (!attendanceOpen(direction, at, new Date(activity.starts_at), new Date(activity.ends_at)))
    throw new AppError('VS_ATTENDANCE_CLOSED');
  const signup = await db
    .selectFrom('vs_signups')
    .select('status')
    .where('activity_id', '=', activity.id)
    .where('volunteer_id', '=', input.volunteerId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  if (!signup) throw new AppError('VS_NOT_CONFIRMED_SIGNUP');
  let recordId = '';
  await db.transaction().execute(async (trx) => {
    const step = { activity, volunteerId: input.volunteerId, at, method: 'lead' as const, now };
    recordId =
      direction === 'in'
        ? await checkIn(trx, step)
        : await checkOut(trx, { ...step, dailyCap: deps.dailyHoursCap });
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: direction === 'in' ? 'vs_attendance.checked_in' : 'vs_attendance.checked_out',
      entityType: 'vs_service_record',
      entityId: recordId,
      regionCode: activity.region_code,
      after: {
        activityId: activity.id,
        volunteerId: input.volunteerId,
        method: 'lead',
        at: at.toISOString(),
      },
      requestId: input.requestId,
      now,
    });
  });
  return { record: presentRecord(await recordById(db, recordId)) };
}

async function managedRecord(db: Kysely<Database>, id: string, actor: Actor) {
  const rec = await db
    .selectFrom('vs_service_records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!rec) throw new AppError('VS_RECORD_NOT_FOUND');
  const { activity, grant } = await managedActivity(db, rec.activity_id, actor);
  return { rec, activity, grant };
}

async function recompute(
  trx: Trx,
  rec: VsServiceRecordTable,
  activity: VsActivityTable,
  travelMinutes: number,
  dailyCap: number,
) {
  if (!rec.checked_out_at) return { halfHours: 0, serviceDate: rec.service_date };
  return hoursFor(trx, rec, activity, new Date(rec.checked_out_at), travelMinutes, dailyCap);
}

/** The lead sets travel minutes (excluded from the hours) before confirming. */
export async function setTravel(
  deps: ActivityDeps,
  input: { recordId: string; travelMinutes: number; actor: Actor; requestId: string; now: Date },
) {
  const { db } = deps;
  const { rec, activity, grant } = await managedRecord(db, input.recordId, input.actor);
  if (rec.status !== 'checked_in' && rec.status !== 'pending_confirmation')
    throw new AppError('VS_RECORD_NOT_PENDING');
  await db.transaction().execute(async (trx) => {
    const h = await recompute(trx, rec, activity, input.travelMinutes, deps.dailyHoursCap);
    const r = await trx
      .updateTable('vs_service_records')
      .set({
        travel_minutes: input.travelMinutes,
        half_hours: h.halfHours,
        service_date: h.serviceDate,
        updated_at: input.now.toISOString(),
      })
      .where('id', '=', rec.id)
      .where('status', '=', rec.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_RECORD_NOT_PENDING');
    await audit(trx, input, grant, rec, activity, 'vs_hours.travel_set', {
      travelMinutes: input.travelMinutes,
      halfHours: h.halfHours,
    });
  });
  return presentRecord(await recordById(db, rec.id));
}

async function audit(
  trx: Trx,
  input: { actor: Actor; requestId: string; now: Date },
  grant: Grant,
  rec: VsServiceRecordTable,
  activity: VsActivityTable,
  action: 'vs_hours.travel_set' | 'vs_hours.confirmed' | 'vs_hours.rejected',
  after: Record<string, unknown>,
) {
  await recordAudit(trx, {
    actor: auditActor(input.actor, grant),
    action,
    entityType: 'vs_service_record',
    entityId: rec.id,
    regionCode: activity.region_code,
    before: { status: rec.status, halfHours: rec.half_hours, travelMinutes: rec.travel_minutes },
    after,
    requestId: input.requestId,
    now: input.now,
  });
}

async function tellVolunteer(
  trx: Trx,
  rec: VsServiceRecordTable,
  activity: VsActivityTable,
  msg:
    | { kind: 'vs_hours_confirmed'; params: NotificationParamsByKind['vs_hours_confirmed'] }
    | { kind: 'vs_hours_rejected'; params: NotificationParamsByKind['vs_hours_rejected'] },
  now: Date,
) {
  const v = await trx
    .selectFrom('vs_volunteers')
    .select('account_id')
    .where('id', '=', rec.volunteer_id)
    .executeTakeFirst();
  if (!v?.account_id) return;
  await notify(trx, {
    accountId: v.account_id,
    ...msg,
    entityType: 'vs_service_record',
    entityId: rec.id,
    now,
  });
}

/** The lead confirms a checked-out record: from now on its hours count (stars, certificates, figures). */
export async function confirmHours(
  deps: ActivityDeps,
  input: {
    recordId: string;
    travelMinutes?: number | undefined;
    evaluation?: string | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { db } = deps;
  const { rec, activity, grant } = await managedRecord(db, input.recordId, input.actor);
  if (rec.status !== 'pending_confirmation') throw new AppError('VS_RECORD_NOT_PENDING');
  const travel = input.travelMinutes ?? rec.travel_minutes;
  await db.transaction().execute(async (trx) => {
    const h = await recompute(trx, rec, activity, travel, deps.dailyHoursCap);
    const nowIso = input.now.toISOString();
    const r = await trx
      .updateTable('vs_service_records')
      .set({
        status: 'confirmed',
        travel_minutes: travel,
        half_hours: h.halfHours,
        service_date: h.serviceDate,
        evaluation: input.evaluation ?? rec.evaluation,
        confirmed_by: input.actor.accountId,
        confirmed_at: nowIso,
        updated_at: nowIso,
      })
      .where('id', '=', rec.id)
      .where('status', '=', 'pending_confirmation')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_RECORD_NOT_PENDING');
    await tellVolunteer(
      trx,
      rec,
      activity,
      {
        kind: 'vs_hours_confirmed',
        params: { activity: activity.title, hours: h.halfHours / 2 },
      },
      input.now,
    );
    await audit(trx, input, grant, rec, activity, 'vs_hours.confirmed', {
      status: 'confirmed',
      halfHours: h.halfHours,
      travelMinutes: travel,
    });
  });
  return presentRecord(await recordById(db, rec.id));
}

/** The lead rejects a record with a reason; its hours never count. */
export async function rejectHours(
  deps: ActivityDeps,
  input: { recordId: string; reason: string; actor: Actor; requestId: string; now: Date },
) {
  const { db } = deps;
  const { rec, activity, grant } = await managedRecord(db, input.recordId, input.actor);
  if (rec.status !== 'pending_confirmation' && rec.status !== 'checked_in')
    throw new AppError('VS_RECORD_NOT_PENDING');
  await db.transaction().execute(async (trx) => {
    const nowIso = input.now.toISOString();
    const r = await trx
      .updateTable('vs_service_records')
      .set({
        status: 'rejected',
        reject_reason: input.reason,
        half_hours: 0,
        confirmed_by: input.actor.accountId,
        confirmed_at: nowIso,
        updated_at: nowIso,
      })
      .where('id', '=', rec.id)
      .where('status', '=', rec.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_RECORD_NOT_PENDING');
    await tellVolunteer(
      trx,
      rec,
      activity,
      {
        kind: 'vs_hours_rejected',
        params: { activity: activity.title, reason: input.reason },
      },
      input.now,
    );
    await audit(trx, input, grant, rec, activity, 'vs_hours.rejected', {
      status: 'rejected',
      reason: input.reason,
    });
  });
  return presentRecord(await recordById(db, rec.id));
}
