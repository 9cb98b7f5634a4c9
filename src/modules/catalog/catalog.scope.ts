/**
 * The catalog is one list for every station (GS-1, GS-2: same standard everywhere), so it is shared
 * reference data (issue #10 point 9, X-2): only an administrator whose scope covers every station
 * that files under it may change it. Before any station exists nobody uses it yet.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { referenceDataGrant, type Actor, type Grant } from '../auth/actor.ts';
import type { Role } from '../auth/roles.ts';
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
