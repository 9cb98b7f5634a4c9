/**
 * GS-10 the stations whose appointments and queue the caller works: a clerk's own station; for a
 * region grant (a town officer, the town's central phone team, an administrator) every station
 * inside the grant's region — the station picker of /appointments.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { STATION_STAFF } from './appointments.access.ts';
import { underPrefix } from '../../shared/region-range.ts';

export interface StaffedStation {
  id: string;
  name: string;
  /** The station takes appointments (has a slot template). */
  hasTemplate: boolean;
  /** Fixed by the caller's grant (a clerk's own station) rather than picked within a region. */
  own: boolean;
}

export async function staffedStations(
  db: Kysely<Database>,
  input: { actor: Actor },
): Promise<StaffedStation[]> {
  const grants = input.actor.grants.filter((g) =>
    (STATION_STAFF as readonly string[]).includes(g.role),
  );
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  const own = grants.filter((g) => g.role === 'clerk' && g.stationId !== null);
  const regions = grants.filter((g) => g.role !== 'clerk');
  const rows = await db
    .selectFrom('stations')
    .leftJoin('appt_templates', 'appt_templates.station_id', 'stations.id')
    .select(['stations.id', 'stations.name', 'stations.code', 'appt_templates.station_id as tpl'])
    .where((eb) =>
      eb.or([
        ...own.map((g) => eb('stations.id', '=', g.stationId!)),
        ...regions.map((g) => underPrefix('stations.region_code', g.reachPrefix)),
      ]),
    )
    .orderBy('stations.code')
    .limit(500)
    .execute();
  const ownIds = new Set(own.map((g) => g.stationId));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    hasTemplate: r.tpl !== null,
    own: ownIds.has(r.id),
  }));
}
