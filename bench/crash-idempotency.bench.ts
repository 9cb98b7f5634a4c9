/**
 * The crash run (issue #10 point 14): two app nodes (`node bin/doorstep.mjs serve`, one process
 * each, loopback ports) on one fresh PostgreSQL database; thousands of case intakes, each with its
 * own Idempotency-Key, spread over both nodes; one node killed with SIGKILL mid-run and restarted;
 * every unanswered request retried with its key (against either node) until answered. Prints
 * keys, case rows, lost and duplicated (goal 0 and 0) and the result of `doorstep audit verify`.
 * The stale window is shortened (IDEMPOTENCY_STALE_SECONDS) so retries come long after release.
 *
 *   node --import tsx bench/crash-idempotency.bench.ts [--keys 3000] [--concurrency 24]
 *     [--stale-seconds 2] [--kill-at 0.35] [--no-slow-victim] [--max-seconds 175] [--pg-url postgres://postgres@127.0.0.1:5432]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createSession } from '../src/modules/auth/session.service.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import {
  createPiiCipher,
  newMasterKey,
  parseMasterKey,
} from '../src/modules/residents/pii-crypto.ts';
import { commandLine, machine } from './lib/report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'doorstep.mjs');

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '24' },
    'stale-seconds': { type: 'string', default: '2' },
    'kill-at': { type: 'string', default: '0.35' },
    'no-slow-victim': { type: 'boolean', default: false },
    'max-seconds': { type: 'string', default: '175' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    'usage: node --import tsx bench/crash-idempotency.bench.ts [--keys 3000] [--concurrency 24] [--stale-seconds 2] [--kill-at 0.35] [--no-slow-victim] [--max-seconds 175] [--pg-url postgres://postgres@127.0.0.1:5432]',
  );
  process.exit(0);
}
const KEYS = Number(values.keys);
const CONCURRENCY = Number(values.concurrency);
const STALE_SECONDS = Number(values['stale-seconds']);
const KILL_AT = Number(values['kill-at']);
const SLOW_VICTIM = !values['no-slow-victim'];
const WATCHDOG_MS = Number(values['max-seconds']) * 1000;
const pgBase = new URL(values['pg-url']);
if (pgBase.hostname !== '127.0.0.1') throw new Error('--pg-url must point at 127.0.0.1');

const dbName = `doorstep_bench_crash_${crypto.randomBytes(4).toString('hex')}`;
const urlOf = (name: string) => {
  const u = new URL(pgBase);
  u.pathname = `/${name}`;
  return u.toString();
};
async function admin(query: string) {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-crash-'));

interface Node {
  name: string;
  port: number;
  url: string;
  child: ChildProcess | null;
  starts: number;
}

function startNode(node: Node, env: Record<string, string>): void {
  node.starts += 1;
  // The first life of the victim answers 100 ms after each commit (DOORSTEP_FAULT=slow-answer), so
  // the SIGKILL surely finds requests that committed but were not answered; its restart is normal.
  if (node.name === 'node-a' && node.starts === 1 && SLOW_VICTIM)
    env = { ...env, DOORSTEP_FAULT: 'slow-answer' };
  const log = fs.openSync(path.join(logDir, `${node.name}-${node.starts}.log`), 'w');
  node.child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(node.port) },
    stdio: ['ignore', log, log],
  });
}

async function waitReady(node: Node, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${node.url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${node.name} did not become ready`);
}

const nodes: Node[] = [];

type Outcome = { caseId: string; how: 'created' | 'replayed' | 'committed-409' };

async function main() {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error('WATCHDOG: the crash run took too long; stopping');
    void cleanup().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();

  await admin(`CREATE DATABASE ${dbName}`);
  const dataKey = newMasterKey();
  const db = openDatabase({ dialect: 'postgres', url: urlOf(dbName), poolSize: 4 });
  await migrateToLatest(db);
  const now = new Date();
  await seedDemo({
    db: db.kysely,
    pii: createPiiCipher(parseMasterKey(dataKey)),
    now,
    residents: 20,
  });
  const clerk = await db.kysely
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'clerk')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db.kysely, {
    accountId: clerk.id,
    kind: 'bearer',
    label: 'crash-run',
    now,
  });
  const residents = await db.kysely
    .selectFrom('residents')
    .select('id')
    .where('home_region_code', 'like', '110115110%')
    .limit(20)
    .execute();
  const casesBefore = await countCases(db);

  const env = {
    DATABASE_URL: urlOf(dbName),
    DOORSTEP_DATA_KEY: dataKey,
    DOORSTEP_ENV: 'development',
    DOORSTEP_DEMO: 'false',
    HOST: '127.0.0.1',
    SWEEP_INTERVAL_SECONDS: '0',
    IDEMPOTENCY_STALE_SECONDS: String(STALE_SECONDS),
    LOG_LEVEL: 'warn',
  };
  for (const name of ['node-a', 'node-b']) {
    const port = await freePort();
    nodes.push({ name, port, url: `http://127.0.0.1:${port}`, child: null, starts: 0 });
  }
  for (const n of nodes) startNode(n, env);
  for (const n of nodes) await waitReady(n, Date.now() + 60_000);
  const bootMs = Date.now() - started;

  const outcomes = new Map<number, Outcome>();
  const stats = { attempts: 0, networkErrors: 0, retriable: 0, unexpected: 0 };
  let killedAt = 0;
  let restartedAfterMs = 0;
  let atKill: Record<string, number> = {};
  const victim = nodes[0]!;

  async function killAndRestart() {
    killedAt = outcomes.size;
    victim.child?.kill('SIGKILL');
    await new Promise((resolve) => victim.child?.once('exit', resolve));
    const states = await db.kysely
      .selectFrom('idempotency_keys')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    atKill = Object.fromEntries(states.map((s) => [s.state, Number(s.n)]));
    const t0 = Date.now();
    startNode(victim, env);
    await waitReady(victim, Date.now() + 60_000);
    restartedAfterMs = Date.now() - t0;
  }

  async function oneKey(i: number): Promise<void> {
    const key = `crash-${dbName}-${i}`;
    const body = JSON.stringify({
      residentId: residents[i % residents.length]!.id,
      itemCode: 'DX-SB-004',
      presented: ['id_card'],
    });
    for (let attempt = 0; ; attempt++) {
      const node = nodes[(i + attempt) % nodes.length]!; // a retry goes to the other node
      stats.attempts += 1;
      let res: Response;
      try {
        res = await fetch(`${node.url}/api/v1/cases`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body,
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        stats.networkErrors += 1; // the node died with the request in flight, or is down
        await sleep(200);
        continue;
      }
      const text = await res.text();
      if (res.status === 201) {
        const replayed = res.headers.get('idempotent-replayed') === 'true';
        outcomes.set(i, {
          caseId: (JSON.parse(text) as { id: string }).id,
          how: replayed ? 'replayed' : 'created',
        });
        return;
      }
      const problem = JSON.parse(text) as { code?: string; resource?: { id: string } };
      if (res.status === 409 && problem.code === 'IDEMPOTENCY_KEY_COMMITTED' && problem.resource) {
        outcomes.set(i, { caseId: problem.resource.id, how: 'committed-409' });
        return;
      }
      if (res.status >= 500 || problem.code === 'IDEMPOTENCY_IN_PROGRESS') {
        stats.retriable += 1;
        await sleep(300);
        continue;
      }
      stats.unexpected += 1;
      console.error(`key ${i}: unexpected ${res.status} ${text}`);
      return;
    }
  }

  let next = 0;
  const kill: { done: Promise<void> | null } = { done: null };
  const runStart = Date.now();
  const progress = setInterval(() => {
    const s = ((Date.now() - runStart) / 1000).toFixed(0);
    console.error(`… ${s} s: ${outcomes.size} of ${KEYS} keys answered`);
  }, 10_000);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < KEYS; i = next++) {
        if (!kill.done && outcomes.size >= KEYS * KILL_AT) kill.done = killAndRestart();
        await oneKey(i);
      }
    }),
  );
  await kill.done;
  clearInterval(progress);
  const runMs = Date.now() - runStart;

  // The database's word: one case per key, every case belongs to a key.
  const keyRows = await db.kysely
    .selectFrom('idempotency_keys')
    .select(['key', 'state', 'resource_id'])
    .where('key', 'like', `crash-${dbName}-%`)
    .execute();
  const cases = await db.kysely.selectFrom('cases').select('id').execute();
  const caseIds = new Set(cases.map((c) => c.id));
  const keyedCases = new Set(keyRows.map((k) => k.resource_id).filter((id) => id !== null));
  const rows = cases.length - casesBefore;
  const answeredIds = [...outcomes.values()].map((o) => o.caseId);
  const lost =
    KEYS -
    outcomes.size + // never answered
    answeredIds.filter((id) => !caseIds.has(id)).length; // answered with a case that is not there
  const duplicated = rows - keyedCases.size;
  const mismatched = [...outcomes.entries()].filter(([i, o]) => {
    const row = keyRows.find((k) => k.key === `crash-${dbName}-${i}`);
    return row?.resource_id !== o.caseId;
  }).length;
  const how = { created: 0, replayed: 0, 'committed-409': 0 };
  for (const o of outcomes.values()) how[o.how] += 1;

  const verify = spawnSync(process.execPath, [CLI, 'audit', 'verify'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  const serverErrors = fs
    .readdirSync(logDir)
    .flatMap((f) => fs.readFileSync(path.join(logDir, f), 'utf8').split('\n'))
    .filter((l) => l.includes('"level":50')).length;

  const m = machine();
  console.log(`# crash run: idempotent case intakes, two nodes on PostgreSQL, one SIGKILLed`);
  console.log(`command: ${commandLine()}`);
  console.log(
    `machine: ${m.cores} cores, ${m.cpu}, node ${m.node}, load ${m.loadAverage.join(' ')}`,
  );
  console.log(
    `nodes: 2 × \`doorstep serve\` (boot ${(bootMs / 1000).toFixed(1)} s), stale window ${STALE_SECONDS} s, ${CONCURRENCY} requests in flight`,
  );
  console.log(
    `kill: ${victim.name} SIGKILLed after ${killedAt} answers; key states at that instant: ${JSON.stringify(atKill)}; back in ${(restartedAfterMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `requests: ${stats.attempts} (network errors ${stats.networkErrors}, 5xx/in-progress retried ${stats.retriable}, unexpected ${stats.unexpected}) in ${(runMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `answers: created ${how.created}, replayed ${how.replayed}, 409 committed ${how['committed-409']}`,
  );
  console.log(`keys:       ${KEYS}`);
  console.log(`rows:       ${rows}`);
  console.log(`lost:       ${lost}`);
  console.log(`duplicated: ${duplicated}`);
  console.log(`answer ≠ key's case: ${mismatched}`);
  console.log(`server error lines (level 50): ${serverErrors}`);
  console.log(
    `audit verify: ${(verify.stdout + verify.stderr).trim().split('\n').pop()} (exit ${verify.status})`,
  );
  await db.close();
  await cleanup();
  clearTimeout(watchdog);
  process.exit(lost === 0 && duplicated === 0 && mismatched === 0 && verify.status === 0 ? 0 : 1);
}

async function countCases(db: ReturnType<typeof openDatabase>): Promise<number> {
  const r = await db.kysely
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const n of nodes) n.child?.kill('SIGKILL');
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  fs.rmSync(logDir, { recursive: true, force: true });
}

process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
main().catch(async (error: unknown) => {
  console.error(error);
  await cleanup();
  process.exit(1);
});
