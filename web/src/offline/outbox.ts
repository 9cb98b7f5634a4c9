/**
 * The offline outbox at the window (issue #11 point 3): creating POSTs that met a network cut are
 * kept in the browser with their Idempotency-Key and sent again, in order and one at a time, when
 * the network returns. The same key goes every time, so a send whose answer was lost is replayed
 * by the server, never filed twice. A 4xx refusal parks the item with the server's words until the
 * clerk edits (new key: the body changed) or discards it. Storage sits behind `OutboxStore`
 * (IndexedDB in the browser, see outbox-idb.ts), so the rules are tested without a browser.
 */
import { ApiError, isApiError } from '../api/client';

/** What a queued submission is; decides which list refreshes and which fields can be edited. */
export type OutboxKind = 'case' | 'inquiry' | 'rating' | 'checkin';

export type OutboxState = 'waiting' | 'sending' | 'refused';

export interface OutboxRefusal {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
}

export interface OutboxItem {
  /** Also the Idempotency-Key: one submission, one key, for every send. */
  idempotencyKey: string;
  kind: OutboxKind;
  /** The API path under /api/v1, e.g. '/cases'. */
  path: string;
  body: unknown;
  /** A short line for the panel (the item name, the question), no ID numbers. */
  label: string;
  /**
   * What the submission is about when only one may wait for it (a need's rating, an activity's
   * check-in in one direction): see `enqueue`.
   */
  subject?: string | undefined;
  /** ISO-8601 UTC: when the clerk filed it. */
  queuedAt: string;
  /** Orders the queue: first filed, first sent. */
  seq: number;
  state: OutboxState;
  attempts: number;
  lastTriedAt?: string | undefined;
  refusal?: OutboxRefusal | undefined;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(idempotencyKey: string): Promise<void>;
}

export interface NewOutboxItem {
  kind: OutboxKind;
  path: string;
  body: unknown;
  idempotencyKey: string;
  label: string;
  subject?: string | undefined;
}

/** Sends one item with its key; rejects with an ApiError as api() does. */
export type OutboxSend = (item: OutboxItem) => Promise<unknown>;

export interface FlushResult {
  sent: OutboxItem[];
  refused: OutboxItem[];
  /** True when a send met the network (or a 5xx) and the rest wait for the next try. */
  stopped: boolean;
}

export interface Outbox {
  /**
   * Queues a submission. The same key twice keeps one item. With a `subject`, one item waits per
   * subject: a newer one replaces a waiting one that was never tried (the clerk changed their
   * mind: new body, new key); once one has been tried it may already be on the server, so it
   * stays and the newer one is not queued (the existing item is returned). `tried`: the
   * submission was sent once already and met the network (submitOrQueue).
   */
  enqueue(item: NewOutboxItem, options?: { tried?: boolean }): Promise<OutboxItem>;
  list(): Promise<OutboxItem[]>;
  /** Called with the whole queue after every change; returns the unsubscribe. */
  subscribe(listener: (items: OutboxItem[]) => void): () => void;
  /** Sends what waits, in order; concurrent calls share one run. */
  flush(): Promise<FlushResult>;
  /** A refused item with a corrected body goes back to waiting under a new key. */
  edit(idempotencyKey: string, body: unknown, label: string): Promise<void>;
  discard(idempotencyKey: string): Promise<void>;
  /** Called after a successful send (the page refreshes its list). */
  onSent(listener: (item: OutboxItem) => void): () => void;
}

/**
 * Worth trying again later: no answer, the server unavailable or busy, or the session expired
 * during the cut (the clerk logs in again and the queue goes on).
 */
export function isTransient(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return (
    error.code === 'NETWORK_ERROR' ||
    error.status >= 500 ||
    error.status === 429 ||
    error.status === 401
  );
}

/**
 * The server says this key already committed its write (the answer of an earlier send was lost
 * and could not be replayed): the submission is on the server, so it counts as sent.
 */
export function isAlreadyDone(error: unknown): boolean {
  return isApiError(error) && error.code === 'IDEMPOTENCY_KEY_COMMITTED';
}

function refusalOf(error: ApiError): OutboxRefusal {
  return { status: error.status, code: error.code, title: error.title, detail: error.detail };
}

const byOrder = (a: OutboxItem, b: OutboxItem) => a.seq - b.seq;

export function createOutbox(options: {
  store: OutboxStore;
  send: OutboxSend;
  now?: () => Date;
  newKey: () => string;
}): Outbox {
  const { store, send, newKey } = options;
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(items: OutboxItem[]) => void>();
  const sentListeners = new Set<(item: OutboxItem) => void>();
  let running: Promise<FlushResult> | null = null;

  const list = async () => (await store.all()).sort(byOrder);
  const notify = async () => {
    const items = await list();
    for (const l of listeners) l(items);
  };
  const nextSeq = async () => (await store.all()).reduce((m, i) => Math.max(m, i.seq), 0) + 1;

  const run = async (): Promise<FlushResult> => {
    const result: FlushResult = { sent: [], refused: [], stopped: false };
    const tried = new Set<string>();
    // Items filed during the run are sent in it too. An item left 'sending' by a closed tab is
    // waiting again: its key makes the resend safe.
    for (;;) {
      const item = (await list()).find(
        (i) => i.state !== 'refused' && !tried.has(i.idempotencyKey),
      );
      if (!item) break;
      tried.add(item.idempotencyKey);
      const sending: OutboxItem = {
        ...item,
        state: 'sending',
        attempts: item.attempts + 1,
        lastTriedAt: now().toISOString(),
      };
      await store.put(sending);
      await notify();
      try {
        await send(sending).catch((error: unknown) => {
          if (!isAlreadyDone(error)) throw error;
        });
        await store.remove(item.idempotencyKey);
        result.sent.push(sending);
        await notify();
        for (const l of sentListeners) l(sending);
      } catch (error) {
        if (isTransient(error)) {
          await store.put({ ...sending, state: 'waiting' });
          await notify();
          result.stopped = true;
          break;
        }
        const refused: OutboxItem = {
          ...sending,
          state: 'refused',
          refusal: refusalOf(error as ApiError),
        };
        await store.put(refused);
        result.refused.push(refused);
        await notify();
      }
    }
    return result;
  };

  return {
    async enqueue(input, options) {
      const all = await store.all();
      const existing = all.find((i) => i.idempotencyKey === input.idempotencyKey);
      if (existing) return existing;
      const same = input.subject
        ? all.find((i) => i.subject === input.subject && i.state !== 'refused')
        : undefined;
      if (same && (same.attempts > 0 || same.state === 'sending')) return same;
      if (same) await store.remove(same.idempotencyKey);
      const item: OutboxItem = {
        ...input,
        queuedAt: now().toISOString(),
        seq: await nextSeq(),
        state: 'waiting',
        // Queued after a send that met the network: it may have reached the server.
        attempts: options?.tried ? 1 : 0,
        ...(options?.tried ? { lastTriedAt: now().toISOString() } : {}),
      };
      await store.put(item);
      await notify();
      return item;
    },
    list,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    async edit(idempotencyKey, body, label) {
      const item = (await store.all()).find((i) => i.idempotencyKey === idempotencyKey);
      if (!item) return;
      await store.remove(idempotencyKey);
      await store.put({
        ...item,
        refusal: undefined,
        idempotencyKey: newKey(),
        body,
        label,
        state: 'waiting',
        attempts: 0,
      });
      await notify();
    },
    async discard(idempotencyKey) {
      await store.remove(idempotencyKey);
      await notify();
    },
    onSent(listener) {
      sentListeners.add(listener);
      return () => sentListeners.delete(listener);
    },
  };
}

/** A store in memory (tests; and the fallback when the browser has no IndexedDB). */
export function memoryOutboxStore(): OutboxStore & { snapshot(): OutboxItem[] } {
  const rows = new Map<string, OutboxItem>();
  return {
    all: () => Promise.resolve([...rows.values()].map((i) => structuredClone(i))),
    put: (item) => {
      rows.set(item.idempotencyKey, structuredClone(item));
      return Promise.resolve();
    },
    remove: (key) => {
      rows.delete(key);
      return Promise.resolve();
    },
    snapshot: () => [...rows.values()],
  };
}
