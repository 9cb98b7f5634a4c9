/**
 * Who and where for GS-12: the town a town officer acts for, the town's staff (who may attend,
 * hold a competence, or be suggested), and item names. Staff are accounts with a clerk, agent or
 * town officer grant inside the town.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, reachPrefixes, type Actor, type Grant } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** Who records sessions, certifies, revokes and sets the town's required items. */
export const TRAINING_WRITERS = ['town_officer'] as const;
/** Who reads sessions, competences, requirements and figures in their reach. */
export const TRAINING_READERS = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
] as const;
/** The staff whose competence counts: they file cases at a station. */
export const TOWN_STAFF_ROLES = ['clerk', 'agent', 'town_officer'] as const;

export const townPrefix = (townCode: string) => townCode.slice(0, 9);

/** The town officer's grant for the named town, or for their only town. */
export function writerGrantForTown(actor: Actor, townCode: string | undefined): Grant {
  if (townCode) return authorize(actor, TRAINING_WRITERS, townCode);
  const grants = actor.grants.filter((g) => g.role === 'town_officer');
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  const towns = new Set(grants.map((g) => townCodeOf(g.regionCode)));
  if (towns.size > 1) throw new AppError('TRAINING_TOWN_REQUIRED');
  return grants[0]!;
}

/** The towns a reader's query covers: the named one (in reach) or every prefix they reach. */
export function readerPrefixes(actor: Actor, townCode: string | undefined): string[] {
  if (townCode) {
    authorize(actor, TRAINING_READERS, townCode);
    return [townPrefix(townCode)];
  }
  const prefixes = reachPrefixes(actor, TRAINING_READERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  return prefixes;
}

/** The single town a reader means (figures are per town). */
export function readerTown(actor: Actor, townCode: string | undefined): string {
  if (townCode) {
    authorize(actor, TRAINING_READERS, townCode);
    return townCode;
  }
  const grants = actor.grants.filter((g) =>
    (TRAINING_READERS as readonly string[]).includes(g.role),
  );
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  const towns = new Set(
    grants.filter((g) => g.reachPrefix.length >= 9).map((g) => townCodeOf(g.regionCode)),
  );
  if (towns.size !== 1) throw new AppError('TRAINING_TOWN_REQUIRED');
  return [...towns][0]!;
}

export interface TownStaff {
  id: string;
  displayName: string;
  role: string;
  stationId: string | null;
  stationName: string | null;
}

/** Active staff accounts with a grant inside the town (one row per grant). */
export async function townStaff(
  db: Kysely<Database>,
  townCode: string,
  accountIds?: readonly string[],
): Promise<TownStaff[]> {
  if (accountIds && accountIds.length === 0) return [];
  let q = db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['a.id', 'a.display_name', 'g.role', 'g.station_id', 's.name as station_name'])
    .where('g.role', 'in', TOWN_STAFF_ROLES)
    .where('a.status', '=', 'active')
    .where(underPrefix('g.region_code', townPrefix(townCode)));
  if (accountIds) q = q.where('a.id', 'in', accountIds);
  const rows = await q.orderBy('g.region_code').orderBy('a.display_name').execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    role: r.role,
    stationId: r.station_id,
    stationName: r.station_name,
  }));
}

/** Every named account is staff of the town, else the given problem. */
export async function assertTownStaff(
  db: Kysely<Database>,
  townCode: string,
  accountIds: readonly string[],
  problem: 'TRAINING_ATTENDEE_INVALID' | 'COMPETENCE_HOLDER_INVALID',
): Promise<void> {
  const unique = [...new Set(accountIds)];
  const found = new Set((await townStaff(db, townCode, unique)).map((s) => s.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError(problem, { extensions: { accountIds: missing } });
}

export interface ItemName {
  code: string;
  name: { zh: string; en: string };
}

export async function itemNames(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<Map<string, ItemName>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('catalog_items')
    .select(['code', 'name_zh', 'name_en'])
    .where('code', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => [r.code, { code: r.code, name: { zh: r.name_zh, en: r.name_en } }]),
  );
}

/** Every code names an active catalog item, else CATALOG_ITEM_NOT_FOUND naming the missing ones. */
export async function assertItems(db: Kysely<Database>, codes: readonly string[]) {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map<string, ItemName>();
  const rows = await db
    .selectFrom('catalog_items')
    .select(['code', 'name_zh', 'name_en'])
    .where('code', 'in', unique)
    .where('active', '=', 1)
    .execute();
  const missing = unique.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0)
    throw new AppError('CATALOG_ITEM_NOT_FOUND', { detail: missing.join(', ') });
  return new Map(
    rows.map((r) => [r.code, { code: r.code, name: { zh: r.name_zh, en: r.name_en } }]),
  );
}

export const itemRef = (names: Map<string, ItemName>, code: string): ItemName =>
  names.get(code) ?? { code, name: { zh: code, en: code } };
