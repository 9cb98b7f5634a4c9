/**
 * Who stands where on a home visit. The visiting unit (staff with a grant at the visit's station)
 * acts on it and sees its records; staff with a region grant reaching its village (town officer,
 * supervisor, admin) observe the visit without its records; anyone else — another station, another
 * town — is told there is no such visit (404), and listings never include it.
 */
import type { Kysely } from 'kysely';
import type { Database, HomeVisitTable } from '../../db/schema.ts';
import type { Actor, Grant } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { STAFF_ROLES, type Role } from '../../shared/roles.ts';
import type { VisitParty } from './home-visit.workflow.ts';

/** Staff who take requests and make visits, at their station. */
export const VISIT_STAFF = ['clerk', 'agent', 'town_officer'] as const satisfies readonly Role[];

const isVisitStaff = (g: Grant) => (VISIT_STAFF as readonly Role[]).includes(g.role);

/** The caller's grant at the visiting unit, if they have one. */
export function visitingGrant(actor: Actor, stationId: string): Grant | undefined {
  return actor.grants.find((g) => isVisitStaff(g) && g.stationId === stationId);
}

/** The stations where the caller is visiting staff. */
export function visitingStations(actor: Actor): string[] {
  return actor.grants
    .filter((g) => isVisitStaff(g) && g.stationId !== null)
    .map((g) => g.stationId!);
}

/** Region grants (no station) that observe visits in their reach. */
export function observerPrefixes(actor: Actor): string[] {
  return actor.grants
    .filter((g) => g.stationId === null && (STAFF_ROLES as readonly Role[]).includes(g.role))
    .map((g) => g.reachPrefix);
}

export function partyOf(
  actor: Actor,
  visit: Pick<HomeVisitTable, 'station_id' | 'village_code'>,
): VisitParty | null {
  if (visitingGrant(actor, visit.station_id)) return 'visiting_unit';
  if (observerPrefixes(actor).some((p) => visit.village_code.startsWith(p))) return 'observer';
  return null;
}

/** A visit the caller may see, and where they stand; VISIT_NOT_FOUND otherwise. */
export async function loadVisit(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ visit: HomeVisitTable; party: VisitParty }> {
  const visit = await db
    .selectFrom('home_visits')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const party = visit ? partyOf(actor, visit) : null;
  if (!visit || !party) throw new AppError('VISIT_NOT_FOUND');
  return { visit, party };
}

/** The visiting unit's grant on a visit, or VISIT_NOT_VISITING_UNIT for an observer. */
export function requireVisitingGrant(actor: Actor, stationId: string): Grant {
  const grant = visitingGrant(actor, stationId);
  if (!grant) throw new AppError('VISIT_NOT_VISITING_UNIT');
  return grant;
}
