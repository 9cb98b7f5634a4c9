/**
 * Issue #15 point 5: sending after commit through the job queue (pg-boss on PostgreSQL, the
 * in-process queue on SQLite). A committed message wakes the sender (a rolled-back one does not);
 * the business transaction never waits on the queue and a queue failure never fails it; a job
 * delivered twice sends once; a wake-up lost between commit and queue still sends exactly once
 * through the sweep; a transient failure is woken again at its next attempt, a permanent one is
 * not; on PostgreSQL two nodes (two pools and two pg-boss workers on one database) woken for the
 * same messages while both sweep never send one twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import { enqueueMessage, type EnqueueInput } from '../../src/modules/notifications/outbox.ts';
import {
  ProviderError,
  sendDueMessages,
  sendOneMessage,
  type ChannelProvider,
  type OutgoingMessage,
} from '../../src/modules/notifications/outbox.sender.ts';
import {
  OUTBOX_SEND_JOB,
  wakeOnCommit,
  workOutboxJobs,
} from '../../src/modules/notifications/outbox-queue.ts';
import type { JobOptions, JobQueue } from '../../src/shared/job-queue.ts';
import { localJobQueue } from '../../src/shared/job-queue-local.ts';
import { pgBossJobQueue } from '../../src/shared/job-queue-pgboss.ts';
import { drainOutbox } from '../helpers/outbox-drain.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A webhook-like provider that counts sends per message id (what a receiver would see). */
function countingProvider(script: (ProviderError | null)[] = []) {
  const calls: OutgoingMessage[] = [];
  const provider: ChannelProvider = {
    name: 'counting',
    channel: 'email',
    async send(m) {
      calls.push(m);
      await new Promise((r) => setImmediate(r));
      const next = script.shift();
      if (next) throw next;
      return { providerId: `p-${calls.length}`, delivered: true };
    },
  };
  const sendsOf = (id: string) => calls.filter((c) => c.id === id).length;
  return { provider, calls, sendsOf };
}

/** A queue that records what was sent and runs nothing (the test runs the worker's handler). */
function recordingQueue() {
  const sent: { name: string; data: object; options?: JobOptions }[] = [];
  const handlers = new Map<string, (d: object) => Promise<void>>();
  const queue: JobQueue = {
    kind: 'local',
    send: (name, data, options) => {
      sent.push({ name, data, options });
      return Promise.resolve(String(sent.length));
    },
    work: (name, handler) => {
      handlers.set(name, handler as (d: object) => Promise<void>);
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
  };
  return { queue, sent, run: (data: object) => handlers.get(OUTBOX_SEND_JOB)!(data) };
}

const EMAIL = {
  channel: 'email' as const,
  to: 'zhang@example.cn',
  template: 'case_decided',
  params: { number: 'GS-2026-0001', item: '高龄津贴', outcome: '办结' },
};

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('X-5 the outbox behind a job queue (issue #15 point 5)', () => {
  let t: TestApp;
  const db = () => t.testDb.db.kysely;
  const enqueueOn = (d: Db, m: Partial<EnqueueInput> = {}) =>
    d.kysely
      .transaction()
      .execute((trx) => enqueueMessage(trx, t.pii, { ...EMAIL, ...m, now: t.clock.now }));
  const status = async (id: string) =>
    (
      await db()
        .selectFrom('outbox_messages')
        .select(['status', 'attempts'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const onError = (err: unknown) => {
    throw err;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await drainOutbox(t);
  });
  afterAll(async () => t.close());

  it('a committed message wakes the sender after the commit; a rolled-back one never', async () => {
    const q = recordingQueue();
    const stop = wakeOnCommit(t.testDb.db.inserts, q.queue, onError, () => t.clock.now);
    let seenInside = -1;
    const id = await db()
      .transaction()
      .execute(async (trx) => {
        const mid = await enqueueMessage(trx, t.pii, { ...EMAIL, now: t.clock.now });
        seenInside = q.sent.length; // nothing before the commit
        return mid;
      });
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await enqueueMessage(trx, t.pii, { ...EMAIL, now: t.clock.now, dedupeKey: 'rolled' });
          throw new Error('business rule refused');
        }),
    ).rejects.toThrow('business rule refused');
    // A demo message is suppressed: never woken. A dedupe hit inserts nothing: no second wake-up.
    await enqueueOn(t.testDb.db, { demo: true });
    await enqueueOn(t.testDb.db, { dedupeKey: 'once' });
    await enqueueOn(t.testDb.db, { dedupeKey: 'once' });
    stop();
    expect(seenInside).toBe(0);
    expect(q.sent.map((s) => s.name)).toEqual([OUTBOX_SEND_JOB, OUTBOX_SEND_JOB]);
    expect(q.sent[0]).toMatchObject({ data: { id }, options: { singletonKey: id } });
    expect(q.sent[0]!.options?.startAfter).toBeUndefined();
  });

  it('a queue that fails never fails or delays the business transaction (the sweep sends)', async () => {
    const errors: unknown[] = [];
    const broken: JobQueue = {
      kind: 'local',
      send: () => Promise.reject(new Error('queue down')),
      work: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    };
    const stop = wakeOnCommit(t.testDb.db.inserts, broken, (e) => errors.push(e));
    const id = await enqueueOn(t.testDb.db);
    await until(() => Promise.resolve(errors.length === 1));
    stop();
    expect(await status(id)).toBe('queued');
    const p = countingProvider();
    await sendDueMessages(db(), {
      pii: t.pii,
      providers: { email: p.provider },
      nodeId: 'n1',
      now: t.clock.now,
    });
    expect(p.sendsOf(id)).toBe(1);
  });

  it('a job delivered twice sends once; a lost wake-up is sent once by the sweep', async () => {
    const p = countingProvider();
    const deps = { pii: t.pii, providers: { email: p.provider }, nodeId: 'n1', now: t.clock.now };
    const woken = await enqueueOn(t.testDb.db);
    const [a, b] = await Promise.all([
      sendOneMessage(db(), deps, woken),
      sendOneMessage(db(), { ...deps, nodeId: 'n2' }, woken),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect((await sendOneMessage(db(), deps, woken)).sent).toBe(0); // delivered a third time
    // Crash between commit and wake-up: no job; the sweep sends it, a late job sends nothing.
    const lost = await enqueueOn(t.testDb.db);
    await sendDueMessages(db(), deps);
    expect((await sendOneMessage(db(), deps, lost)).sent).toBe(0);
    expect([p.sendsOf(woken), p.sendsOf(lost)]).toEqual([1, 1]);
    expect(await status(lost)).toBe('delivered');
  });

  it('a transient failure is woken again at its next attempt; a permanent one is not', async () => {
    const q = recordingQueue();
    const p = countingProvider([
      new ProviderError('busy', 'transient'),
      new ProviderError('bad address', 'permanent'),
    ]);
    let now = t.clock.now;
    await workOutboxJobs(db(), q.queue, {
      pii: t.pii,
      providers: { email: p.provider },
      nodeId: 'n1',
      onError,
      now: () => now,
    });
    const id = await enqueueOn(t.testDb.db);
    await q.run({ id });
    expect(await status(id)).toBe('queued');
    expect(q.sent).toHaveLength(1);
    const again = q.sent[0]!;
    expect(again.options?.startAfter?.getTime()).toBe(now.getTime() + 30_000);
    await q.run({ id }); // too early: nothing
    expect(p.sendsOf(id)).toBe(1);
    now = new Date(now.getTime() + 30_000);
    await q.run(again.data);
    expect([p.sendsOf(id), await status(id)]).toEqual([2, 'failed']);
    expect(q.sent).toHaveLength(1); // permanent: not woken again
    await q.run({ id });
    expect(p.sendsOf(id)).toBe(2);
  });

  it('the queue of this dialect sends a committed message without the sweep', async () => {
    const queue =
      t.testDb.config.dialect === 'postgres'
        ? await pgBossJobQueue({
            connectionString: t.testDb.config.url,
            onError,
            pollingIntervalSeconds: 0.5,
          })
        : localJobQueue({ onError });
    const p = countingProvider();
    await workOutboxJobs(db(), queue, {
      pii: t.pii,
      providers: { email: p.provider },
      nodeId: 'n1',
      onError,
      now: () => t.clock.now,
    });
    const stop = wakeOnCommit(t.testDb.db.inserts, queue, onError, () => t.clock.now);
    try {
      const id = await enqueueOn(t.testDb.db);
      await until(async () => (await status(id)) === 'delivered');
      expect(p.sendsOf(id)).toBe(1);
    } finally {
      stop();
      await queue.stop();
    }
  });

  it.runIf(process.env.DOORSTEP_TEST_DB === 'postgres')(
    'two nodes on one database, both woken for every message while both sweep: each sent once',
    async () => {
      const config = t.testDb.config;
      if (config.dialect !== 'postgres') throw new Error('PostgreSQL only');
      const nodes = [t.testDb.db, t.testDb.openAnother()];
      const p = countingProvider();
      const queues: JobQueue[] = [];
      const stops: (() => void)[] = [];
      for (const [i, node] of nodes.entries()) {
        const queue = await pgBossJobQueue({
          connectionString: config.url,
          onError,
          pollingIntervalSeconds: 0.5,
        });
        queues.push(queue);
        await workOutboxJobs(node.kysely, queue, {
          pii: t.pii,
          providers: { email: p.provider },
          nodeId: `node-${i}`,
          onError,
          now: () => t.clock.now,
        });
        // Every commit wakes BOTH nodes' queues (a job seen by two nodes, on purpose).
        for (const n of nodes)
          stops.push(wakeOnCommit(n.inserts, queue, onError, () => t.clock.now));
      }
      try {
        const ids = await Promise.all(
          Array.from({ length: 40 }, (_, i) => enqueueOn(nodes[i % 2]!)),
        );
        const sweeps = nodes.map((n, i) =>
          sendDueMessages(n.kysely, {
            pii: t.pii,
            providers: { email: p.provider },
            nodeId: `node-${i}`,
            now: t.clock.now,
          }),
        );
        await Promise.all(sweeps);
        await until(async () => {
          const left = await db()
            .selectFrom('outbox_messages')
            .select('id')
            .where('id', 'in', ids)
            .where('status', '!=', 'delivered')
            .execute();
          return left.length === 0;
        });
        expect(ids.map((id) => p.sendsOf(id))).toEqual(ids.map(() => 1));
        expect(p.calls).toHaveLength(40);
      } finally {
        for (const s of stops) s();
        for (const q of queues) await q.stop();
      }
    },
  );
});
