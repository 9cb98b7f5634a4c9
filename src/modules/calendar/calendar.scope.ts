/**
 * The working-day calendar is one for every station (GS-8: every due date and hand-off deadline
 * counts on it), so it is shared reference data (issue #10 point 9, X-2): only an administrator
 * whose scope covers every station may enter or remove an override.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { referenceDataGrant, type Actor, type Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { stationRegionCodes } from '../regions/station-regions.ts';

export async function calendarEditorGrant(
  db: Kysely<Database>,
  actor: Actor,
  roles: readonly Role[],
): Promise<Grant> {
  return referenceDataGrant(actor, roles, await stationRegionCodes(db));
}
