/** VS-6 the volunteer's own activities, upcoming or past, with the sign-up and the service record. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsSignupTable } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { myVolunteer } from './activity.access.ts';
import type { MyActivitiesQuery } from './activity.schema.ts';
import { presentActivity, presentRecord, presentSignup } from './activity.view.ts';
import { loadActivity } from './signup.service.ts';

type Db = Kysely<Database>;
type MyFilter = Omit<z.infer<typeof MyActivitiesQuery>, 'limit' | 'offset'> & {
  actor: Actor;
  now: Date;
};

/** The caller's sign-ups the filter selects (unordered, unpaged); null: not a volunteer (yet). */
async function filteredSignups(db: Db, input: MyFilter) {
  // An account not (yet) linked to a volunteer simply has no activities.
  const volunteer = await myVolunteer(db, input.actor).catch(() => null);
  if (!volunteer) return null;
  const nowIso = input.now.toISOString();
  let q = db
    .selectFrom('vs_signups as s')
    .innerJoin('vs_activities as a', 'a.id', 's.activity_id')
    .where('s.volunteer_id', '=', volunteer.id);
  if (input.when === 'upcoming') q = q.where('a.ends_at', '>', nowIso);
  if (input.when === 'past') q = q.where('a.ends_at', '<=', nowIso);
  return { q, volunteerId: volunteer.id };
}

async function presentAll(db: Db, signups: VsSignupTable[], volunteerId: string, input: MyFilter) {
  const out = [];
  for (const s of signups) {
    const a = await loadActivity(db, s.activity_id);
    const rec = await db
      .selectFrom('vs_service_records')
      .selectAll()
      .where('activity_id', '=', a.id)
      .where('volunteer_id', '=', volunteerId)
      .executeTakeFirst();
    const activity = await presentActivity(db, a, input.actor, input.now);
    out.push({
      activity,
      signup: await presentSignup(db, s),
      record: rec ? presentRecord(rec, activity.canManage) : null,
    });
  }
  return out;
}

/**
 * The volunteer's activities: upcoming or past, with sign-up state and the service record — by
 * the activity's start (the past latest first), the sign-up's id breaking ties.
 */
export async function myActivities(
  db: Db,
  input: z.infer<typeof MyActivitiesQuery> & { actor: Actor; now: Date },
) {
  const f = await filteredSignups(db, input);
  if (!f) return [];
  const signups = await f.q
    .selectAll('s')
    .orderBy('a.starts_at', input.when === 'past' ? 'desc' : 'asc')
    .orderBy('s.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentAll(db, signups, f.volunteerId, input);
}

/** Issue #16 p5: the same list by keyset — past latest first, upcoming and all soonest first. */
export const MY_ACTIVITY_ORDERS: Record<MyFilter['when'], KeysetOrder> = {
  all: {
    list: 'vs-my-activities',
    key: 'a.starts_at',
    keyKind: 'timestamp',
    id: 's.id',
    direction: 'asc',
  },
  upcoming: {
    list: 'vs-my-activities',
    key: 'a.starts_at',
    keyKind: 'timestamp',
    id: 's.id',
    direction: 'asc',
  },
  past: {
    list: 'vs-my-activities-past',
    key: 'a.starts_at',
    keyKind: 'timestamp',
    id: 's.id',
    direction: 'desc',
  },
};

export async function pageMyActivities(
  db: Db,
  input: MyFilter & { limit: number; after?: string | undefined },
) {
  const order = MY_ACTIVITY_ORDERS[input.when];
  const after = cursorAfter(order, input.after);
  const f = await filteredSignups(db, input);
  if (!f) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await keysetQuery(
    f.q.selectAll('s').select('a.starts_at as activity_starts_at'),
    order,
    after,
    input.limit,
  ).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, order, (r) => ({
    key: r.activity_starts_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, f.q.select('s.id'));
  return {
    items: await presentAll(db, shown, f.volunteerId, input),
    nextCursor,
    total,
    totalExact,
  };
}
