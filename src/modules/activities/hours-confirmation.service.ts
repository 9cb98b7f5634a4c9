/**
 * VS-6 the lead's decision on a service record: travel minutes (excluded from the hours), then
 * confirm (only then do the hours count anywhere: stars, certificates, figures) or reject with a
 * reason (its hours never count).
 */
import type { NotificationParamsByKind } from '../notifications/kinds.ts';
import type { Kysely } from 'kysely';
import type { Database, VsActivityTable, VsServiceRecordTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor, type Grant } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import { managedActivity } from './activity.access.ts';
import type { ActivityDeps } from './activity.service.ts';
import { presentRecord } from './activity.view.ts';
import { hoursFor, recordById, type Trx } from './attendance.steps.ts';
import { recordRefusal } from '../records/record.workflow.ts';

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
  const refused = recordRefusal('set_travel', rec.status, true);
  if (refused) throw new AppError(refused);
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
  return presentRecord(await recordById(db, rec.id), true);
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
  const refused = recordRefusal('confirm', rec.status, true);
  if (refused) throw new AppError(refused);
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
  return presentRecord(await recordById(db, rec.id), true);
}

/** The lead rejects a record with a reason; its hours never count. */
export async function rejectHours(
  deps: ActivityDeps,
  input: { recordId: string; reason: string; actor: Actor; requestId: string; now: Date },
) {
  const { db } = deps;
  const { rec, activity, grant } = await managedRecord(db, input.recordId, input.actor);
  const refused = recordRefusal('reject', rec.status, true);
  if (refused) throw new AppError(refused);
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
  return presentRecord(await recordById(db, rec.id), true);
}
