import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { createOutbox, memoryOutboxStore, type OutboxItem, type OutboxStore } from './outbox';
import { idbOutboxStore } from './outbox-idb';

const NOW = new Date('2026-12-04T02:00:00Z');
const network = () => new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
const refused = () =>
  new ApiError({
    status: 422,
    code: 'VALIDATION_FAILED',
    title: '内容有误',
    detail: '问题不能为空',
  });

/** A fake server that remembers keys as the real one does: a replay creates nothing new. */
function fakeServer() {
  const created = new Map<string, unknown>();
  const calls: string[] = [];
  let mode: 'up' | 'down' | 'lose-answer' = 'up';
  return {
    created,
    calls,
    set(next: typeof mode) {
      mode = next;
    },
    send(item: OutboxItem): Promise<unknown> {
      calls.push(item.idempotencyKey);
      if (mode === 'down') return Promise.reject(network());
      if (!created.has(item.idempotencyKey)) created.set(item.idempotencyKey, item.body);
      // The row is written but the answer never reaches the browser.
      if (mode === 'lose-answer') return Promise.reject(network());
      return Promise.resolve({ id: item.idempotencyKey });
    },
  };
}

let n = 0;
const newKey = () => `key-${++n}`;

function outboxOn(store: OutboxStore, send: (item: OutboxItem) => Promise<unknown>) {
  return createOutbox({ store, send, newKey, now: () => NOW });
}

const inquiry = (key: string, question: string) => ({
  kind: 'inquiry' as const,
  path: '/inquiries',
  body: { channel: 'walk_in', question, answer: '已答复', callerDescription: '来访人' },
  idempotencyKey: key,
  label: question,
});

describe('X-7 offline outbox', () => {
  it('sends in the order filed, one at a time', async () => {
    const server = fakeServer();
    const outbox = outboxOn(memoryOutboxStore(), (i) => server.send(i));
    for (const k of ['a', 'b', 'c']) await outbox.enqueue(inquiry(k, `问题 ${k}`));
    expect((await outbox.list()).map((i) => [i.idempotencyKey, i.state, i.queuedAt])).toEqual([
      ['a', 'waiting', NOW.toISOString()],
      ['b', 'waiting', NOW.toISOString()],
      ['c', 'waiting', NOW.toISOString()],
    ]);
    const result = await outbox.flush();
    expect(result.sent.map((i) => i.idempotencyKey)).toEqual(['a', 'b', 'c']);
    expect(server.calls).toEqual(['a', 'b', 'c']);
    expect(await outbox.list()).toEqual([]);
  });

  it('stops at a network error and retries with the same key, keeping the order', async () => {
    const server = fakeServer();
    const outbox = outboxOn(memoryOutboxStore(), (i) => server.send(i));
    await outbox.enqueue(inquiry('a', 'A'));
    await outbox.enqueue(inquiry('b', 'B'));
    server.set('down');
    const first = await outbox.flush();
    expect(first.stopped).toBe(true);
    expect(server.calls).toEqual(['a']); // b was not tried behind a cut
    expect((await outbox.list()).map((i) => [i.idempotencyKey, i.state, i.attempts])).toEqual([
      ['a', 'waiting', 1],
      ['b', 'waiting', 0],
    ]);
    server.set('up');
    await outbox.flush();
    expect(server.calls).toEqual(['a', 'a', 'b']);
    expect([...server.created.keys()]).toEqual(['a', 'b']);
  });

  it('a lost answer is resent with the same key: one row on the server', async () => {
    const server = fakeServer();
    const outbox = outboxOn(memoryOutboxStore(), (i) => server.send(i));
    await outbox.enqueue(inquiry('a', 'A'));
    server.set('lose-answer');
    await outbox.flush();
    server.set('up');
    await outbox.flush();
    expect(server.calls).toEqual(['a', 'a']);
    expect(server.created.size).toBe(1);
  });

  it('concurrent flushes (online event + "send now") share one run: each item sent once', async () => {
    const server = fakeServer();
    const outbox = outboxOn(memoryOutboxStore(), (i) => server.send(i));
    for (const k of ['a', 'b', 'c']) await outbox.enqueue(inquiry(k, k));
    const [x, y] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(x).toBe(y);
    expect(server.calls).toEqual(['a', 'b', 'c']);
  });

  it('parks a 4xx refusal with the server message, never retries it, and sends the rest', async () => {
    const calls: string[] = [];
    const outbox = outboxOn(memoryOutboxStore(), (item) => {
      calls.push(item.idempotencyKey);
      return item.idempotencyKey === 'bad' ? Promise.reject(refused()) : Promise.resolve({});
    });
    await outbox.enqueue(inquiry('bad', ''));
    await outbox.enqueue(inquiry('good', 'G'));
    const result = await outbox.flush();
    expect(result.refused.map((i) => i.idempotencyKey)).toEqual(['bad']);
    const [parked] = await outbox.list();
    expect(parked?.state).toBe('refused');
    expect(parked?.refusal).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      title: '内容有误',
      detail: '问题不能为空',
    });
    await outbox.flush();
    await outbox.flush();
    expect(calls).toEqual(['bad', 'good']);
  });

  it('an edited refusal goes back to waiting under a new key; a discarded one is gone', async () => {
    const sent: OutboxItem[] = [];
    let refuse = true;
    const outbox = outboxOn(memoryOutboxStore(), (item) => {
      if (refuse) return Promise.reject(refused());
      sent.push(item);
      return Promise.resolve({});
    });
    await outbox.enqueue(inquiry('bad', ''));
    await outbox.enqueue(inquiry('other', 'O'));
    await outbox.flush();
    refuse = false;
    const body = { channel: 'walk_in', question: '补上的问题', answer: '已答复' };
    await outbox.edit('bad', body, '补上的问题');
    await outbox.discard('other');
    const [edited] = await outbox.list();
    expect(edited?.idempotencyKey).not.toBe('bad');
    expect(edited?.state).toBe('waiting');
    expect(edited?.refusal).toBeUndefined();
    await outbox.flush();
    expect(sent.map((i) => i.body)).toEqual([body]);
  });

  it('a 401 (session expired during the cut) and a 503 wait; they are not refusals', async () => {
    let error = new ApiError({ status: 401, code: 'UNAUTHENTICATED', title: '' });
    const outbox = outboxOn(memoryOutboxStore(), () => Promise.reject(error));
    await outbox.enqueue(inquiry('a', 'A'));
    expect((await outbox.flush()).stopped).toBe(true);
    error = new ApiError({ status: 503, code: 'DATABASE_UNAVAILABLE', title: '' });
    expect((await outbox.flush()).stopped).toBe(true);
    expect((await outbox.list())[0]?.state).toBe('waiting');
  });

  it('enqueueing the same key twice keeps one item', async () => {
    const outbox = outboxOn(memoryOutboxStore(), () => Promise.resolve({}));
    await outbox.enqueue(inquiry('a', 'A'));
    await outbox.enqueue(inquiry('a', 'A'));
    expect(await outbox.list()).toHaveLength(1);
  });
});

describe('X-7 offline outbox in IndexedDB', () => {
  it('survives a reload, and after a success and a reload nothing is sent again', async () => {
    const db = createStore('outbox-test-reload', 'items');
    const server = fakeServer();
    server.set('down');
    const before = outboxOn(idbOutboxStore('clerk-1', db), (i) => server.send(i));
    await before.enqueue(inquiry('a', 'A'));
    await before.enqueue(inquiry('b', 'B'));
    await before.flush();

    // "Reload": a new outbox over the same database finds both, in order.
    server.set('up');
    const after = outboxOn(idbOutboxStore('clerk-1', db), (i) => server.send(i));
    expect((await after.list()).map((i) => i.idempotencyKey)).toEqual(['a', 'b']);
    await after.flush();
    expect([...server.created.keys()]).toEqual(['a', 'b']);

    const again = outboxOn(idbOutboxStore('clerk-1', db), (i) => server.send(i));
    expect(await again.list()).toEqual([]);
    await again.flush();
    expect(server.calls).toEqual(['a', 'a', 'b']);
  });

  it('an item left "sending" by a closed tab is sent again with its key', async () => {
    const db = createStore('outbox-test-sending', 'items');
    const store = idbOutboxStore('clerk-1', db);
    const stuck: OutboxItem = {
      ...inquiry('a', 'A'),
      queuedAt: NOW.toISOString(),
      seq: 1,
      state: 'sending',
      attempts: 1,
    };
    await store.put(stuck);
    const server = fakeServer();
    await outboxOn(store, (i) => server.send(i)).flush();
    expect(server.calls).toEqual(['a']);
  });

  it("one clerk never sees or sends another's items", async () => {
    const db = createStore('outbox-test-owner', 'items');
    const server = fakeServer();
    await outboxOn(idbOutboxStore('clerk-1', db), (i) => server.send(i)).enqueue(inquiry('a', 'A'));
    const other = outboxOn(idbOutboxStore('clerk-2', db), (i) => server.send(i));
    expect(await other.list()).toEqual([]);
    await other.flush();
    expect(server.calls).toEqual([]);
  });
});
