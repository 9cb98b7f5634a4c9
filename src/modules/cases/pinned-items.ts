/**
 * The names a case view reads from its pinned item version (GS-3: a case keeps the item version it
 * was filed under). Item versions are written once — catalog.repo inserts a new version and never
 * updates one — so a version read is the version forever: each is read and parsed once per database
 * handle and then served from memory, instead of joining its definition (≈1 KB of JSON) into every
 * listed row and parsing it twice per row (issue #16: a 50-row page spent most of its CPU there).
 * Keyed by the exact handle, so a version read inside a transaction that rolls back is never seen
 * outside it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parsePinnedItem } from './case.stored.ts';

export type PinnedItem = NonNullable<ReturnType<typeof parsePinnedItem>>;
export interface PinnedRef {
  item_code: string;
  item_version: number;
}
export type PinnedLookup = (ref: PinnedRef) => PinnedItem | null;

/** Far above any catalog (47+N items, a few versions each); cleared when full. */
const MAX_ENTRIES = 5000;
const caches = new WeakMap<object, Map<string, PinnedItem | null>>();
const keyOf = (ref: PinnedRef) => `${ref.item_code}@${ref.item_version}`;

export async function pinnedItems(
  db: Kysely<Database>,
  refs: readonly PinnedRef[],
): Promise<PinnedLookup> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, PinnedItem | null>()));
  const out = new Map<string, PinnedItem | null>();
  const missing = new Map<string, PinnedRef>();
  for (const ref of refs) {
    const key = keyOf(ref);
    const hit = cache.get(key);
    if (hit !== undefined) out.set(key, hit);
    else missing.set(key, ref);
  }
  if (missing.size > 0) {
    const wanted = [...missing.values()];
    const rows = await db
      .selectFrom('catalog_item_versions')
      .select(['code', 'version', 'definition'])
      .where((eb) =>
        eb.or(
          wanted.map((r) =>
            eb.and([eb('code', '=', r.item_code), eb('version', '=', r.item_version)]),
          ),
        ),
      )
      .execute();
    if (cache.size + rows.length > MAX_ENTRIES) cache.clear();
    // A version not found is not cached: a case never points at a version that does not exist, so
    // it can only be a lookup that asked too early.
    for (const r of rows) {
      const item = parsePinnedItem(r.definition);
      cache.set(`${r.code}@${r.version}`, item);
      out.set(`${r.code}@${r.version}`, item);
    }
  }
  return (ref) => out.get(keyOf(ref)) ?? null;
}
