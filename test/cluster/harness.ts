/**
 * Issue #16: drives deploy/local-cluster for the cluster test and bench/failover.bench.ts — its own
 * directory and loopback ports (below 32768, so no e2e server's random port collides; apart from the
 * defaults an operator uses by hand), seeding through pgbouncer, and HTTP load with retries.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/schema.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';

export const SCRIPT = fileURLToPath(new URL('../../deploy/local-cluster', import.meta.url));

/** Ports of the test's cluster (deploy/cluster.env names). */
export const TEST_PORTS = {
  ETCD_PORT: '23791',
  ETCD_PEER_PORT: '23801',
  PG_PORT_BASE: '5450',
  REST_PORT_BASE: '8450',
  HAPROXY_PRIMARY_PORT: '5450',
  HAPROXY_REPLICA_PORT: '5449',
  HAPROXY_APP_PORT: '3450',
  HAPROXY_STATS_PORT: '7450',
  PGBOUNCER_PORT: '6442',
  APP_PORT_BASE: '3450',
};

export interface Cluster {
  dir: string;
  env: NodeJS.ProcessEnv;
  key: string;
  appNodes: number;
  /** The load balancer in front of the app nodes. */
  lb: string;
  /** App node i (1-based), directly. */
  node(i: number): string;
  /** Through pgbouncer to the leader. */
  dbUrl: string;
}

/** Debian packages deploy/local-cluster needs that this machine lacks. */
export function missingPackages(): string[] {
  const r = spawnSync(SCRIPT, ['missing'], { encoding: 'utf8' });
  if (r.status !== 0) return ['(deploy/local-cluster missing failed: ' + r.stderr.trim() + ')'];
  return r.stdout.trim().split(/\s+/).filter(Boolean);
}

function run(env: NodeJS.ProcessEnv, args: string[], timeoutMs: number) {
  const r = spawnSync(SCRIPT, args, { env, encoding: 'utf8', timeout: timeoutMs });
  if (r.status !== 0)
    throw new Error(
      `deploy/local-cluster ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout}`,
    );
  return r;
}

export function clusterUp(opts: { appNodes: number; env?: Record<string, string> }): Cluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-cluster-test-'));
  fs.rmSync(dir, { recursive: true }); // the script creates it (and refuses an existing cluster)
  const key = crypto.randomBytes(32).toString('base64');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_PORTS,
    CLUSTER_DIR: dir,
    APP_NODES: String(opts.appNodes),
    DOORSTEP_DATA_KEY: key,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const cluster: Cluster = {
    dir,
    env,
    key,
    appNodes: opts.appNodes,
    lb: `http://127.0.0.1:${TEST_PORTS.HAPROXY_APP_PORT}`,
    node: (i) => `http://127.0.0.1:${Number(TEST_PORTS.APP_PORT_BASE) + i}`,
    dbUrl: `postgres://doorstep@127.0.0.1:${TEST_PORTS.PGBOUNCER_PORT}/doorstep`,
  };
  // A run interrupted (Ctrl-C, a killed worker) still takes its cluster down.
  const interrupted = (signal: NodeJS.Signals) => {
    clusterDown(cluster);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    run(env, ['up'], 300_000);
  } catch (err) {
    clusterDown(cluster);
    throw err;
  }
  return cluster;
}

/** Stops everything and removes the directory; never throws (it runs in afterAll). */
export function clusterDown(cluster: Pick<Cluster, 'env' | 'dir'>): void {
  // The logs outlive the cluster, for a failed run (overwritten by the next run).
  const logs = path.join(os.tmpdir(), 'doorstep-cluster-last-logs');
  try {
    fs.rmSync(logs, { recursive: true, force: true });
    fs.cpSync(path.join(cluster.dir, 'log'), logs, { recursive: true });
  } catch {
    // no logs (the cluster never started)
  }
  const r = spawnSync(SCRIPT, ['down'], { env: cluster.env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) console.error(`deploy/local-cluster down: ${r.stderr}`);
}

/** SIGKILL to the leader's Patroni and PostgreSQL; returns the killed instance's number. */
export function killLeader(cluster: Cluster): number {
  return Number(run(cluster.env, ['kill-leader'], 30_000).stdout.trim());
}

export function clusterStatus(cluster: Cluster): string {
  return spawnSync(SCRIPT, ['status'], { env: cluster.env, encoding: 'utf8' }).stdout;
}

export function openClusterDb(cluster: Cluster): Db {
  return openDatabase({ dialect: 'postgres', url: cluster.dbUrl, poolSize: 4 });
}

export interface Seeded {
  /** Bearer tokens of volunteers, one each. */
  volunteers: string[];
  /** A Bearer token of the demo clerk (files cases). */
  clerk: string;
  activityIds: Record<string, string>;
}

/**
 * Demo accounts and stations, a team, one activity per `activities` entry (name → places), and
 * `volunteers` volunteers with Bearer tokens — written through pgbouncer as the app nodes would.
 */
export async function seedCluster(
  cluster: Cluster,
  opts: { volunteers: number; activities: Record<string, number> },
): Promise<Seeded> {
  const db = openClusterDb(cluster);
  const k = db.kysely;
  try {
    const pii = createPiiCipher(parseMasterKey(cluster.key));
    installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(cluster.key) }));
    const now = new Date();
    const iso = now.toISOString();
    const expires = new Date(now.getTime() + 24 * 3600_000).toISOString();
    await seedDemo({ db: k, pii, now, residents: 0 });
    const account = async (username: string) =>
      k
        .selectFrom('accounts')
        .select(['id', 'password_hash'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
    const leader = await account('leader');
    const clerk = await account('clerk');
    const clerkToken = crypto.randomBytes(24).toString('base64url');
    await k
      .insertInto('sessions')
      .values({
        id: hashToken(clerkToken),
        account_id: clerk.id,
        kind: 'bearer',
        label: 'cluster test',
        created_at: iso,
        expires_at: expires,
        last_seen_at: iso,
        revoked_at: null,
      })
      .execute();
    const teamId = crypto.randomUUID();
    await k
      .insertInto('vs_teams')
      .values({
        id: teamId,
        parent_id: null,
        kind: 'team',
        name: '集群测试服务队',
        region_code: '110115110000',
        category_code: null,
        colour: null,
        leader_account_id: leader.id,
        organisation_name: '集群测试',
        person_in_charge: '集群测试',
        contact_phone: '010-00000000',
        description: '',
        active: 1,
        is_demo: 0,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    const activityIds: Record<string, string> = {};
    let day = 7;
    for (const [name, places] of Object.entries(opts.activities)) {
      const id = crypto.randomUUID();
      activityIds[name] = id;
      const starts = new Date(now.getTime() + day++ * 24 * 3600_000);
      await k
        .insertInto('vs_activities')
        .values({
          id,
          order_id: null,
          project_id: null,
          team_id: teamId,
          title: `集群测试 ${name}`,
          description: '',
          place: '伊庄村',
          region_code: '110115110207',
          starts_at: starts.toISOString(),
          ends_at: new Date(starts.getTime() + 3 * 3600_000).toISOString(),
          capacity: places,
          confirmed_count: 0,
          queue_seq: 0,
          skills: '[]',
          lead_account_id: leader.id,
          code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
          status: 'open',
          cancel_reason: null,
          version: 1,
          created_by: leader.id,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
    }
    const idCipher = pii.encrypt('110115199001010000');
    const volunteers: string[] = [];
    for (let start = 0; start < opts.volunteers; start += 500) {
      const batch = Array.from({ length: Math.min(500, opts.volunteers - start) }, (_, j) => ({
        i: start + j,
        account: crypto.randomUUID(),
        volunteer: crypto.randomUUID(),
        token: crypto.randomBytes(24).toString('base64url'),
      }));
      await k
        .insertInto('accounts')
        .values(
          batch.map((b) => ({
            id: b.account,
            username: `cluster-${b.i}`,
            display_name: `志愿者${b.i}`,
            password_hash: leader.password_hash,
            status: 'active' as const,
            resident_id: null,
            preferences: '{}',
            is_demo: 0,
            password_changed_at: iso,
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute();
      await k
        .insertInto('role_grants')
        .values(
          batch.map((b) => ({
            id: crypto.randomUUID(),
            account_id: b.account,
            role: 'volunteer',
            region_code: '110115110000',
            station_id: null,
            created_at: iso,
          })),
        )
        .execute();
      await k
        .insertInto('sessions')
        .values(
          batch.map((b) => ({
            id: hashToken(b.token),
            account_id: b.account,
            kind: 'bearer' as const,
            label: 'cluster test',
            created_at: iso,
            expires_at: expires,
            last_seen_at: iso,
            revoked_at: null,
          })),
        )
        .execute();
      await k
        .insertInto('vs_volunteers')
        .values(
          batch.map((b) => ({
            id: b.volunteer,
            volunteer_number: `C${b.i}`,
            account_id: b.account,
            full_name: `志愿者${b.i}`,
            sex: 'female' as const,
            birth_date: '1990-01-01',
            id_hash: `cluster-${b.i}`,
            id_cipher: idCipher,
            id_masked: '1****************0',
            phone_cipher: null,
            phone_masked: null,
            home_region_code: '110115110207',
            skills: '[]',
            service_region_codes: '["110115110000"]',
            availability: '{}',
            guardian_consent: null,
            status: 'active' as const,
            registered_by: null,
            is_demo: 0,
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute();
      volunteers.push(...batch.map((b) => b.token));
    }
    return { volunteers, clerk: clerkToken, activityIds };
  } finally {
    await db.close();
  }
}

export interface Answer {
  status: number;
  retryAfter: string | undefined;
  code: string | undefined;
  body: string;
  /** performance.now() when the answer (or the error) arrived. */
  at: number;
}

const agents = new Map<string, http.Agent>();
function agentFor(base: string) {
  let a = agents.get(base);
  if (!a) agents.set(base, (a = new http.Agent({ keepAlive: true, maxSockets: 64 })));
  return a;
}
export function closeAgents() {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

/** One request; a connection error is status 0. */
export function request(
  base: string,
  method: 'GET' | 'POST',
  url: string,
  opts: { token: string; body?: unknown; idempotencyKey?: string; timeoutMs?: number },
): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? '' : JSON.stringify(opts.body);
    const req = http.request(
      new URL(url, base),
      {
        method,
        agent: agentFor(base),
        timeout: opts.timeoutMs ?? 30_000,
        headers: {
          authorization: `Bearer ${opts.token}`,
          'accept-language': 'en',
          ...(payload ? { 'content-type': 'application/json' } : {}),
          'content-length': Buffer.byteLength(payload),
          ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let code: string | undefined;
          try {
            code = (JSON.parse(body) as { code?: string }).code;
          } catch {
            code = undefined;
          }
          const retry: string | string[] | undefined = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof retry === 'string' ? retry : retry?.[0],
            code,
            body,
            at: performance.now(),
          });
        });
      },
    );
    const fail = (err: Error) =>
      resolve({
        status: 0,
        retryAfter: undefined,
        code: err.message,
        body: '',
        at: performance.now(),
      });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', fail);
    req.end(payload);
  });
}

export async function signupBurst(
  bases: string[],
  activityId: string,
  tokens: string[],
  connections: number,
): Promise<{ answers: Answer[]; seconds: number }> {
  const answers: Answer[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < tokens.length; i = next++) {
        answers.push(
          await request(
            bases[i % bases.length]!,
            'POST',
            `/api/v1/vs/activities/${activityId}/signup`,
            {
              token: tokens[i]!,
              idempotencyKey: `signup-${i}`,
            },
          ),
        );
      }
    }),
  );
  return { answers, seconds: (performance.now() - started) / 1000 };
}

/** Sign-ups on one activity: confirmed, waitlisted, positions, rows per volunteer. */
export async function signupCounts(k: Kysely<Database>, activityId: string) {
  const rows = await k
    .selectFrom('vs_signups')
    .select(['status', 'queue_position', 'volunteer_id'])
    .where('activity_id', '=', activityId)
    .execute();
  const activity = await k
    .selectFrom('vs_activities')
    .select(['capacity', 'confirmed_count'])
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow();
  const waitPositions = rows
    .filter((r) => r.status === 'waitlisted')
    .map((r) => Number(r.queue_position))
    .sort((a, b) => a - b);
  return {
    rows: rows.length,
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    waitlisted: waitPositions.length,
    positionsContiguous: waitPositions.every((p, i) => p === i + 1),
    volunteers: new Set(rows.map((r) => r.volunteer_id)).size,
    capacity: activity.capacity,
    confirmedCount: activity.confirmed_count,
  };
}

export interface FailoverRun {
  killedAt: number;
  /** First 2xx write answered after the kill (ms after it); null when none. */
  firstWriteAfterKillMs: number | null;
  /** Every attempt: status and code counts. */
  statuses: Record<string, number>;
  /** 503 answers before the kill (must be 0: the cluster was healthy). */
  unavailableBeforeKill: number;
  /** 503 answers without Retry-After (must be 0). */
  unavailableWithoutRetryAfter: number;
  /** Answers ≥ 500 other than 503 DATABASE_UNAVAILABLE (must be 0). */
  otherServerErrors: Answer[];
  /** Last 503 answer, ms after the kill. */
  last503Ms: number | null;
  /** Index of each token whose sign-up was acknowledged (2xx). */
  acknowledged: number[];
  /** Tokens that never got a 2xx within the retry budget. */
  unacknowledged: number;
  attempts: number;
}

/**
 * Sign-ups through the load balancer, `connections` at a time, each retried (same Idempotency-Key)
 * after a 503 or a connection error until answered. `kill` runs once `killAfterAcks` sign-ups were
 * acknowledged; the run ends `afterRecoveryMs` after the first write that succeeds after the kill.
 */
export async function signupsThroughFailover(opts: {
  base: string;
  activityId: string;
  tokens: string[];
  connections: number;
  killAfterAcks: number;
  kill: () => void;
  afterRecoveryMs: number;
  retryBudgetMs: number;
}): Promise<FailoverRun> {
  const statuses: Record<string, number> = {};
  const acknowledged: number[] = [];
  const otherServerErrors: Answer[] = [];
  let unavailableWithoutRetryAfter = 0;
  let unavailableBeforeKill = 0;
  let killedAt = 0;
  let recoveredAt = 0;
  let last503 = 0;
  let attempts = 0;
  let unacknowledged = 0;
  let next = 0;
  const done = () => recoveredAt > 0 && performance.now() - recoveredAt > opts.afterRecoveryMs;
  const one = async (i: number) => {
    const until = performance.now() + opts.retryBudgetMs;
    for (;;) {
      const sentAt = performance.now();
      const a = await request(
        opts.base,
        'POST',
        `/api/v1/vs/activities/${opts.activityId}/signup`,
        {
          token: opts.tokens[i]!,
          idempotencyKey: `failover-${i}`,
        },
      );
      attempts++;
      const label = `${a.status}${a.code && a.status !== 201 ? ` ${a.code}` : ''}`;
      statuses[label] = (statuses[label] ?? 0) + 1;
      if (a.status >= 200 && a.status < 300) {
        acknowledged.push(i);
        if (killedAt && !recoveredAt && sentAt > killedAt) recoveredAt = a.at;
        if (!killedAt && acknowledged.length >= opts.killAfterAcks) {
          killedAt = performance.now();
          opts.kill();
        }
        return;
      }
      if (a.status === 503) {
        last503 = a.at;
        if (!killedAt) unavailableBeforeKill++;
        if (!a.retryAfter) unavailableWithoutRetryAfter++;
      } else if (a.status >= 500) otherServerErrors.push(a);
      else if (a.status !== 0) return; // a 4xx is an answer (e.g. a replay naming the sign-up)
      if (performance.now() > until) {
        unacknowledged++;
        return;
      }
      // The test retries sooner than Retry-After asks, to measure the window to the second.
      await new Promise((r) => setTimeout(r, a.status === 0 ? 250 : 500));
    }
  };
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      for (let i = next++; i < opts.tokens.length && !done(); i = next++) await one(i);
    }),
  );
  return {
    killedAt,
    firstWriteAfterKillMs: recoveredAt ? recoveredAt - killedAt : null,
    statuses,
    unavailableWithoutRetryAfter,
    unavailableBeforeKill,
    otherServerErrors,
    last503Ms: last503 ? last503 - killedAt : null,
    acknowledged,
    unacknowledged,
    attempts,
  };
}
