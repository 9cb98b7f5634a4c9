/**
 * GS-1 the catalog ("47+N"): read by anyone, written by administrators. Every change writes a NEW
 * version; old versions are never changed, so a case keeps the definition it was filed under.
 * GS-2: one definition for every station — no per-station variants exist, by design. Issue #15
 * point 9: besides the shared list, a town has its own items (town_code on the item row, never in
 * the definition), written by those covering the town and filed only at stations serving it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { auditActor, type Actor, type Grant } from '../../shared/actor.ts';
import { assertTownExists, catalogItemWriterGrant } from './catalog.scope.ts';
import {
  decideImportRow,
  importRefusalMessage,
  SHARED_CATALOG_WRITERS,
  TOWN_CATALOG_WRITERS,
} from './catalog-town.rules.ts';
import type {
  CatalogCategory,
  CatalogItem,
  CatalogItemSummary,
  CatalogItemView,
  CatalogTier,
  Channel,
} from './catalog.schema.ts';
import * as repo from './catalog.repo.ts';
import { searchNeedles } from './catalog-search.ts';
import { DEMO_CATALOG } from './demo-catalog.ts';
import { DEMO_TOWN, DEMO_TOWN_ITEMS } from './demo-catalog-town.ts';

/** Who may change some part of the catalog: the shared list (admin) or a town's own items. */
export const CATALOG_WRITERS = [
  ...new Set([...SHARED_CATALOG_WRITERS, ...TOWN_CATALOG_WRITERS]),
] as readonly ('admin' | 'town_officer')[];

function view(v: repo.StoredVersion): CatalogItemView {
  return {
    ...v.item,
    town: v.town,
    version: v.version,
    active: v.active,
    versionCreatedAt: v.createdAt,
  };
}

/** Same definition? Compared key-order independently (definitions are JSON). */
export function sameDefinition(a: CatalogItem, b: CatalogItem): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const obj = value as Record<string, unknown>;
    return `{${keys
      .filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function listItems(
  db: Kysely<Database>,
  filter: {
    q?: string | undefined;
    category?: CatalogCategory | undefined;
    tier?: CatalogTier | undefined;
    channel?: Channel | undefined;
    includeInactive?: boolean;
    /** Issue #15 point 9: which towns' own items besides the shared ones; omitted: every item. */
    towns?: repo.TownFilter;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: CatalogItemSummary[] }> {
  const { total, rows } = await repo.listCurrent(db, {
    towns: filter.towns ?? { all: true },
    needles: filter.q ? searchNeedles(filter.q) : [],
    category: filter.category,
    tier: filter.tier,
    channel: filter.channel,
    includeInactive: filter.includeInactive ?? false,
    limit: filter.limit,
    offset: filter.offset,
  });
  return {
    total,
    items: rows.map(({ item, version, active, town }) => ({
      code: item.code,
      name: item.name,
      aliases: item.aliases,
      category: item.category,
      tier: item.tier,
      legalLimitDays: item.legalLimitDays,
      promisedLimitDays: item.promisedLimitDays,
      inPersonVisits: item.inPersonVisits,
      channels: item.channels,
      decides: item.route.decides,
      town,
      version,
      active,
      isDemo: item.isDemo,
    })),
  };
}

/** The current version, or the given one (what a case filed under that version must use). */
export async function getItem(
  db: Kysely<Database>,
  code: string,
  version?: number,
): Promise<CatalogItemView> {
  const found = await repo.findVersion(db, code, version);
  if (found === 'no_item') throw new AppError('CATALOG_ITEM_NOT_FOUND');
  if (!found) throw new AppError('CATALOG_VERSION_NOT_FOUND');
  return view(found);
}

/**
 * A shared item is shared by every station: only an administrator covering them all (issue #10
 * point 9). A town's own item: an administrator or town officer covering the town (#15 point 9).
 */
async function writer(
  db: Kysely<Database>,
  actor: Actor,
  town: string | null,
): Promise<{ grant: Grant; audit: AuditActor }> {
  const grant = await catalogItemWriterGrant(db, actor, town);
  return { grant, audit: auditActor(actor, grant) };
}

/** The town an existing item belongs to (null: shared); CATALOG_ITEM_NOT_FOUND when none. */
async function townOfItem(db: Kysely<Database>, code: string): Promise<string | null> {
  const found = await repo.findVersion(db, code);
  if (found === 'no_item' || !found) throw new AppError('CATALOG_ITEM_NOT_FOUND');
  return found.town;
}

export async function createItem(
  db: Kysely<Database>,
  input: {
    item: CatalogItem;
    /** Issue #15 point 9: a town's own item; omitted, a shared one. */
    town?: string | undefined;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
): Promise<CatalogItemView> {
  const town = input.town ?? null;
  const { grant, audit } = await writer(db, input.actor, town);
  if (town) await assertTownExists(db, town);
  const { item, now } = input;
  await db.transaction().execute(async (trx) => {
    const nowIso = now.toISOString();
    if (!(await repo.insertItemRow(trx, item, nowIso, town)))
      throw new AppError('CATALOG_ITEM_EXISTS');
    await repo.insertVersion(trx, { item, version: 1, createdBy: audit.accountId, nowIso });
    await recordAudit(trx, {
      actor: audit,
      action: 'catalog.item_created',
      entityType: 'catalog_item',
      entityId: item.code,
      regionCode: town ?? grant.regionCode,
      after: { version: 1, town, definition: item },
      requestId: input.requestId,
      now,
    });
  });
  return getItem(db, item.code);
}

/**
 * A changed definition becomes version current + 1; an identical one changes nothing. Old
 * versions stay as they were. A concurrent change of the same item is refused (409), not merged.
 */
export async function updateItem(
  db: Kysely<Database>,
  input: { code: string; item: CatalogItem; actor: Actor; requestId: string | null; now: Date },
): Promise<{ item: CatalogItemView; changed: boolean }> {
  const town = await townOfItem(db, input.code);
  const { grant, audit } = await writer(db, input.actor, town);
  if (input.item.code !== input.code)
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.code', message: 'must equal the code in the URL' }],
    });
  const changed = await db.transaction().execute(async (trx) => {
    const current = (await repo.currentVersions(trx, [input.code])).get(input.code);
    if (!current) throw new AppError('CATALOG_ITEM_NOT_FOUND');
    if (sameDefinition(current.item, input.item)) return false;
    const version = await writeVersion(trx, current, input.item, audit.accountId, input.now);
    await recordAudit(trx, {
      actor: audit,
      action: 'catalog.item_versioned',
      entityType: 'catalog_item',
      entityId: input.code,
      regionCode: town ?? grant.regionCode,
      before: { version: current.version, definition: current.item },
      after: { version, definition: input.item },
      requestId: input.requestId,
      now: input.now,
    });
    return true;
  });
  return { item: await getItem(db, input.code), changed };
}

async function writeVersion(
  trx: Transaction<Database>,
  current: repo.StoredVersion,
  item: CatalogItem,
  createdBy: string | null,
  now: Date,
): Promise<number> {
  const nowIso = now.toISOString();
  if (!(await repo.bumpItemRow(trx, item, current.version, nowIso)))
    throw new AppError('CATALOG_ITEM_CHANGED');
  const version = current.version + 1;
  await repo.insertVersion(trx, { item, version, createdBy, nowIso });
  return version;
}

/** Takes an item off (or back on) the public list; its versions stay readable for old cases. */
export async function setActive(
  db: Kysely<Database>,
  input: { code: string; active: boolean; actor: Actor; requestId: string | null; now: Date },
): Promise<CatalogItemView> {
  const town = await townOfItem(db, input.code);
  const { grant, audit } = await writer(db, input.actor, town);
  await db.transaction().execute(async (trx) => {
    const changed = await repo.setActiveRow(trx, input.code, input.active, input.now.toISOString());
    if (!changed) {
      const exists = await repo.findVersion(trx, input.code);
      if (exists === 'no_item') throw new AppError('CATALOG_ITEM_NOT_FOUND');
      return; // already so
    }
    await recordAudit(trx, {
      actor: audit,
      action: input.active ? 'catalog.item_activated' : 'catalog.item_deactivated',
      entityType: 'catalog_item',
      entityId: input.code,
      regionCode: town ?? grant.regionCode,
      after: { active: input.active },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getItem(db, input.code);
}

export interface ImportResult {
  read: number;
  created: string[];
  versioned: { code: string; version: number }[];
  unchanged: number;
}

/**
 * Writes already-validated items in one transaction with one audit event: new codes are created,
 * changed ones versioned, identical ones skipped. Validation (all-or-nothing) is catalog-io.ts.
 */
export async function writeImportedItems(
  db: Kysely<Database>,
  input: {
    items: CatalogItem[];
    format: 'json' | 'xlsx' | 'demo';
    /** Issue #15 point 9: the town whose list this is (new codes become its own); null: shared. */
    town?: string | null;
    actor: AuditActor;
    regionCode: string | null;
    requestId: string | null;
    now: Date;
  },
): Promise<ImportResult> {
  const town = input.town ?? null;
  const result: ImportResult = {
    read: input.items.length,
    created: [],
    versioned: [],
    unchanged: 0,
  };
  const nowIso = input.now.toISOString();
  const by = input.actor.accountId;
  await db.transaction().execute(async (trx) => {
    const current = await repo.currentVersions(
      trx,
      input.items.map((i) => i.code),
    );
    const decisions = input.items.map((item) => {
      const before = current.get(item.code);
      return decideImportRow(town, before, !!before && sameDefinition(before.item, item));
    });
    const refused = decisions.flatMap((d, i) =>
      d.kind === 'refused'
        ? [{ path: `items[${i}].code`, message: importRefusalMessage(d, input.items[i]!.code) }]
        : [],
    );
    if (refused.length > 0) throw new AppError('CATALOG_IMPORT_REFUSED', { errors: refused });
    for (const [i, item] of input.items.entries()) {
      const decision = decisions[i]!;
      const before = current.get(item.code);
      if (decision.kind === 'create') {
        if (!(await repo.insertItemRow(trx, item, nowIso, town)))
          throw new AppError('CATALOG_ITEM_CHANGED');
        await repo.insertVersion(trx, { item, version: 1, createdBy: by, nowIso });
        result.created.push(item.code);
      } else if (decision.kind === 'unchanged' || !before) {
        result.unchanged++;
      } else {
        const version = await writeVersion(trx, before, item, by, input.now);
        result.versioned.push({ code: item.code, version });
      }
    }
    if (result.created.length + result.versioned.length === 0) return;
    await recordAudit(trx, {
      actor: input.actor,
      action: 'catalog.imported',
      entityType: 'catalog',
      entityId: 'catalog',
      regionCode: input.regionCode,
      after: { format: input.format, town, ...result },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return result;
}

/**
 * Loads the demo catalog (47 base items + extras) into an empty catalog, and 魏善庄镇's own items
 * when that town is in the region tree (issue #15 point 9); otherwise does nothing.
 */
export async function seedDemoCatalog(deps: {
  db: Kysely<Database>;
  now: Date;
}): Promise<ImportResult | null> {
  if ((await repo.countItems(deps.db)) > 0) return null;
  const system = { accountId: null, role: 'system', stationId: null } as const;
  const shared = await writeImportedItems(deps.db, {
    items: DEMO_CATALOG,
    format: 'demo',
    actor: system,
    regionCode: null,
    requestId: null,
    now: deps.now,
  });
  const town = await deps.db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', DEMO_TOWN)
    .where('level', '=', 'town')
    .executeTakeFirst();
  if (!town) return shared;
  const own = await writeImportedItems(deps.db, {
    items: DEMO_TOWN_ITEMS,
    format: 'demo',
    town: DEMO_TOWN,
    actor: system,
    regionCode: DEMO_TOWN,
    requestId: null,
    now: deps.now,
  });
  return {
    read: shared.read + own.read,
    created: [...shared.created, ...own.created],
    versioned: [...shared.versioned, ...own.versioned],
    unchanged: shared.unchanged + own.unchanged,
  };
}
