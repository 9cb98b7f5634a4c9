/**
 * The one outbox of this tab per signed-in account, and what wakes it: the page load, the
 * browser's `online` event and a periodic retry. `submitOrQueue` is what the forms call.
 */
import { api, isApiError } from '../api/client';
import { randomUuid } from '../lib/idempotency';
import { createOutbox, type NewOutboxItem, type Outbox, type OutboxItem } from './outbox';
import { outboxStoreFor } from './outbox-idb';

/** How often waiting items are tried again while the page is open. */
export const RETRY_MS = 30_000;

export interface OutboxHandle {
  outbox: Outbox;
  /** False when IndexedDB is missing: the queue lives only as long as the page. */
  persistent: boolean;
}

const handles = new Map<string, OutboxHandle>();

/** One send of an item: its POST with its Idempotency-Key. */
export function postOutboxItem<T = unknown>(
  item: Pick<OutboxItem, 'path' | 'body' | 'idempotencyKey'>,
): Promise<T> {
  return api<T>(item.path, {
    method: 'POST',
    body: item.body,
    headers: { 'Idempotency-Key': item.idempotencyKey },
  });
}

function wake(outbox: Outbox): void {
  const flush = () => {
    void outbox.flush();
  };
  window.addEventListener('online', flush);
  window.setInterval(flush, RETRY_MS);
  flush();
}

export function outboxFor(owner: string): OutboxHandle {
  let handle = handles.get(owner);
  if (!handle) {
    const { store, persistent } = outboxStoreFor(owner);
    handle = {
      outbox: createOutbox({ store, send: postOutboxItem, newKey: randomUuid }),
      persistent,
    };
    handles.set(owner, handle);
    wake(handle.outbox);
  }
  return handle;
}

export type SubmitResult<T> =
  { status: 'sent'; result: T } | { status: 'queued'; item: OutboxItem };

/**
 * Sends a creating POST now; when the network is cut it is queued with the same key and sent
 * later. A refusal (4xx) or any other error is thrown as before, for the form to show.
 */
export async function submitOrQueue<T>(options: {
  owner: string;
  item: NewOutboxItem;
  /** The online call; by default the item's own POST with its key. */
  send?: () => Promise<T>;
}): Promise<SubmitResult<T>> {
  const send = options.send ?? (() => postOutboxItem<T>(options.item));
  try {
    return { status: 'sent', result: await send() };
  } catch (error) {
    if (!isApiError(error) || error.code !== 'NETWORK_ERROR') throw error;
    const item = await outboxFor(options.owner).outbox.enqueue(options.item, { tried: true });
    return { status: 'queued', item };
  }
}
