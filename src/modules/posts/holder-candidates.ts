/** GS-11: staff who may hold a post at a station (a grant of a holder role there); names only. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { HOLDER_ROLES, POST_MANAGERS } from './posts.access.ts';

export async function listHolderCandidates(
  db: Kysely<Database>,
  input: { stationId: string; actor: Actor },
) {
  const station = await db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('id', '=', input.stationId)
    .executeTakeFirst();
  if (!station) throw new AppError('STATION_NOT_FOUND_FOR_POST');
  authorize(input.actor, POST_MANAGERS, station.region_code);
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .select(['a.id', 'a.display_name', 'g.role'])
    .where('g.station_id', '=', station.id)
    .where('g.role', 'in', HOLDER_ROLES)
    .where('a.status', '=', 'active')
    .orderBy('a.display_name')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}
