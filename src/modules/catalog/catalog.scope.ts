/**
 * The catalog is one list for every station (GS-1, GS-2: same standard everywhere), so it is shared
 * reference data (issue #10 point 9, X-2): only an administrator whose scope covers every station
 * that files under it may change it. Before any station exists nobody uses it yet. Issue #15 point 9
 * adds a town's own items (its "+N", catalog-town.rules.ts): changed by an administrator or town
 * officer covering that town, listed to those the town's stations serve.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  hasAnyRole,
  isPartyBound,
  referenceDataGrant,
  type Actor,
  type Grant,
} from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { isRegionCode } from '../../shared/region-code.ts';
import { STAFF_ROLES, type Role } from '../../shared/roles.ts';
import { stationRegionCodes } from '../regions/station-regions.ts';
import {
  isTownCode,
  SHARED_CATALOG_WRITERS,
  stationFilesItem,
  stationServesTown,
  TOWN_CATALOG_WRITERS,
  townPrefixOf,
  visibleTownPrefixes,
} from './catalog-town.rules.ts';
import type { TownFilter } from './catalog.repo.ts';

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

/**
 * Issue #15 point 9: the grant a change to an item is made under. The shared list as before (an
 * administrator covering every station); a town's own items by an administrator or town officer
 * whose scope covers the town (CATALOG_TOWN_OUT_OF_SCOPE otherwise).
 */
export async function catalogItemWriterGrant(
  db: Conn,
  actor: Actor,
  town: string | null,
): Promise<Grant> {
  if (town === null) return catalogWriterGrant(db, actor, SHARED_CATALOG_WRITERS);
  if (!hasAnyRole(actor, TOWN_CATALOG_WRITERS)) throw new AppError('FORBIDDEN');
  const grant = actor.grants.find(
    (g) =>
      (TOWN_CATALOG_WRITERS as readonly Role[]).includes(g.role) &&
      !isPartyBound(g) &&
      town.startsWith(g.reachPrefix),
  );
  if (!grant) throw new AppError('CATALOG_TOWN_OUT_OF_SCOPE');
  return grant;
}

/** A town's code that names a town of the region tree (CATALOG_TOWN_UNKNOWN otherwise). */
export async function assertTownExists(db: Conn, town: string): Promise<void> {
  const row = await db
    .selectFrom('regions')
    .select('level')
    .where('code', '=', town)
    .executeTakeFirst();
  if (!row || row.level !== 'town' || !isTownCode(town)) throw new AppError('CATALOG_TOWN_UNKNOWN');
}

/**
 * Which town items a list shows besides the shared ones (issue #15 point 9): the named town's; or,
 * unnamed, those of the towns the caller's grants reach — a station's town, a resident's home town,
 * every town of a district or city for its centres and administrators. A public caller without an
 * account sees the shared list alone unless they name a town.
 */
export function catalogTownsFor(caller: Actor | null, town: string | undefined): TownFilter {
  if (town) return { prefixes: [townPrefixOf(town)] };
  if (!caller) return { prefixes: [] };
  return { prefixes: visibleTownPrefixes(caller.grants.map((g) => g.regionCode)) };
}

/**
 * Issue #15 point 9, at filing: a town's own item is filed only at a station serving that town
 * (通办 inside the town's "47+N"); elsewhere CATALOG_ITEM_OTHER_TOWN names the town in words.
 */
export async function assertStationFilesItem(
  db: Conn,
  stationRegionCode: string,
  item: { town: string | null },
): Promise<void> {
  if (stationFilesItem(stationRegionCode, item.town)) return;
  const town = item.town!;
  const region = await db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', town)
    .executeTakeFirst();
  const name = region?.name ?? town;
  throw new AppError('CATALOG_ITEM_OTHER_TOWN', {
    detailText: {
      zh: `该事项是${name}的自有事项，请到${name}的服务站办理`,
      en: `This is ${name}’s own item; file it at a station serving ${name} (region ${town})`,
    },
    extensions: { itemTown: { regionCode: town, regionName: name } },
  });
}
