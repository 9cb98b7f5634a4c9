/**
 * VS-6 sign-up: never beyond capacity, whatever the burst. In one transaction the places counter
 * is taken by a conditional update (`confirmed_count < capacity`); when none is left the volunteer
 * gets the next waitlist number from the same row (`queue_seq + 1 … RETURNING`). Both updates lock
 * the activity row, so sign-ups and cancellations of one activity serialise on it (PostgreSQL row
 * lock; on SQLite the single connection runs one transaction at a time). One live sign-up per
 * volunteer is a partial unique index. A cancelled confirmed place goes to the first waitlisted
 * volunteer in the same transaction.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsActivityTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor, type Caller, type Grant } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import { managedActivity, myVolunteer } from './activity.access.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { presentSignup } from './activity.view.ts';
import { activityRefusal } from './activity.workflow.ts';
import { SIGNUP_TRANSITIONS, signupRefusal } from './signup.workflow.ts';

type Db = Kysely<Database>;

export async function loadActivity(db: Db, id: string): Promise<VsActivityTable> {
  const a = await db
    .selectFrom('vs_activities')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('VS_ACTIVITY_NOT_FOUND');
  return a;
}

export async function signUp(
  db: Db,
  input: { activityId: string; actor: Actor; requestId: string; now: Date },
) {
  const volunteer = await myVolunteer(db, input.actor);
  const a = await loadActivity(db, input.activityId);
  const grant = authorize(input.actor, ['volunteer'], a.region_code);
  return createSignup(db, { ...input, activity: a, volunteer, grant, byLead: false });
}

/**
 * Issue #15 point 4: the activity's lead signs up a volunteer who cannot do it themselves (no
 * phone, no account) — any active volunteer; the same places, waitlist and overlap rules. The
 * lead then records their check-in and check-out by hand (attendance.service.ts).
 */
export async function signUpByLead(
  db: Db,
  input: { activityId: string; volunteerId: string; actor: Actor; requestId: string; now: Date },
) {
  const { activity, grant } = await managedActivity(db, input.activityId, input.actor);
  const v = await db
    .selectFrom('vs_volunteers')
    .select(['id', 'status'])
    .where('id', '=', input.volunteerId)
    .executeTakeFirst();
  if (!v) throw new AppError('VOLUNTEER_NOT_FOUND');
  if (v.status !== 'active') throw new AppError('VS_NOT_A_VOLUNTEER');
  // The rule the activity's availableActions offer the lead (the place is then taken as for `sign_up`).
  const refusal = activityRefusal(
    'sign_up_other',
    activity,
    { manages: true, volunteer: false, signup: null },
    input.now,
  );
  if (refusal) throw new AppError(refusal);
  return createSignup(db, { ...input, activity, volunteer: { id: v.id }, grant, byLead: true });
}

async function createSignup(
  db: Db,
  input: {
    activity: VsActivityTable;
    volunteer: { id: string };
    grant: Grant;
    byLead: boolean;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { actor, now, grant, volunteer } = input;
  const a = input.activity;
  // The duplicate is checked below against the database, inside the burst-safe insert.
  const refusal = activityRefusal(
    'sign_up',
    a,
    { manages: false, volunteer: true, signup: null },
    now,
  );
  if (refusal) throw new AppError(refusal);
  const live = await db
    .selectFrom('vs_signups')
    .select('id')
    .where('activity_id', '=', a.id)
    .where('volunteer_id', '=', volunteer.id)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  if (live) throw new AppError('VS_SIGNUP_DUPLICATE');
  const clash = await db
    .selectFrom('vs_signups as s')
    .innerJoin('vs_activities as o', 'o.id', 's.activity_id')
    .select('o.id')
    .where('s.volunteer_id', '=', volunteer.id)
    .where('s.status', '=', 'confirmed')
    .where('o.status', '=', 'open')
    .where('o.id', '<>', a.id)
    .where('o.starts_at', '<', a.ends_at)
    .where('o.ends_at', '>', a.starts_at)
    .executeTakeFirst();
  if (clash) throw new AppError('VS_SIGNUP_OVERLAP');

  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const took = await trx
        .updateTable('vs_activities')
        .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', 1) }))
        .where('id', '=', a.id)
        .where('status', '=', 'open')
        .where((eb) => eb('confirmed_count', '<', eb.ref('capacity')))
        .executeTakeFirst();
      let status: 'confirmed' | 'waitlisted' = 'confirmed';
      let queuePosition: number | null = null;
      if (Number(took.numUpdatedRows) !== 1) {
        const q = await trx
          .updateTable('vs_activities')
          .set((eb) => ({ queue_seq: eb('queue_seq', '+', 1) }))
          .where('id', '=', a.id)
          .where('status', '=', 'open')
          .returning('queue_seq')
          .executeTakeFirst();
        if (!q) throw new AppError('VS_ACTIVITY_NOT_OPEN');
        status = 'waitlisted';
        queuePosition = Number(q.queue_seq);
      }
      await trx
        .insertInto('vs_signups')
        .values({
          id,
          activity_id: a.id,
          volunteer_id: volunteer.id,
          status,
          queue_position: queuePosition,
          created_at: nowIso,
          promoted_at: null,
          cancelled_at: null,
        })
        .execute();
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'vs_signup.created',
        entityType: 'vs_signup',
        entityId: id,
        regionCode: a.region_code,
        after: {
          activityId: a.id,
          volunteerId: volunteer.id,
          status,
          queuePosition,
          ...(input.byLead ? { by: 'lead' } : {}),
        },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VS_SIGNUP_DUPLICATE');
    throw err;
  }
  const row = await db
    .selectFrom('vs_signups')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return presentSignup(db, row);
}

/**
 * Gives a freed place to the first waitlisted volunteer (lowest queue position). Call inside the
 * transaction that freed it, after the counter was decremented (which holds the activity's row lock).
 */
export async function promoteNext(
  trx: Transaction<Database>,
  input: { activity: VsActivityTable; actor: Caller; requestId: string; now: Date },
): Promise<string | null> {
  const { activity, now } = input;
  const nowIso = now.toISOString();
  for (let attempt = 0; attempt < 50; attempt++) {
    const next = await trx
      .selectFrom('vs_signups')
      .select(['id', 'volunteer_id', 'queue_position'])
      .where('activity_id', '=', activity.id)
      .where('status', 'in', SIGNUP_TRANSITIONS.promote.from)
      .orderBy('queue_position')
      .limit(1)
      .executeTakeFirst();
    if (!next) return null;
    // The waitlisted volunteer may be cancelling at this very moment: then try the next one.
    const r = await trx
      .updateTable('vs_signups')
      .set({ status: SIGNUP_TRANSITIONS.promote.to, promoted_at: nowIso })
      .where('id', '=', next.id)
      .where('status', 'in', SIGNUP_TRANSITIONS.promote.from)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    const took = await trx
      .updateTable('vs_activities')
      .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', 1) }))
      .where('id', '=', activity.id)
      .where((eb) => eb('confirmed_count', '<', eb.ref('capacity')))
      .executeTakeFirst();
    if (Number(took.numUpdatedRows) !== 1) throw new Error('promotion without a free place');
    const v = await trx
      .selectFrom('vs_volunteers')
      .select('account_id')
      .where('id', '=', next.volunteer_id)
      .executeTakeFirst();
    if (v?.account_id) {
      await notify(trx, {
        accountId: v.account_id,
        kind: 'vs_signup_promoted',
        params: { activity: activity.title },
        entityType: 'vs_activity',
        entityId: activity.id,
        now,
      });
    }
    await recordAudit(trx, {
      actor: auditActor(input.actor),
      action: 'vs_signup.promoted',
      entityType: 'vs_signup',
      entityId: next.id,
      regionCode: activity.region_code,
      before: { status: 'waitlisted', queuePosition: next.queue_position },
      after: { status: 'confirmed' },
      requestId: input.requestId,
      now,
    });
    return next.id;
  }
  throw new Error('waitlist promotion kept losing races');
}

const LIVE_SIGNUP = { manages: false, volunteer: true, signup: 'confirmed' } as const;

/** The volunteer cancels their own live sign-up; a freed place promotes the first waitlisted. */
export async function cancelSignup(
  db: Db,
  input: { activityId: string; actor: Actor; requestId: string; now: Date },
) {
  const { actor, now } = input;
  const volunteer = await myVolunteer(db, actor);
  const a = await loadActivity(db, input.activityId);
  // The live sign-up itself is found (or not) inside the transaction below.
  const refusal = activityRefusal('cancel_signup', a, LIVE_SIGNUP, now);
  if (refusal) throw new AppError(refusal);
  const nowIso = now.toISOString();
  let signupId = '';
  await db.transaction().execute(async (trx) => {
    // Lock the activity row first, as sign-up and activity cancellation do: one lock order, so
    // PostgreSQL never finds two of them waiting on each other.
    await trx
      .updateTable('vs_activities')
      .set((eb) => ({ confirmed_count: eb.ref('confirmed_count') }))
      .where('id', '=', a.id)
      .execute();
    const s = await trx
      .selectFrom('vs_signups')
      .selectAll()
      .where('activity_id', '=', a.id)
      .where('volunteer_id', '=', volunteer.id)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    const refused = signupRefusal('cancel', s?.status ?? null, 'volunteer');
    if (refused || !s) throw new AppError(refused ?? 'VS_SIGNUP_NOT_FOUND');
    signupId = s.id;
    const r = await trx
      .updateTable('vs_signups')
      .set({ status: SIGNUP_TRANSITIONS.cancel.to, cancelled_at: nowIso })
      .where('id', '=', s.id)
      .where('status', '=', s.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_SIGNUP_NOT_FOUND');
    let promoted: string | null = null;
    if (s.status === 'confirmed') {
      await trx
        .updateTable('vs_activities')
        .set((eb) => ({ confirmed_count: eb('confirmed_count', '-', 1) }))
        .where('id', '=', a.id)
        .where('confirmed_count', '>', 0)
        .execute();
      if (a.status === 'open')
        promoted = await promoteNext(trx, { activity: a, actor, requestId: input.requestId, now });
    }
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: 'vs_signup.cancelled',
      entityType: 'vs_signup',
      entityId: s.id,
      regionCode: a.region_code,
      before: { status: s.status, queuePosition: s.queue_position },
      after: { status: 'cancelled', promoted },
      requestId: input.requestId,
      now,
    });
  });
  const row = await db
    .selectFrom('vs_signups')
    .selectAll()
    .where('id', '=', signupId)
    .executeTakeFirstOrThrow();
  return presentSignup(db, row);
}
