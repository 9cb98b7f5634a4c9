import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { createOutbox, memoryOutboxStore, type OutboxItem, type OutboxStore } from './outbox';
import { idbOutboxStore } from './outbox-idb';
import { caseItem, checkInItem, ratingItem } from './outbox-items';

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

describe('ratings and check-ins in the outbox', () => {
  const rating = (key: string, stars: number) =>
    ratingItem({ needId: 'need-1', stars, comment: '很好', idempotencyKey: key, label: '搬煤' });
  const checkIn = (key: string, direction: 'in' | 'out', code: string) =>
    checkInItem({ activityId: 'act-1', direction, code, idempotencyKey: key, label: '理发进村' });

  it('a rating posts what the online form posts, under its key, once', async () => {
    const server = fakeServer();
    const sent: OutboxItem[] = [];
    const outbox = outboxOn(memoryOutboxStore(), (i) => {
      sent.push(i);
      return server.send(i);
    });
    server.set('down');
    await outbox.enqueue(rating('r1', 4));
    await outbox.flush();
    server.set('lose-answer');
    await outbox.flush();
    server.set('up');
    await outbox.flush();
    expect(sent.map((i) => [i.path, i.body, i.idempotencyKey])).toEqual([
      ['/vs/needs/need-1/rating', { stars: 4, comment: '很好' }, 'r1'],
      ['/vs/needs/need-1/rating', { stars: 4, comment: '很好' }, 'r1'],
      ['/vs/needs/need-1/rating', { stars: 4, comment: '很好' }, 'r1'],
    ]);
    expect(server.created.size).toBe(1);
    expect(await outbox.list()).toEqual([]);
  });

  it('one rating waits per need: a changed mind replaces one never tried; one tried stays', async () => {
    const outbox = outboxOn(memoryOutboxStore(), () => Promise.reject(network()));
    await outbox.enqueue(rating('r1', 3));
    await outbox.enqueue(rating('r2', 5));
    expect((await outbox.list()).map((i) => [i.idempotencyKey, i.body])).toEqual([
      ['r2', { stars: 5, comment: '很好' }],
    ]);
    await outbox.flush(); // r2 met the network: it may be on the server now
    const kept = await outbox.enqueue(rating('r3', 1));
    expect(kept.idempotencyKey).toBe('r2');
    expect((await outbox.list()).map((i) => i.idempotencyKey)).toEqual(['r2']);
    // Another need's rating queues beside it.
    await outbox.enqueue(
      ratingItem({ needId: 'need-2', stars: 5, comment: '', idempotencyKey: 'x', label: '' }),
    );
    expect(await outbox.list()).toHaveLength(2);
  });

  it('a submission queued after its online try met the network counts as tried', async () => {
    const outbox = outboxOn(memoryOutboxStore(), () => Promise.resolve({}));
    const first = await outbox.enqueue(rating('r1', 3), { tried: true });
    expect(first).toMatchObject({ attempts: 1, lastTriedAt: NOW.toISOString() });
    expect((await outbox.enqueue(rating('r2', 5))).idempotencyKey).toBe('r1');
  });

  it('check-in and check-out wait side by side, in order; a second code for one direction replaces the first', async () => {
    const server = fakeServer();
    const outbox = outboxOn(memoryOutboxStore(), (i) => server.send(i));
    await outbox.enqueue(checkIn('in-1', 'in', '111111'));
    await outbox.enqueue(checkIn('in-2', 'in', '222222'));
    await outbox.enqueue(checkIn('out-1', 'out', '333333'));
    expect((await outbox.list()).map((i) => [i.kind, i.subject, i.body])).toEqual([
      ['checkin', 'checkin:act-1:in', { direction: 'in', code: '222222' }],
      ['checkin', 'checkin:act-1:out', { direction: 'out', code: '333333' }],
    ]);
    await outbox.flush();
    expect(server.calls).toEqual(['in-2', 'out-1']);
  });

  it('a stale code is refused with the server words and parked, not retried', async () => {
    const stale = new ApiError({
      status: 422,
      code: 'VS_CODE_STALE',
      title: '签到码已过期',
      detail: '请扫描带队人屏幕上的新码',
    });
    const calls: string[] = [];
    const outbox = outboxOn(memoryOutboxStore(), (i) => {
      calls.push(i.idempotencyKey);
      return Promise.reject(stale);
    });
    await outbox.enqueue(checkIn('in-1', 'in', '111111'));
    await outbox.flush();
    await outbox.flush();
    expect(calls).toEqual(['in-1']);
    expect((await outbox.list())[0]).toMatchObject({
      state: 'refused',
      refusal: { code: 'VS_CODE_STALE', title: '签到码已过期' },
    });
    // A refused check-in does not block a new one for the same direction.
    await outbox.enqueue(checkIn('in-2', 'in', '444444'));
    expect((await outbox.list()).map((i) => [i.idempotencyKey, i.state])).toEqual([
      ['in-1', 'refused'],
      ['in-2', 'waiting'],
    ]);
  });

  it('"already committed under this key" means the first send arrived: counted as sent', async () => {
    const outbox = outboxOn(memoryOutboxStore(), () =>
      Promise.reject(
        new ApiError({ status: 409, code: 'IDEMPOTENCY_KEY_COMMITTED', title: '已处理' }),
      ),
    );
    await outbox.enqueue(checkIn('in-1', 'in', '111111'));
    const result = await outbox.flush();
    expect(result.sent.map((i) => i.idempotencyKey)).toEqual(['in-1']);
    expect(result.refused).toEqual([]);
    expect(await outbox.list()).toEqual([]);
  });

  it('intakes have no subject: three for the same applicant and item all wait', async () => {
    const outbox = outboxOn(memoryOutboxStore(), () => Promise.resolve({}));
    const body = { residentId: 'r-1', itemCode: 'DX-SB-001', presented: [] };
    for (const k of ['c1', 'c2', 'c3'])
      await outbox.enqueue(caseItem({ body, idempotencyKey: k, label: '李** · 社保卡补办' }));
    expect((await outbox.list()).map((i) => [i.kind, i.path, i.idempotencyKey])).toEqual([
      ['case', '/cases', 'c1'],
      ['case', '/cases', 'c2'],
      ['case', '/cases', 'c3'],
    ]);
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
