/**
 * The catalog is one list for every station (GS-1, GS-2: same standard everywhere), so it is shared
 * reference data (issue #10 point 9, X-2): only an administrator whose scope covers every station
 * that files under it may change it. Before any station exists nobody uses it yet.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hasAnyRole, referenceDataGrant, type Actor, type Grant } from '../../shared/actor.ts';
import { isRegionCode, LEVEL_ORDER, levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import { STAFF_ROLES, type Role } from '../../shared/roles.ts';
import { stationRegionCodes } from '../regions/station-regions.ts';

type Conn = Kysely<Database> | Transaction<Database>;

/** The region codes of every station (each files cases under the catalog). */
export async function catalogUsers(db: Conn): Promise<string[]> {
  return stationRegionCodes(db);
}

export async function catalogWriterGrant(
  db: Conn,
  actor: Actor,
  roles: readonly Role[],
): Promise<Grant> {
  return referenceDataGrant(actor, roles, await catalogUsers(db));
}

/**
 * Issue #11: the catalog a resident sees is their own town's. The catalog is the list the stations
 * file under (GS-2), so a town has it when a station serves the town: one inside it, or a centre of
 * the district (or city) above it. Callers holding a 通办 staff role see the whole catalog; everyone
 * else signed in (residents, volunteers, guardians…) sees it only where one of their grants' towns
 * is served — a 丽江 resident, whose town has no station, sees none of 大兴's items.
 * `null`: not limited (staff, or a public caller without an account).
 */
export async function residentCatalogReach(
  db: Conn,
  caller: Actor | null, // a public route: signed in or not
): Promise<{ homes: string[]; served: boolean } | null> {
  if (!caller || hasAnyRole(caller, STAFF_ROLES)) return null;
  const homes = [
    ...new Set(caller.grants.map((g) => g.regionCode).filter((code) => isRegionCode(code))),
  ];
  const stations = await catalogUsers(db);
  const served = homes.some((home) => stations.some((station) => stationServesTown(station, home)));
  return { homes, served };
}

/** A station inside the home's town (or inside the home region, when that is a town or above),
 * or a centre of a district, city or province the home lies in. */
export function stationServesTown(stationRegion: string, home: string): boolean {
  if (stationRegion.startsWith(townPrefixOf(home))) return true;
  const level = levelOfCode(stationRegion);
  return (
    level !== null &&
    LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf('town') &&
    home.startsWith(scopePrefix(stationRegion, level))
  );
}

/** The prefix of a code's town (a town or anything above it: its own prefix). */
function townPrefixOf(code: string): string {
  const level = levelOfCode(code);
  if (level === null) return code;
  return LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf('town')
    ? scopePrefix(code, level)
    : scopePrefix(code, 'town');
}
