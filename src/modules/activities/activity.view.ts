/** Read models of VS-6: an activity as the caller sees it, records, sign-ups, the roster. */
import type { Kysely } from 'kysely';
import type {
  Database,
  VsActivityTable,
  VsServiceRecordTable,
  VsSignupTable,
} from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { mayManage } from './activity.access.ts';
import { parseActivitySkills } from './activity.stored.ts';
import { availableActivityActions } from './activity.workflow.ts';
import { availableRecordActions } from '../records/record.workflow.ts';
import { availableSignupActions } from './signup.workflow.ts';

type Db = Kysely<Database>;

/** A service record with what the caller may do to it (`manages`: they run the activity). */
export function presentRecord(r: VsServiceRecordTable, manages: boolean) {
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    activityId: r.activity_id,
    serviceDate: r.service_date,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    checkInMethod: r.check_in_method,
    checkOutMethod: r.check_out_method,
    travelMinutes: r.travel_minutes,
    halfHours: r.half_hours,
    hours: r.half_hours / 2,
    status: r.status,
    evaluation: r.evaluation,
    rejectReason: r.reject_reason,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at,
    availableActions: availableRecordActions(r.status, manages),
  };
}

/** 1-based rank among the activity's waitlisted sign-ups (null unless waitlisted). */
export async function waitlistRank(db: Db, s: VsSignupTable): Promise<number | null> {
  if (s.status !== 'waitlisted' || s.queue_position === null) return null;
  const row = await db
    .selectFrom('vs_signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', '=', s.activity_id)
    .where('status', '=', 'waitlisted')
    .where('queue_position', '<=', s.queue_position)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function presentSignup(db: Db, s: VsSignupTable) {
  return {
    id: s.id,
    activityId: s.activity_id,
    volunteerId: s.volunteer_id,
    status: s.status,
    waitlistRank: await waitlistRank(db, s),
    createdAt: s.created_at,
    promotedAt: s.promoted_at,
    cancelledAt: s.cancelled_at,
  };
}

export async function presentActivity(db: Db, a: VsActivityTable, actor: Actor, now: Date) {
  const team = await db
    .selectFrom('vs_teams')
    .select('name')
    .where('id', '=', a.team_id)
    .executeTakeFirst();
  const lead = await db
    .selectFrom('accounts')
    .select('display_name')
    .where('id', '=', a.lead_account_id)
    .executeTakeFirst();
  const waiting = await db
    .selectFrom('vs_signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', '=', a.id)
    .where('status', '=', 'waitlisted')
    .executeTakeFirstOrThrow();
  let mySignup: { status: VsSignupTable['status']; waitlistRank: number | null } | null = null;
  const volunteer = actor.grants.some((g) => g.role === 'volunteer');
  if (volunteer) {
    const s = await db
      .selectFrom('vs_signups as s')
      .innerJoin('vs_volunteers as v', 'v.id', 's.volunteer_id')
      .selectAll('s')
      .where('s.activity_id', '=', a.id)
      .where('v.account_id', '=', actor.accountId)
      .where('s.status', '<>', 'cancelled')
      .executeTakeFirst();
    if (s) mySignup = { status: s.status, waitlistRank: await waitlistRank(db, s) };
  }
  const canManage = await mayManage(db, a, actor);
  return {
    id: a.id,
    orderId: a.order_id,
    projectId: a.project_id,
    teamId: a.team_id,
    teamName: team?.name ?? '',
    title: a.title,
    description: a.description,
    place: a.place,
    regionCode: a.region_code,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    capacity: a.capacity,
    confirmedCount: a.confirmed_count,
    waitlistCount: Number(waiting.n),
    skills: parseActivitySkills(a.skills),
    leadAccountId: a.lead_account_id,
    leadName: lead?.display_name ?? '',
    status: a.status,
    cancelReason: a.cancel_reason,
    createdAt: a.created_at,
    canManage,
    mySignup,
    availableActions: availableActivityActions(
      a,
      { manages: canManage, volunteer, signup: mySignup?.status ?? null },
      now,
    ),
  };
}

/**
 * Confirmed sign-ups (by sign-up time) and the waitlist (in queue order), each with its record.
 * Only those who manage the activity see it, so each row's actions are the lead's.
 */
export async function roster(db: Db, a: VsActivityTable, actor: Actor, now: Date) {
  const rows = await db
    .selectFrom('vs_signups as s')
    .innerJoin('vs_volunteers as v', 'v.id', 's.volunteer_id')
    .selectAll('s')
    .select(['v.volunteer_number', 'v.full_name', 'v.phone_masked'])
    .where('s.activity_id', '=', a.id)
    .where('s.status', '<>', 'cancelled')
    .orderBy('s.queue_position')
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
  const records = await db
    .selectFrom('vs_service_records')
    .selectAll()
    .where('activity_id', '=', a.id)
    .execute();
  const byVolunteer = new Map(records.map((r) => [r.volunteer_id, r]));
  let rank = 0;
  const entries = rows.map((s) => {
    const rec = byVolunteer.get(s.volunteer_id);
    return {
      signupId: s.id,
      volunteerId: s.volunteer_id,
      volunteerNumber: s.volunteer_number,
      fullName: s.full_name,
      phoneMasked: s.phone_masked,
      status: s.status,
      waitlistRank: s.status === 'waitlisted' ? ++rank : null,
      signedUpAt: s.created_at,
      promotedAt: s.promoted_at,
      record: rec ? presentRecord(rec, true) : null,
      availableActions: availableSignupActions(s.status, 'lead'),
    };
  });
  return {
    activity: await presentActivity(db, a, actor, now),
    confirmed: entries
      .filter((e) => e.status === 'confirmed')
      .sort((x, y) => (x.signedUpAt < y.signedUpAt ? -1 : x.signedUpAt > y.signedUpAt ? 1 : 0)),
    waitlist: entries.filter((e) => e.status === 'waitlisted'),
  };
}
