/**
 * GS-1 the catalog ("47+N"): read by anyone, written by administrators. Every change writes a NEW
 * version; old versions are never changed, so a case keeps the definition it was filed under.
 * GS-2: one definition for every station — no per-station variants exist, by design.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { auditActor, type Actor, type Grant } from '../../shared/actor.ts';
import { catalogWriterGrant } from './catalog.scope.ts';
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

export const CATALOG_WRITERS = ['admin'] as const;

function view(v: repo.StoredVersion): CatalogItemView {
  return { ...v.item, version: v.version, active: v.active, versionCreatedAt: v.createdAt };
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
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: CatalogItemSummary[] }> {
  const { total, rows } = await repo.listCurrent(db, {
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
    items: rows.map(({ item, version, active }) => ({
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

/** Shared by every station: only an administrator covering them all (issue #10 point 9). */
async function writer(
  db: Kysely<Database>,
  actor: Actor,
): Promise<{ grant: Grant; audit: AuditActor }> {
  const grant = await catalogWriterGrant(db, actor, CATALOG_WRITERS);
  return { grant, audit: auditActor(actor, grant) };
}

export async function createItem(
  db: Kysely<Database>,
  input: { item: CatalogItem; actor: Actor; requestId: string | null; now: Date },
): Promise<CatalogItemView> {
  const { grant, audit } = await writer(db, input.actor);
  const { item, now } = input;
  await db.transaction().execute(async (trx) => {
    const nowIso = now.toISOString();
    if (!(await repo.insertItemRow(trx, item, nowIso))) throw new AppError('CATALOG_ITEM_EXISTS');
    await repo.insertVersion(trx, { item, version: 1, createdBy: audit.accountId, nowIso });
    await recordAudit(trx, {
      actor: audit,
      action: 'catalog.item_created',
      entityType: 'catalog_item',
      entityId: item.code,
      regionCode: grant.regionCode,
      after: { version: 1, definition: item },
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
  const { grant, audit } = await writer(db, input.actor);
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
      regionCode: grant.regionCode,
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
  const { grant, audit } = await writer(db, input.actor);
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
      regionCode: grant.regionCode,
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
    actor: AuditActor;
    regionCode: string | null;
    requestId: string | null;
    now: Date;
  },
): Promise<ImportResult> {
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
    for (const item of input.items) {
      const before = current.get(item.code);
      if (!before) {
        if (!(await repo.insertItemRow(trx, item, nowIso)))
          throw new AppError('CATALOG_ITEM_CHANGED');
        await repo.insertVersion(trx, { item, version: 1, createdBy: by, nowIso });
        result.created.push(item.code);
      } else if (sameDefinition(before.item, item)) {
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
      after: { format: input.format, ...result },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return result;
}

/** Loads the demo catalog (47 base items + extras) into an empty catalog; otherwise does nothing. */
export async function seedDemoCatalog(deps: {
  db: Kysely<Database>;
  now: Date;
}): Promise<ImportResult | null> {
  if ((await repo.countItems(deps.db)) > 0) return null;
  return writeImportedItems(deps.db, {
    items: DEMO_CATALOG,
    format: 'demo',
    actor: { accountId: null, role: 'system', stationId: null },
    regionCode: null,
    requestId: null,
    now: deps.now,
  });
}
