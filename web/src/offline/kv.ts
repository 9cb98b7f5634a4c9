/**
 * A small key-value store for what the window keeps for a network cut (recently looked-up
 * residents, the catalog): IndexedDB (idb-keyval) when the browser has it, else memory.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

export interface Kv {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`. */
  entries<T>(prefix: string): Promise<[string, T][]>;
}

export function idbKv(store: UseStore): Kv {
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    async entries<T>(prefix: string) {
      const all = await entries<IDBValidKey, T>(store);
      return all
        .filter((e): e is [string, T] => typeof e[0] === 'string' && e[0].startsWith(prefix))
        .map(([k, v]) => [k, v] as [string, T]);
    },
  };
}

export function memoryKv(): Kv & { raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>();
  return {
    raw,
    get: <T>(key: string) => Promise.resolve(structuredClone(raw.get(key)) as T | undefined),
    set: (key, value) => {
      raw.set(key, structuredClone(value));
      return Promise.resolve();
    },
    del: (key) => {
      raw.delete(key);
      return Promise.resolve();
    },
    entries: <T>(prefix: string) =>
      Promise.resolve(
        [...raw.entries()]
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => [k, structuredClone(v) as T] as [string, T]),
      ),
  };
}

const stores = new Map<string, Kv>();

/** One store per database name for the tab. */
export function kvFor(database: string): Kv {
  let kv = stores.get(database);
  if (!kv) {
    kv = typeof indexedDB === 'undefined' ? memoryKv() : idbKv(createStore(database, 'entries'));
    stores.set(database, kv);
  }
  return kv;
}
