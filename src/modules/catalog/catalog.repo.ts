/** SQL of the catalog (GS-1) and row mapping, no rules: those live in catalog.service.ts. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CatalogItem, CatalogTier, Channel } from './catalog.schema.ts';
import { catalogSearchText } from './catalog-search.ts';
import { parseDefinition } from './catalog.stored.ts';
import { underPrefix } from '../../shared/region-range.ts';
import { likeText } from '../../shared/like-pattern.ts';

type Conn = Kysely<Database> | Transaction<Database>;

export interface StoredVersion {
  code: string;
  version: number;
  currentVersion: number;
  active: boolean;
  /** Issue #15 point 9: null for a shared item, else the town whose own item it is. */
  town: string | null;
  item: CatalogItem;
  createdAt: string;
}

/** The columns of catalog_items that follow the current definition. */
function itemColumns(item: CatalogItem) {
  return {
    tier: item.tier,
    category: item.category,
    name_zh: item.name.zh,
    name_en: item.name.en,
    search_text: catalogSearchText(item),
    is_demo: item.isDemo ? 1 : 0,
  };
}

/** Inserts the item row at version 1; false when the code exists (also under a race). */
export async function insertItemRow(
  trx: Transaction<Database>,
  item: CatalogItem,
  nowIso: string,
  town: string | null = null,
) {
  const result = await trx
    .insertInto('catalog_items')
    .values({
      code: item.code,
      current_version: 1,
      ...itemColumns(item),
      town_code: town,
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Moves the item from `from` to `from + 1`; false when someone else moved it meanwhile. */
export async function bumpItemRow(
  trx: Transaction<Database>,
  item: CatalogItem,
  from: number,
  nowIso: string,
) {
  const result = await trx
    .updateTable('catalog_items')
    .set({ current_version: from + 1, ...itemColumns(item), updated_at: nowIso })
    .where('code', '=', item.code)
    .where('current_version', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(
  trx: Transaction<Database>,
  row: { item: CatalogItem; version: number; createdBy: string | null; nowIso: string },
) {
  await trx
    .insertInto('catalog_item_versions')
    .values({
      code: row.item.code,
      version: row.version,
      definition: JSON.stringify(row.item),
      created_by: row.createdBy,
      created_at: row.nowIso,
    })
    .execute();
}

export async function setActiveRow(
  trx: Transaction<Database>,
  code: string,
  active: boolean,
  nowIso: string,
) {
  const result = await trx
    .updateTable('catalog_items')
    .set({ active: active ? 1 : 0, updated_at: nowIso })
    .where('code', '=', code)
    .where('active', '=', active ? 0 : 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A given version, or the current one when `version` is undefined. */
export async function findVersion(
  db: Conn,
  code: string,
  version?: number,
): Promise<StoredVersion | null | 'no_item'> {
  const head = await db
    .selectFrom('catalog_items')
    .select(['current_version', 'active', 'town_code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!head) return 'no_item';
  const row = await db
    .selectFrom('catalog_item_versions')
    .select(['version', 'definition', 'created_at'])
    .where('code', '=', code)
    .where('version', '=', version ?? Number(head.current_version))
    .executeTakeFirst();
  if (!row) return null;
  return {
    code,
    version: Number(row.version),
    currentVersion: Number(head.current_version),
    active: head.active === 1,
    town: head.town_code,
    item: parseDefinition(row.definition),
    createdAt: row.created_at,
  };
}

/**
 * Which items a list reads: every one, or the shared ones plus those of the towns whose codes start
 * with one of the prefixes (issue #15 point 9; no prefix: the shared list alone).
 */
export type TownFilter = { all: true } | { all?: false; prefixes: readonly string[] };

/** Current definitions of the given codes (all items when omitted), by code. */
export async function currentVersions(db: Conn, codes?: string[], towns?: TownFilter) {
  if (codes && codes.length === 0) return new Map<string, StoredVersion>();
  let q = db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_item_versions as v', (j) =>
      j.onRef('v.code', '=', 'i.code').onRef('v.version', '=', 'i.current_version'),
    )
    .select([
      'i.code',
      'i.current_version',
      'i.active',
      'i.town_code',
      'v.definition',
      'v.created_at',
    ]);
  if (codes) q = q.where('i.code', 'in', codes);
  if (towns && !towns.all) {
    const prefixes = towns.prefixes;
    q = q.where((eb) =>
      eb.or([eb('i.town_code', 'is', null), ...prefixes.map((p) => underPrefix('i.town_code', p))]),
    );
  }
  const rows = await q.orderBy('i.code').execute();
  return new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        version: Number(r.current_version),
        currentVersion: Number(r.current_version),
        active: r.active === 1,
        town: r.town_code,
        item: parseDefinition(r.definition),
        createdAt: r.created_at,
      },
    ]),
  );
}

export interface ListFilter {
  needles: string[];
  category?: string | undefined;
  tier?: CatalogTier | undefined;
  /** Items offering this channel (GS-10). Channels live in the definition: filtered after parsing. */
  channel?: Channel | undefined;
  includeInactive: boolean;
  towns: TownFilter;
  limit: number;
  offset: number;
}

export async function listCurrent(db: Conn, filter: ListFilter) {
  let q = db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_item_versions as v', (j) =>
      j.onRef('v.code', '=', 'i.code').onRef('v.version', '=', 'i.current_version'),
    );
  if (filter.needles.length > 0)
    q = q.where((eb) => eb.or(filter.needles.map((n) => likeText(eb, 'i.search_text', n))));
  if (filter.category) q = q.where('i.category', '=', filter.category);
  if (filter.tier) q = q.where('i.tier', '=', filter.tier);
  if (!filter.includeInactive) q = q.where('i.active', '=', 1);
  if (!filter.towns.all) {
    const prefixes = filter.towns.prefixes;
    q = q.where((eb) =>
      eb.or([eb('i.town_code', 'is', null), ...prefixes.map((p) => underPrefix('i.town_code', p))]),
    );
  }
  const ordered = q
    .select(['i.code', 'i.current_version', 'i.active', 'i.town_code', 'v.definition'])
    .orderBy('i.tier')
    .orderBy('i.code');
  const toRow = (r: {
    current_version: number;
    active: number;
    town_code: string | null;
    definition: string;
  }) => ({
    version: Number(r.current_version),
    active: r.active === 1,
    town: r.town_code,
    item: parseDefinition(r.definition),
  });
  const channel = filter.channel;
  if (channel) {
    // The catalog is "47+N" items: reading every match and filtering the parsed ones is cheap.
    const all = (await ordered.execute())
      .map(toRow)
      .filter((r) => r.item.channels.includes(channel));
    return { total: all.length, rows: all.slice(filter.offset, filter.offset + filter.limit) };
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await ordered.limit(filter.limit).offset(filter.offset).execute();
  return { total: Number(total.n), rows: rows.map(toRow) };
}

export async function countItems(db: Conn) {
  const row = await db
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active items of the shared list and of one town (the "47+N" a town's page shows). */
export async function countTownList(db: Conn, town: string) {
  const rows = await db
    .selectFrom('catalog_items')
    .select(['town_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('town_code', 'is', null), eb('town_code', '=', town)]))
    .groupBy('town_code')
    .execute();
  const of = (t: string | null) => Number(rows.find((r) => r.town_code === t)?.n ?? 0);
  return { shared: of(null), own: of(town) };
}
