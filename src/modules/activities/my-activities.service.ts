/** VS-6 the volunteer's own activities, upcoming or past, with the sign-up and the service record. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { myVolunteer } from './activity.access.ts';
import type { MyActivitiesQuery } from './activity.schema.ts';
import { presentActivity, presentRecord, presentSignup } from './activity.view.ts';
import { loadActivity } from './signup.service.ts';

type Db = Kysely<Database>;

/** The volunteer's activities: upcoming or past, with sign-up state and the service record. */
export async function myActivities(
  db: Db,
  input: z.infer<typeof MyActivitiesQuery> & { actor: Actor; now: Date },
) {
  // An account not (yet) linked to a volunteer simply has no activities.
  const volunteer = await myVolunteer(db, input.actor).catch(() => null);
  if (!volunteer) return [];
  const nowIso = input.now.toISOString();
  let q = db
    .selectFrom('vs_signups as s')
    .innerJoin('vs_activities as a', 'a.id', 's.activity_id')
    .selectAll('s')
    .where('s.volunteer_id', '=', volunteer.id);
  if (input.when === 'upcoming') q = q.where('a.ends_at', '>', nowIso);
  if (input.when === 'past') q = q.where('a.ends_at', '<=', nowIso);
  const signups = await q
    .orderBy('a.starts_at', input.when === 'past' ? 'desc' : 'asc')
    .orderBy('s.created_at', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const out = [];
  for (const s of signups) {
    const a = await loadActivity(db, s.activity_id);
    const rec = await db
      .selectFrom('vs_service_records')
      .selectAll()
      .where('activity_id', '=', a.id)
      .where('volunteer_id', '=', volunteer.id)
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
