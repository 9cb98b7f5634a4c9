/**
 * CP-4 the roster's volunteer lookup: the organiser finds a registered volunteer by name, the
 * last four digits of their phone or their team's name — only volunteers approved in a team of
 * the organiser's region scope, with personal data masked (the phone as stored masked, never the
 * ID number). The roster adds only volunteers this lookup can find (`rosterableMembership`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, regionReach, type Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { ORGANISER } from './programs.access.ts';
import type { VolunteerCandidate } from './programs-day.schema.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

type Db = Kysely<Database>;

/** The text a person typed, spaces folded (LIKE takes it literally: shared/like-pattern.ts). */
export function foldedQuery(q: string): string {
  return q.replace(/\s+/g, ' ').trim();
}

function teamsInReach(db: Db, actor: Actor) {
  const reach = regionReach(actor, ORGANISER);
  if (reach.length === 0) throw new AppError('FORBIDDEN');
  return db
    .selectFrom('vs_team_members as m')
    .innerJoin('vs_teams as t', 't.id', 'm.team_id')
    .innerJoin('vs_volunteers as v', 'v.id', 'm.volunteer_id')
    .where('m.status', '=', 'approved')
    .where('v.status', '=', 'active')
    .where(underAnyPrefix('t.region_code', reach));
}

export async function findVolunteers(
  db: Db,
  input: { actor: Actor; q: string; limit: number },
): Promise<VolunteerCandidate[]> {
  authorize(input.actor, ORGANISER);
  const q = foldedQuery(input.q);
  if (q.length === 0) throw new AppError('CP_LOOKUP_QUERY');
  const rows = await teamsInReach(db, input.actor)
    .where((eb) => {
      const terms = [likeText(eb, 'v.full_name', q), likeText(eb, 't.name', q)];
      if (/^\d{4}$/.test(q)) terms.push(likeText(eb, 'v.phone_masked', q, 'suffix'));
      return eb.or(terms);
    })
    .select(['v.id', 'v.full_name', 'v.phone_masked', 't.id as team_id', 't.name as team_name'])
    .orderBy('v.full_name')
    .orderBy('v.id')
    .orderBy('t.name')
    .limit(input.limit * 4)
    .execute();
  const byVolunteer = new Map<string, VolunteerCandidate>();
  for (const r of rows) {
    const seen = byVolunteer.get(r.id);
    if (seen) {
      if (!seen.teams.includes(r.team_name)) seen.teams.push(r.team_name);
      continue;
    }
    if (byVolunteer.size >= input.limit) break;
    byVolunteer.set(r.id, {
      id: r.id,
      name: r.full_name,
      phoneMasked: r.phone_masked,
      teams: [r.team_name],
    });
  }
  return [...byVolunteer.values()];
}

/** The volunteer's earliest approved team within the organiser's scope, or not found. */
export async function rosterableMembership(
  db: Db,
  actor: Actor,
  volunteerId: string,
): Promise<{ id: string; account_id: string | null; team_id: string }> {
  const row = await teamsInReach(db, actor)
    .select(['v.id', 'v.account_id', 'm.team_id'])
    .where('v.id', '=', volunteerId)
    .orderBy('m.decided_at')
    .orderBy('m.team_id')
    .executeTakeFirst();
  if (!row) throw new AppError('CP_VOLUNTEER_NOT_FOUND');
  return row;
}
