/**
 * Issue #16 points 1–2 on a real cluster (deploy/local-cluster): three PostgreSQL 15 under Patroni
 * with synchronous replication, HAProxy, pgbouncer and two Doorstep nodes behind a load balancer.
 *   - a burst of sign-ups split across the two nodes never overbooks;
 *   - the sweep, run by both nodes every second, escalates each overdue case once — also across a
 *     failover;
 *   - the leader killed (SIGKILL) under load: writes answer 503 + Retry-After only within the
 *     failover window, the nodes reconnect by themselves, no acknowledged write is lost or doubled.
 * Without the Debian packages it skips LOUDLY; with CI=true it fails instead (.ci/run installs them).
 * Run: npx vitest run --project cluster (scripts/test.mjs runs it as its own tier, `cluster`).
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import {
  clusterDown,
  clusterStatus,
  clusterUp,
  killLeader,
  missingPackages,
  openClusterDb,
  type Cluster,
} from './harness.ts';
import {
  closeAgents,
  request,
  signupBurst,
  signupCounts,
  signupsThroughFailover,
  type FailoverRun,
} from './load.ts';
import { seedCluster, type Seeded } from './seed.ts';

const isCI = process.env.CI === 'true' || process.env.CI === '1';
const missing = missingPackages();
if (missing.length && !isCI) {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!!  SKIPPED: the cluster test — missing Debian packages: ${missing.join(' ')}\n` +
      `!!  apt-get install ${missing.join(' ')} (as .ci/run does); CI=true fails instead.\n${bar}\n`,
  );
}

describe.skipIf(missing.length > 0 && !isCI)(
  'issue #16 the city cluster (Patroni ×3, 2 app nodes)',
  () => {
    let cluster: Cluster | undefined;
    let seeded: Seeded;
    let db: Db;

    beforeAll(() => {
      if (missing.length)
        throw new Error(`CI=true and the cluster packages are missing: ${missing.join(' ')}`);
    });

    beforeAll(async () => {
      cluster = clusterUp({ appNodes: 2, env: { SWEEP_INTERVAL_SECONDS: '1' } });
      seeded = await seedCluster(cluster, {
        volunteers: 2500,
        activities: { burst: 20, failover: 5000 },
      });
      db = openClusterDb(cluster);
    }, 400_000);

    afterAll(async () => {
      closeAgents();
      await db?.close().catch(() => undefined);
      if (cluster) clusterDown(cluster);
    }, 150_000);

    const c = () => cluster!;

    it('a burst of sign-ups split across the two nodes never overbooks', async () => {
      const tokens = seeded.volunteers.slice(0, 300);
      // On a saturated machine a sign-up may wait past the connect timeout: it answers 503 with
      // Retry-After and the client retries with the same key (signupBurst). What must hold: every
      // sign-up ends 201, exactly 20 confirmed, the waitlist contiguous, one row per volunteer.
      const { answers, retried } = await signupBurst(
        [c().node(1), c().node(2)],
        seeded.activityIds.burst!,
        tokens,
        32,
      );
      const statuses = answers.reduce<Record<number, number>>(
        (m, a) => ((m[a.status] = (m[a.status] ?? 0) + 1), m),
        {},
      );
      expect(statuses).toEqual({ 201: 300 });
      if (retried.length > 0)
        console.warn(`burst: ${retried.length} sign-ups answered 503 and were retried`);
      const counts = await signupCounts(db.kysely, seeded.activityIds.burst!);
      expect(counts).toMatchObject({
        rows: 300,
        confirmed: 20,
        confirmedCount: 20,
        waitlisted: 280,
        positionsContiguous: true,
        volunteers: 300,
      });
    });

    /** Files `n` cases through the load balancer (clerk), returns their ids. */
    async function fileCases(n: number): Promise<string[]> {
      const resident = await request(c().lb, 'POST', '/api/v1/residents/lookup', {
        token: seeded.clerk,
        body: { idNumber: '110115194803120019' },
      });
      expect(resident.status, resident.body).toBeLessThan(300);
      const residentId = (JSON.parse(resident.body) as { id: string }).id;
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = await request(c().lb, 'POST', '/api/v1/cases', {
          token: seeded.clerk,
          idempotencyKey: crypto.randomUUID(),
          body: { residentId, itemCode: 'DX-SB-001', presented: ['id_card', 'photo_1inch'] },
        });
        expect(r.status, r.body).toBe(201);
        ids.push((JSON.parse(r.body) as { id: string }).id);
      }
      return ids;
    }

    /** Makes the cases overdue: the next sweep on either node escalates them. */
    async function makeOverdue(ids: string[]) {
      await db.kysely
        .updateTable('cases')
        .set({ due_date: '2026-01-05' })
        .where('id', 'in', ids)
        .execute();
    }

    async function escalationsOf(ids: string[]) {
      return db.kysely
        .selectFrom('escalations')
        .select(['entity_id', 'swept_by'])
        .where('entity_type', '=', 'case')
        .where('entity_id', 'in', ids)
        .execute();
    }

    async function waitFor<T>(
      what: string,
      get: () => Promise<T>,
      ok: (v: T) => boolean,
      ms = 60_000,
    ) {
      const until = Date.now() + ms;
      for (;;) {
        let v: T | undefined;
        try {
          v = await get();
          if (ok(v)) return v;
        } catch {
          // the database may be failing over
        }
        if (Date.now() > until)
          throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }

    let beforeKill: string[] = [];
    let afterKill: string[] = [];

    it('the sweep, run by both nodes every second, escalates each overdue case once', async () => {
      const ids = await fileCases(12);
      beforeKill = ids.slice(0, 6);
      afterKill = ids.slice(6);
      const calm = ids.slice(0, 3);
      await makeOverdue(calm);
      const rows = await waitFor(
        '3 escalations',
        () => escalationsOf(calm),
        (r) => r.length >= 3,
      );
      // Both nodes have swept by now (every second): still one escalation per case.
      await new Promise((r) => setTimeout(r, 3000));
      expect((await escalationsOf(calm)).length).toBe(3);
      expect(new Set(rows.map((r) => r.entity_id)).size).toBe(3);
    });

    let run: FailoverRun;

    it('the leader killed under load: no acknowledged write lost or doubled, 503 only in the window', async () => {
      const tokens = seeded.volunteers.slice(300);
      const overdueAtKill = beforeKill.slice(3);
      let killed = 0;
      run = await signupsThroughFailover({
        base: c().lb,
        activityId: seeded.activityIds.failover!,
        tokens,
        connections: 12,
        killAfterAcks: 150,
        kill: () => {
          // The sweeps race the kill: these cases become overdue as the leader dies.
          void makeOverdue(overdueAtKill).then(
            () => console.log('[cluster] 3 cases made overdue as the leader died'),
            () =>
              console.log(
                '[cluster] making 3 cases overdue failed with the leader (done again below)',
              ),
          );
          killed = killLeader(c());
        },
        afterRecoveryMs: 4000,
        retryBudgetMs: 90_000,
      });
      console.log(
        `[cluster] killed pg${killed}; first write after the kill ${run.firstWriteAfterKillMs?.toFixed(0)} ms; ` +
          `last 503 at ${run.last503Ms?.toFixed(0)} ms; acknowledged ${run.acknowledged.length}; ` +
          `attempts ${run.attempts}; statuses ${JSON.stringify(run.statuses)}\n${clusterStatus(c())}`,
      );
      expect(run.firstWriteAfterKillMs, 'writes resumed after the kill').not.toBeNull();
      expect(run.firstWriteAfterKillMs!).toBeLessThan(60_000);
      expect(run.otherServerErrors.map((a) => `${a.status} ${a.body}`)).toEqual([]);
      expect(run.unavailableWithoutRetryAfter).toBe(0);
      // 503 only within the failover window: none before the kill, none long after writes resumed
      // (an answer in flight at recovery may still arrive, bounded by the nodes' query timeout).
      expect(run.unavailableBeforeKill).toBe(0);
      if (run.last503Ms !== null)
        expect(run.last503Ms).toBeLessThan(run.firstWriteAfterKillMs! + 15_000);
      expect(run.unacknowledged).toBe(0);
      // Every answer other than 201 is a 503 DATABASE_UNAVAILABLE or a connection error in the window.
      for (const label of Object.keys(run.statuses))
        expect(label).toMatch(/^(201|503 DATABASE_UNAVAILABLE|0 .*|409 .*)$/);

      // Nothing acknowledged is missing, nothing is there twice.
      const rows = await waitFor(
        'the sign-ups readable on the new leader',
        () =>
          db.kysely
            .selectFrom('vs_signups')
            .innerJoin('vs_volunteers', 'vs_volunteers.id', 'vs_signups.volunteer_id')
            .select(['vs_volunteers.volunteer_number as number', 'vs_signups.status'])
            .where('vs_signups.activity_id', '=', seeded.activityIds.failover!)
            .execute(),
        () => true,
      );
      const numbers = rows.map((r) => r.number);
      const present = new Set(numbers);
      const lost = run.acknowledged.filter((i) => !present.has(`C${i + 300}`));
      expect(lost, 'acknowledged sign-ups lost').toEqual([]);
      expect(numbers.length - present.size, 'duplicated sign-ups').toBe(0);
      const counts = await signupCounts(db.kysely, seeded.activityIds.failover!);
      expect(counts.confirmedCount).toBe(counts.confirmed);
      expect(counts.rows).toBeGreaterThanOrEqual(run.acknowledged.length);
    });

    it('the nodes reconnected by themselves, and the sweep acted once across the failover', async () => {
      for (const i of [1, 2]) {
        const ready = await waitFor(
          `node ${i} ready`,
          async () => (await fetch(`${c().node(i)}/readyz`)).status,
          (s) => s === 200,
        );
        expect(ready).toBe(200);
      }
      // Again for the three of the kill, in case that update died with the leader (no harm
      // otherwise: an escalated case is never escalated again).
      await makeOverdue([...beforeKill.slice(3), ...afterKill]);
      const all = [...beforeKill, ...afterKill];
      await waitFor(
        '12 escalations',
        () => escalationsOf(all),
        (r) => r.length >= 12,
      );
      await new Promise((r) => setTimeout(r, 3000));
      const rows = await escalationsOf(all);
      expect(rows.length).toBe(12);
      expect(new Set(rows.map((r) => r.entity_id)).size).toBe(12);
      const audits = await db.kysely
        .selectFrom('audit_events')
        .select([sql<number>`count(*)`.as('n')])
        .where('action', '=', 'case.escalated')
        .where('entity_id', 'in', all)
        .executeTakeFirstOrThrow();
      expect(Number(audits.n)).toBe(12);
      console.log(
        `[cluster] escalations by node: ${JSON.stringify(
          rows.reduce<Record<string, number>>(
            (m, r) => ((m[r.swept_by] = (m[r.swept_by] ?? 0) + 1), m),
            {},
          ),
        )}`,
      );
    });
  },
);
