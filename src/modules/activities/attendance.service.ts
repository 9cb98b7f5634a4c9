/**
 * VS-6 check-in/out and hours. A volunteer submits the rotating code from the lead's screen (used
 * once per direction: the vs_code_uses primary key refuses replays), or the lead records it by hand.
 * Check-in opens the service record; check-out computes the hours and leaves the record pending
 * (attendance.steps.ts); the lead confirms or rejects it (hours-confirmation.service.ts).
 */
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { managedActivity, mayManage, myVolunteer } from './activity.access.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import type { ActivityDeps } from './activity.service.ts';
import { presentRecord } from './activity.view.ts';
import { checkIn, checkOut, recordById } from './attendance.steps.ts';
import { signupRefusal } from './signup.workflow.ts';
import { checkScannedCode, type CodeDirection } from './check-in-code.ts';
import { attendanceOpen } from './hours.rules.ts';

const SKEW_MS = 60_000;

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
  const manages = await mayManage(db, activity, actor);
  return { record: presentRecord(await recordById(db, recordId), manages) };
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
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  const refused = signupRefusal('record_attendance', signup?.status ?? null, 'lead');
  if (refused) throw new AppError(refused);
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
  return { record: presentRecord(await recordById(db, recordId), true) };
}
