/**
 * Issue #15 point 4: the volunteers an activity's lead may sign up by hand (someone without a
 * phone or account) — active volunteers of the activity's town (or of the wider region an
 * activity above town level serves), by name or volunteer number, and whether each already holds a
 * live sign-up (the lead's button is then off; the server would refuse it anyway).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { LEVEL_ORDER, levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import { managedActivity } from './activity.access.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** The region prefix whose volunteers a lead may pick: the activity's town, or the wider region. */
export function candidatePrefix(activityRegion: string): string {
  const level = levelOfCode(activityRegion);
  if (level && LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf('town'))
    return scopePrefix(activityRegion, level);
  return scopePrefix(activityRegion, 'town');
}

export async function signupCandidates(
  db: Kysely<Database>,
  input: { activityId: string; actor: Actor; q: string; limit: number },
) {
  const { activity } = await managedActivity(db, input.activityId, input.actor);
  const q = input.q.toLowerCase();
  const rows = await db
    .selectFrom('vs_volunteers as v')
    .innerJoin('regions as r', 'r.code', 'v.home_region_code')
    .select(['v.id', 'v.full_name', 'v.volunteer_number', 'v.phone_masked', 'v.account_id'])
    .select('r.name as home_region_name')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('vs_signups as s')
            .select(sql`1`.as('one'))
            .whereRef('s.volunteer_id', '=', 'v.id')
            .where('s.activity_id', '=', activity.id)
            .where('s.status', 'in', ['confirmed', 'waitlisted']),
        )
        .as('signed_up'),
    )
    .where('v.status', '=', 'active')
    .where(underPrefix('v.home_region_code', candidatePrefix(activity.region_code)))
    .where((eb) =>
      eb.or([
        likeText(eb, eb.fn<string>('lower', ['v.full_name']), q),
        likeText(eb, eb.fn<string>('lower', ['v.volunteer_number']), q),
      ]),
    )
    .orderBy('v.volunteer_number')
    .limit(input.limit)
    .execute();
  return rows.map((v) => ({
    id: v.id,
    fullName: v.full_name,
    volunteerNumber: v.volunteer_number,
    homeRegionName: v.home_region_name,
    phoneMasked: v.phone_masked,
    hasAccount: v.account_id !== null,
    signedUp: Boolean(v.signed_up),
  }));
}
