/**
 * The outbox's rows in IndexedDB (idb-keyval): they outlive a reload and a closed tab, and work on
 * plain http:// from a LAN address, where no service worker runs. Each row carries the account it
 * was filed under; a clerk sees and sends only their own (the server's keys are per account).
 */
import { createStore, del, values, set, type UseStore } from 'idb-keyval';
import { memoryOutboxStore, type OutboxItem, type OutboxStore } from './outbox';

type Row = OutboxItem & { owner: string };

let shared: UseStore | null = null;
const database = () => (shared ??= createStore('doorstep-outbox', 'items'));

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

export function idbOutboxStore(owner: string, store: UseStore = database()): OutboxStore {
  return {
    async all() {
      const rows = await values<Row>(store);
      return rows.filter((r) => r.owner === owner);
    },
    put: (item) => set(`${owner}:${item.idempotencyKey}`, { ...item, owner } satisfies Row, store),
    remove: (key) => del(`${owner}:${key}`, store),
  };
}

/** IndexedDB when the browser has it, else memory (the panel then says nothing survives a reload). */
export function outboxStoreFor(owner: string): { store: OutboxStore; persistent: boolean } {
  if (indexedDbAvailable()) return { store: idbOutboxStore(owner), persistent: true };
  return { store: memoryOutboxStore(), persistent: false };
}
