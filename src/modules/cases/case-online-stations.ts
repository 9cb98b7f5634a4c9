/**
 * Issue #14 point 3: where a resident may file an item online — every station inside the item's
 * 通办 scope around their home (the same prefix decideScope checks), their own village's first.
 * Stations are public service information; nothing personal is in the answer.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { scopePrefixFor } from './case.scope.ts';
import { ownResident } from './case-online-intake.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** Enough for a district's stations; a wider scope still lists its first ones. */
const MAX_STATIONS = 300;

export async function listOnlineStations(
  db: Kysely<Database>,
  input: { itemCode: string; actor: Actor },
) {
  const resident = await ownResident(db, input.actor);
  const item = await getItem(db, input.itemCode);
  if (!item.active) throw new AppError('CATALOG_ITEM_NOT_FOUND');
  const offered = item.channels.includes('online');
  const prefix = scopePrefixFor(item.scope, resident.home_region_code);
  const rows = offered
    ? await db
        .selectFrom('stations as s')
        .innerJoin('regions as r', 'r.code', 's.region_code')
        .select(['s.id', 's.name', 's.kind', 's.region_code', 'r.name as region_name', 's.address'])
        .where(underPrefix('s.region_code', prefix))
        .orderBy('s.region_code')
        .orderBy('s.code')
        .limit(MAX_STATIONS)
        .execute()
    : [];
  const village = resident.home_region_code.slice(0, LEVEL_PREFIX_LENGTH.village);
  const rank = (s: (typeof rows)[number]) =>
    s.region_code.startsWith(village) ? 0 : s.kind === 'village_station' ? 2 : 1;
  return {
    itemCode: item.code,
    offered,
    stations: rows
      .map((s, i) => ({ s, i }))
      .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
      .map(({ s }) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        regionName: s.region_name,
        address: s.address,
        /** The resident's own village's station. */
        home: s.region_code.startsWith(village),
      })),
  };
}
