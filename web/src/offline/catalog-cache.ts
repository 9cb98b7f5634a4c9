/**
 * The catalog for a network cut: every item list and item the workbench fetches is kept in
 * IndexedDB (the catalog is public reference data, no personal data), and once in a while the
 * whole current catalog is fetched in the background. Offline, the item picker searches the kept
 * list (code, Chinese and English names, aliases; pinyin initials need the server) and the
 * material checklist comes from the kept item. The server files under its current version.
 */
import type { CatalogItem, CatalogItemSummary } from '../api/case-types';
import { apiClient, isApiError, must } from '../api/client';
import { fetchCatalogItem, searchCatalog } from '../api/cases';
import { kvFor, type Kv } from './kv';

/** How long a full refresh counts as fresh. */
export const REFRESH_MS = 12 * 3600_000;
/** The server's largest page of the item list. */
const PAGE = 200;
const SHOWN = 30;

export interface CatalogSource {
  search(q: string, signal?: AbortSignal): Promise<{ total: number; items: CatalogItemSummary[] }>;
  item(code: string, signal?: AbortSignal): Promise<CatalogItem>;
  all(signal?: AbortSignal): Promise<CatalogItemSummary[]>;
}

export interface CatalogSearch {
  total: number;
  items: CatalogItemSummary[];
  /** True when the answer came from the kept catalog (the network is cut). */
  offline: boolean;
}

const isNetwork = (error: unknown) => isApiError(error) && error.code === 'NETWORK_ERROR';

/** The offline search: every word must occur in the code, a name or an alias. */
export function matchKept(items: CatalogItemSummary[], q: string): CatalogItemSummary[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return items
    .filter((i) => {
      const text = [i.code, i.name.zh, i.name.en, ...i.aliases].join('\n').toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

export interface CatalogCache {
  search(q: string, signal?: AbortSignal): Promise<CatalogSearch>;
  item(code: string, signal?: AbortSignal): Promise<CatalogItem>;
  /** Fetches the whole catalog (list, then each item) unless a full refresh is fresh. */
  refresh(): Promise<'fresh' | 'refreshed' | 'interrupted'>;
  /** How many items are kept with their materials. */
  keptItems(): Promise<number>;
}

export function createCatalogCache(options: {
  kv: Kv;
  owner: string;
  source: CatalogSource;
  now?: () => Date;
}): CatalogCache {
  const { kv, owner, source } = options;
  const now = options.now ?? (() => new Date());
  const summaryKey = (code: string) => `${owner}|s|${code}`;
  const itemKey = (code: string) => `${owner}|i|${code}`;
  const refreshedKey = `${owner}|refreshedAt`;
  const keep = (items: CatalogItemSummary[]) =>
    Promise.all(items.map((i) => kv.set(summaryKey(i.code), i)));
  let refreshing: Promise<'fresh' | 'refreshed' | 'interrupted'> | null = null;

  const refresh = async (): Promise<'fresh' | 'refreshed' | 'interrupted'> => {
    const last = await kv.get<string>(refreshedKey);
    if (last && now().getTime() - Date.parse(last) < REFRESH_MS) return 'fresh';
    try {
      const all = await source.all();
      // Items no longer in the active catalog are not offered offline either.
      const current = new Set(all.map((i) => i.code));
      for (const [key, kept] of await kv.entries<CatalogItemSummary>(`${owner}|s|`)) {
        if (current.has(kept.code)) continue;
        await kv.del(key);
        await kv.del(itemKey(kept.code));
      }
      await keep(all);
      for (const summary of all) {
        const kept = await kv.get<CatalogItem>(itemKey(summary.code));
        if (kept?.version === summary.version) continue;
        await kv.set(itemKey(summary.code), await source.item(summary.code));
      }
      await kv.set(refreshedKey, now().toISOString());
      return 'refreshed';
    } catch (error) {
      if (isNetwork(error) || isApiError(error)) return 'interrupted';
      throw error;
    }
  };

  return {
    async search(q, signal) {
      try {
        const answer = await source.search(q, signal);
        await keep(answer.items);
        return { ...answer, offline: false };
      } catch (error) {
        if (!isNetwork(error)) throw error;
        const kept = (await kv.entries<CatalogItemSummary>(`${owner}|s|`)).map(([, v]) => v);
        if (kept.length === 0) throw error;
        const found = matchKept(
          kept.filter((i) => i.active),
          q,
        );
        return { total: found.length, items: found.slice(0, SHOWN), offline: true };
      }
    },
    async item(code, signal) {
      try {
        const item = await source.item(code, signal);
        await kv.set(itemKey(code), item);
        return item;
      } catch (error) {
        if (!isNetwork(error)) throw error;
        const kept = await kv.get<CatalogItem>(itemKey(code));
        if (!kept) throw error;
        return kept;
      }
    },
    refresh() {
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    keptItems: async () => (await kv.entries(`${owner}|i|`)).length,
  };
}

const serverCatalog: CatalogSource = {
  search: (q, signal) => searchCatalog(q, signal),
  item: (code, signal) => fetchCatalogItem(code, undefined, signal),
  async all() {
    const out: CatalogItemSummary[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await must(
        apiClient.GET('/api/v1/catalog/items', { params: { query: { limit: PAGE, offset } } }),
      );
      out.push(...page.items);
      if (page.items.length < PAGE || out.length >= page.total) return out;
    }
  },
};

const perOwner = new Map<string, CatalogCache>();

/** The signed-in clerk's kept catalog for this tab. */
export function catalogCacheFor(owner: string): CatalogCache {
  let cache = perOwner.get(owner);
  if (!cache) {
    cache = createCatalogCache({ kv: kvFor('doorstep-catalog'), owner, source: serverCatalog });
    perOwner.set(owner, cache);
  }
  return cache;
}
