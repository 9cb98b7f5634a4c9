import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, RegionLevel, Station } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  type Actor,
  isSystemActor,
  type Caller,
} from '../../shared/actor.ts';
import { fitsUnder, LEVEL_PREFIX_LENGTH, scopePrefix } from '../../shared/region-code.ts';
import { regionNeedle, regionSearchKey } from './region-search.ts';
import type { NewRegion, NewStation, StationPatch } from './regions.schema.ts';
import { parseOpeningHours } from './regions.schema.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';
import { likeText } from '../../shared/like-pattern.ts';

const KIND_LEVELS: Record<Station['kind'], RegionLevel[]> = {
  district_centre: ['district'],
  town_centre: ['town'],
  village_station: ['village', 'grid'],
};

export function regionsWithChildCount(db: Kysely<Database>) {
  return db
    .selectFrom('regions as r')
    .select((eb) => [
      'r.code',
      'r.name',
      'r.parent_code',
      'r.level',
      eb
        .selectFrom('regions as c')
        .whereRef('c.parent_code', '=', 'r.code')
        .select(eb.fn.countAll<number>().as('n'))
        .as('child_count'),
    ]);
}

export async function regionViews(
  db: Kysely<Database>,
  rows: {
    code: string;
    name: string;
    parent_code: string | null;
    level: RegionLevel;
    child_count: number | null;
  }[],
) {
  const within = await stationsWithin(db, rows);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    level: r.level,
    childCount: Number(r.child_count ?? 0),
    stationCount: within.get(scopePrefix(r.code, r.level)) ?? 0,
  }));
}

/** The children of a region (the top level for null), unordered. */
export function regionsUnder(db: Kysely<Database>, parentCode: string | null) {
  const q = regionsWithChildCount(db);
  return parentCode === null
    ? q.where('r.parent_code', 'is', null)
    : q.where('r.parent_code', '=', parentCode);
}

export async function listRegions(db: Kysely<Database>, parentCode: string | null) {
  const rows = await regionsUnder(db, parentCode).orderBy('r.code').execute();
  return regionViews(db, rows);
}

/**
 * Issue #15: regions whose name, full pinyin or pinyin initials contain `q` (regions/region-search.ts),
 * optionally only inside one region, in code order (parents before their children), paged.
 */
export async function searchRegions(
  db: Kysely<Database>,
  filter: RegionSearch & { limit: number; offset: number },
) {
  const q = await searchedRegions(db, filter);
  const rows = await q.orderBy('r.code').limit(filter.limit).offset(filter.offset).execute();
  return regionViews(db, rows);
}

export interface RegionSearch {
  q: string;
  within?: string | undefined;
}

/** The regions a search selects (unordered, unpaged; the offset and the keyset list read them). */
export async function searchedRegions(db: Kysely<Database>, filter: RegionSearch) {
  const needle = regionNeedle(filter.q);
  if (needle === null) throw new AppError('REGION_QUERY_INVALID');
  let q = regionsWithChildCount(db).where((eb) => likeText(eb, 'r.search_key', needle));
  if (filter.within) {
    const region = await db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', filter.within)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION', { detail: filter.within });
    q = q.where(underPrefix('r.code', scopePrefix(region.code, region.level)));
  }
  return q;
}

/** Stations inside each region, its descendants included: one grouped count per level present. */
async function stationsWithin(
  db: Kysely<Database>,
  regions: { code: string; level: RegionLevel }[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const level of new Set(regions.map((r) => r.level))) {
    const prefixes = regions
      .filter((r) => r.level === level)
      .map((r) => scopePrefix(r.code, level));
    const length = LEVEL_PREFIX_LENGTH[level];
    // A literal length, so the grouped expression is the selected one on PostgreSQL too.
    const prefix = sql<string>`substr(region_code, 1, ${sql.lit(length)})`;
    const rows = await db
      .selectFrom('stations')
      .select((eb) => [prefix.as('prefix'), eb.fn.countAll<number>().as('n')])
      .where(underAnyPrefix('region_code', prefixes))
      .groupBy(prefix)
      .execute();
    for (const r of rows) counts.set(r.prefix, Number(r.n));
  }
  return counts;
}

/** The region and its ancestors, root first (for breadcrumbs). */
export async function regionPath(db: Kysely<Database>, code: string) {
  const path = [];
  let current: string | null = code;
  while (current) {
    const row = await db
      .selectFrom('regions')
      .select(['code', 'name', 'level', 'parent_code'])
      .where('code', '=', current)
      .executeTakeFirst();
    if (!row) break;
    path.unshift({ code: row.code, name: row.name, level: row.level });
    current = row.parent_code;
  }
  if (path.length === 0) throw new AppError('NOT_FOUND');
  return path;
}

export async function createRegion(
  db: Kysely<Database>,
  input: { region: z.infer<typeof NewRegion>; actor: Actor; requestId: string; now: Date },
) {
  const { region } = input;
  const grant = authorize(input.actor, ['admin'], region.parentCode);
  return db.transaction().execute(async (trx) => {
    const parent = await trx
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', region.parentCode)
      .executeTakeFirst();
    if (!parent) throw new AppError('UNKNOWN_REGION', { detail: region.parentCode });
    if (!fitsUnder(region, parent)) {
      throw new AppError('REGION_INVALID', { detail: 'level or code does not fit the parent' });
    }
    const exists = await trx
      .selectFrom('regions')
      .select('code')
      .where('code', '=', region.code)
      .executeTakeFirst();
    if (exists) throw new AppError('REGION_EXISTS');
    const row = {
      code: region.code,
      name: region.name,
      parent_code: region.parentCode,
      level: region.level,
      created_at: input.now.toISOString(),
      search_key: regionSearchKey(region.name),
    };
    await trx.insertInto('regions').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'region.created',
      entityType: 'region',
      entityId: region.code,
      regionCode: region.code,
      after: row,
      requestId: input.requestId,
      now: input.now,
    });
    return { ...region, childCount: 0, stationCount: 0 };
  });
}

export function stationView(s: Station & { region_name: string }) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    regionCode: s.region_code,
    regionName: s.region_name,
    address: s.address,
    phone: s.phone,
    openingHours: parseOpeningHours(s.opening_hours),
    isDemo: s.is_demo === 1,
  };
}

function stationsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('stations as s')
    .innerJoin('regions as r', 'r.code', 's.region_code')
    .selectAll('s')
    .select('r.name as region_name');
}

export interface StationFilter {
  regionCode?: string | undefined;
  kind?: Station['kind'] | undefined;
  q?: string | undefined;
}

/** Stations inside a region (by code prefix), optionally of one kind or matching a name (unordered, unpaged). */
export async function filteredStations(db: Kysely<Database>, filter: StationFilter) {
  let q = stationsQuery(db);
  if (filter.regionCode) {
    const region = await db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', filter.regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION');
    q = q.where(
      underPrefix('s.region_code', region.code.slice(0, LEVEL_PREFIX_LENGTH[region.level])),
    );
  }
  if (filter.kind) q = q.where('s.kind', '=', filter.kind);
  const name = filter.q;
  if (name) q = q.where((eb) => likeText(eb, 's.name', name));
  return q;
}

/** By region, then kind, then id (the id makes the order stable; the keyset list orders the same). */
export async function listStations(
  db: Kysely<Database>,
  filter: StationFilter & { limit: number; offset: number },
) {
  const q = await filteredStations(db, filter);
  const rows = await q
    .orderBy('s.region_code')
    .orderBy('s.kind')
    .orderBy('s.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map(stationView);
}

export async function getStation(db: Kysely<Database>, id: string) {
  const row = await stationsQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return stationView(row);
}

export async function createStation(
  db: Kysely<Database>,
  input: {
    station: z.infer<typeof NewStation>;
    actor: Caller;
    isDemo?: boolean;
    requestId: string | null;
    now: Date;
  },
) {
  const { station } = input;
  const grant = isSystemActor(input.actor)
    ? undefined
    : authorize(input.actor, ['admin'], station.regionCode);
  return db.transaction().execute(async (trx) => {
    const region = await trx
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', station.regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION', { detail: station.regionCode });
    if (!KIND_LEVELS[station.kind].includes(region.level))
      throw new AppError('STATION_KIND_MISMATCH');
    const taken = await trx
      .selectFrom('stations')
      .select('id')
      .where('code', '=', station.code)
      .executeTakeFirst();
    if (taken) throw new AppError('STATION_CODE_TAKEN');
    const nowIso = input.now.toISOString();
    const row = {
      id: crypto.randomUUID(),
      code: station.code,
      name: station.name,
      kind: station.kind,
      region_code: station.regionCode,
      address: station.address,
      phone: station.phone,
      opening_hours: JSON.stringify(station.openingHours),
      is_demo: input.isDemo ? 1 : 0,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('stations').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'station.created',
      entityType: 'station',
      entityId: row.id,
      regionCode: row.region_code,
      after: row,
      requestId: input.requestId,
      now: input.now,
    });
    return row.id;
  });
}

export async function updateStation(
  db: Kysely<Database>,
  input: {
    id: string;
    patch: z.infer<typeof StationPatch>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('stations')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND');
    const grant = authorize(input.actor, ['admin'], before.region_code);
    const { openingHours, ...rest } = input.patch;
    const changes = {
      ...rest,
      ...(openingHours ? { opening_hours: JSON.stringify(openingHours) } : {}),
      updated_at: input.now.toISOString(),
    };
    await trx.updateTable('stations').set(changes).where('id', '=', input.id).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'station.updated',
      entityType: 'station',
      entityId: input.id,
      regionCode: before.region_code,
      before,
      after: { ...before, ...changes },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getStation(db, input.id);
}
