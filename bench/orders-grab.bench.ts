/**
 * 抢单 over HTTP (VS-5): many open orders, many teams racing for each, on SQLite and PostgreSQL;
 * the real app next to a floor (bench/orders-grab-floor.ts: bare node:http doing the same
 * conditional update with the same driver), measured in the same run. Prints throughput (grab
 * requests/s and orders taken/s), p50/p99, the ratio to the floor and the count check: exactly one
 * 200 per order (the rest 409 ORDER_ALREADY_TAKEN), and in the database exactly one 'grabbed'
 * timeline row and one accepting team per order. See bench/README.md.
 *
 *   node --import tsx bench/orders-grab.bench.ts [--db sqlite|postgres|both] [--orders 300]
 *     [--teams 20] [--concurrency 40] [--warmup-orders 30] [--pg-url …] [--json]
 */
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createSession } from '../src/modules/auth/session.service.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import {
  createPiiCipher,
  newMasterKey,
  parseMasterKey,
} from '../src/modules/residents/pii-crypto.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { commandLine, machine } from './lib/report.ts';

const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./orders-grab-floor.ts', import.meta.url));
const TOWN = '110115110000'; // 魏善庄镇
const VILLAGES = ['110115110222', '110115110207']; // 三顺庄村, 伊庄村

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    orders: { type: 'string', default: '300' },
    teams: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '40' },
    'warmup-orders': { type: 'string', default: '30' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    'usage: node --import tsx bench/orders-grab.bench.ts [--db sqlite|postgres|both] [--orders 300] [--teams 20] [--concurrency 40] [--warmup-orders 30] [--pg-url postgres://postgres@127.0.0.1:5432] [--json]',
  );
  process.exit(0);
}
const int = (name: string, raw: string, min: number, max: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return n;
};
const args = {
  dialects: (values.db === 'both' ? ['sqlite', 'postgres'] : [values.db]) as (
    'sqlite' | 'postgres'
  )[],
  orders: int('orders', values.orders, 1, 20_000),
  teams: int('teams', values.teams, 2, 500),
  concurrency: int('concurrency', values.concurrency, 1, 512),
  warmupOrders: int('warmup-orders', values['warmup-orders'], 0, 1000),
  pgUrl: values['pg-url'].replace(/\/$/, ''),
  json: values.json,
};
if (!args.dialects.every((d) => d === 'sqlite' || d === 'postgres'))
  throw new Error('--db must be sqlite, postgres or both');
if (!/^postgres(ql)?:\/\/[^/]*@?(127\.0\.0\.1|localhost)(:\d+)?$/.test(args.pgUrl))
  throw new Error('--pg-url must point at 127.0.0.1');
const out = (line: string) => (args.json ? console.error(line) : console.log(line));
const progress = (line: string) => console.error(`  … ${line}`);

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (let undo = cleanups.pop(); undo; undo = cleanups.pop())
    await undo().catch((e: unknown) => console.error('cleanup failed:', e));
}
const abort = (why: string, code: number) => {
  console.error(`\n${why}: cleaning up`);
  void cleanUp().finally(() => process.exit(code));
};
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));
setTimeout(() => abort('watchdog: the bench ran far longer than planned', 2), 20 * 60_000).unref();

interface World {
  tokens: string[];
  warmup: string[];
  measured: string[];
}

/** Demo data, one category, `teams` leaders (Bearer tokens) each leading one team, open orders. */
async function seed(
  config: DatabaseConfig,
  pii: ReturnType<typeof createPiiCipher>,
): Promise<World> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const k = db.kysely;
    const now = new Date();
    const iso = now.toISOString();
    await seedDemo({ db: k, pii, now, residents: 0 });
    const cat = 'bench_grab';
    await k
      .insertInto('vs_categories')
      .values({
        code: cat,
        name_zh: '抢单测试',
        name_en: 'Grab bench',
        colour: null,
        sort_order: 0,
        active: 1,
        is_demo: 0,
        created_at: iso,
      })
      .execute();
    const hash = (
      await k
        .selectFrom('accounts')
        .select('password_hash')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).password_hash;
    const resident = await k
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const tokens: string[] = [];
    for (let i = 0; i < args.teams; i++) {
      const accountId = crypto.randomUUID();
      await k
        .insertInto('accounts')
        .values({
          id: accountId,
          username: `bench-leader-${i}`,
          display_name: `抢单队长 ${i}`,
          password_hash: hash,
          status: 'active',
          resident_id: null,
          preferences: '{}',
          is_demo: 0,
          password_changed_at: iso,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
      await k
        .insertInto('role_grants')
        .values({
          id: crypto.randomUUID(),
          account_id: accountId,
          role: 'team_leader',
          region_code: TOWN,
          station_id: null,
          created_at: iso,
        })
        .execute();
      await k
        .insertInto('vs_teams')
        .values({
          id: crypto.randomUUID(),
          parent_id: null,
          kind: 'team',
          name: `抢单队 ${i}`,
          region_code: VILLAGES[i % 2]!,
          category_code: cat,
          colour: null,
          leader_account_id: accountId,
          organisation_name: '抢单测试组织',
          person_in_charge: '负责人',
          contact_phone: '010-69280000',
          description: '',
          active: 1,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
      tokens.push(
        (await createSession(k, { accountId, kind: 'bearer', label: 'bench', now })).token,
      );
    }
    const vstaff = await k
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'vstaff')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    const total = args.orders + args.warmupOrders;
    for (let i = 0; i < total; i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      await k
        .insertInto('vs_orders')
        .values({
          id,
          order_number: `PD-BENCH-${i}`,
          title: `抢单测试 ${i}`,
          description: '抢单测试',
          category_code: cat,
          region_code: VILLAGES[i % 2]!,
          place: '村委会',
          wanted_from: null,
          wanted_to: null,
          state: 'open',
          version: 2,
          directed_team_id: null,
          team_id: null,
          grab_region_code: TOWN,
          escalation_level: 0,
          window_ends_at: new Date(now.getTime() + 86_400_000).toISOString(),
          dispatched_at: iso,
          accepted_at: null,
          completed_at: null,
          cancelled_at: null,
          cancel_reason: null,
          created_by: vstaff.id,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
      await k
        .insertInto('vs_needs')
        .values({
          id: crypto.randomUUID(),
          need_number: `XQ-BENCH-${i}`,
          region_code: VILLAGES[i % 2]!,
          category_code: cat,
          project_id: null,
          description: '抢单测试',
          place: '村委会',
          wanted_from: null,
          wanted_to: null,
          contact_name: '李长福',
          contact_phone_cipher: pii.encrypt('13912345678'),
          contact_phone_masked: '139****5678',
          requester_account_id: resident.id,
          resident_id: null,
          channel: 'self',
          recorded_by: null,
          status: 'accepted',
          reject_reason: null,
          order_id: id,
          reviewed_by: vstaff.id,
          reviewed_at: iso,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
    }
    return {
      tokens,
      warmup: ids.slice(0, args.warmupOrders),
      measured: ids.slice(args.warmupOrders),
    };
  } finally {
    await db.close();
  }
}

async function prepare(dialect: 'sqlite' | 'postgres', pii: ReturnType<typeof createPiiCipher>) {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-grab-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const template = path.join(dir, 'template.sqlite');
    const world = await seed({ dialect: 'sqlite', file: template }, pii);
    for (const n of ['app', 'floor']) fs.copyFileSync(template, path.join(dir, `${n}.sqlite`));
    return {
      world,
      app: `sqlite:${path.join(dir, 'app.sqlite')}`,
      floor: `sqlite:${path.join(dir, 'floor.sqlite')}`,
      dir,
    };
  }
  const prefix = `doorstep_bench_grab_${crypto.randomBytes(4).toString('hex')}`;
  const names = { seed: `${prefix}_seed`, app: `${prefix}_app`, floor: `${prefix}_floor` };
  const admin = async (sql: string[]) => {
    const c = new pg.Client({ connectionString: `${args.pgUrl}/postgres` });
    await c.connect();
    try {
      for (const s of sql) await c.query(s);
    } finally {
      await c.end();
    }
  };
  cleanups.push(() =>
    admin(Object.values(names).map((n) => `drop database if exists "${n}" with (force)`)),
  );
  await admin([`create database "${names.seed}"`]);
  const world = await seed(
    { dialect: 'postgres', url: `${args.pgUrl}/${names.seed}`, poolSize: 10 },
    pii,
  );
  await admin([
    `create database "${names.app}" template "${names.seed}"`,
    `create database "${names.floor}" template "${names.seed}"`,
  ]);
  return {
    world,
    app: `${args.pgUrl}/${names.app}`,
    floor: `${args.pgUrl}/${names.floor}`,
    dir: os.tmpdir(),
  };
}

interface Figures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  ordersPerSecond: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  /** Orders with exactly one 200 over HTTP. */
  oneWinner: number;
  orders: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : 0;

/** Every team grabs every order; an order's grabs are queued together so they race. */
async function race(url: string, orderIds: string[], tokens: string[]): Promise<Figures> {
  const queue: { order: number; token: string }[] = [];
  orderIds.forEach((_, o) => {
    const shuffled = [...tokens].sort(() => Math.random() - 0.5);
    for (const token of shuffled) queue.push({ order: o, token });
  });
  const latencies: number[] = [];
  const codes: Record<string, number> = {};
  const wins = new Array<number>(orderIds.length).fill(0);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: args.concurrency }, async () => {
      for (let i = next++; i < queue.length; i = next++) {
        const { order, token } = queue[i]!;
        const t0 = performance.now();
        let status = 0;
        try {
          const r = await fetch(`${url}/api/v1/vs/orders/${orderIds[order]}/grab`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          status = r.status;
          await r.arrayBuffer();
        } catch {
          status = -1;
        }
        latencies.push(performance.now() - t0);
        codes[status] = (codes[status] ?? 0) + 1;
        if (status === 200) wins[order]!++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: queue.length,
    seconds,
    requestsPerSecond: queue.length / seconds,
    ordersPerSecond: orderIds.length / seconds,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    statusCodes: codes,
    oneWinner: wins.filter((w) => w === 1).length,
    orders: orderIds.length,
  };
}

/** In the database: each measured order accepted by exactly one team, with one 'grabbed' row. */
async function dbCheck(url: string, orderIds: string[]) {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  try {
    let accepted = 0;
    let oneRow = 0;
    for (let i = 0; i < orderIds.length; i += 500) {
      const chunk = orderIds.slice(i, i + 500);
      const rows = await db.kysely
        .selectFrom('vs_orders')
        .select(['state', 'team_id'])
        .where('id', 'in', chunk)
        .execute();
      accepted += rows.filter((r) => r.state === 'accepted' && r.team_id).length;
      const grabs = await db.kysely
        .selectFrom('vs_order_actions')
        .select(['order_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('order_id', 'in', chunk)
        .where('action', '=', 'grabbed')
        .groupBy('order_id')
        .execute();
      oneRow += grabs.filter((g) => Number(g.n) === 1).length;
    }
    return { accepted, oneRow };
  } finally {
    await db.close();
  }
}

const results: unknown[] = [];
const rows: string[][] = [
  [
    'dialect',
    'target',
    'requests',
    'req/s',
    'orders/s',
    'p50 ms',
    'p99 ms',
    'codes',
    'one winner (HTTP)',
    'db check',
    'ratio',
  ],
];
const dataKey = newMasterKey();
const pii = createPiiCipher(parseMasterKey(dataKey));
installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(dataKey) }));
out(`Doorstep bench: 抢单 (order grabbing) over HTTP, app vs. floor (same run)`);
out(`command: ${commandLine()}`);
const m = machine();
out(
  `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`,
);
out(
  `load:    ${args.orders} open orders × ${args.teams} teams racing (every team grabs every order), ${args.concurrency} requests in flight, after ${args.warmupOrders} warm-up orders; 127.0.0.1 only`,
);
try {
  for (const dialect of args.dialects) {
    if (dialect === 'postgres') {
      const why = await postgresReachable(args.pgUrl);
      if (why) {
        console.error(`\n!!!!!!!! POSTGRES SKIPPED: ${why} !!!!!!!!\n`);
        results.push({ dialect, skipped: true, reason: why });
        continue;
      }
    }
    progress(
      `${dialect}: seeding ${args.teams} teams and ${args.orders + args.warmupOrders} open orders`,
    );
    const prepared = await prepare(dialect, pii);
    const env = (url: string) => ({
      DATABASE_URL: url,
      DOORSTEP_DATA_KEY: dataKey,
      DOORSTEP_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: prepared.dir,
    });
    const servers: Record<'app' | 'floor', RunningServer> = {
      app: await startServer(APP_SERVER, env(prepared.app)),
      floor: await startServer(FLOOR_SERVER, env(prepared.floor)),
    };
    cleanups.push(
      () => servers.app.stop(),
      () => servers.floor.stop(),
    );
    const figures: Partial<Record<'app' | 'floor', Figures>> = {};
    for (const target of ['floor', 'app'] as const) {
      if (prepared.world.warmup.length) {
        progress(`${dialect} ${target}: warm-up`);
        await race(servers[target].url, prepared.world.warmup, prepared.world.tokens);
      }
      progress(`${dialect} ${target}: measuring`);
      figures[target] = await race(
        servers[target].url,
        prepared.world.measured,
        prepared.world.tokens,
      );
    }
    await servers.app.stop();
    await servers.floor.stop();
    for (const target of ['app', 'floor'] as const) {
      const f = figures[target]!;
      const check = await dbCheck(
        target === 'app' ? prepared.app : prepared.floor,
        prepared.world.measured,
      );
      const ok =
        f.oneWinner === f.orders && check.accepted === f.orders && check.oneRow === f.orders;
      const ratio =
        target === 'app' ? f.requestsPerSecond / figures.floor!.requestsPerSecond : null;
      results.push({
        dialect,
        target,
        ...f,
        dbAccepted: check.accepted,
        dbOneGrabRow: check.oneRow,
        ok,
        ratio,
      });
      rows.push([
        dialect,
        target,
        String(f.requests),
        f.requestsPerSecond.toFixed(0),
        f.ordersPerSecond.toFixed(1),
        f.p50.toFixed(1),
        f.p99.toFixed(1),
        Object.entries(f.statusCodes)
          .map(([c, n]) => `${c}×${n}`)
          .join(' '),
        `${f.oneWinner}/${f.orders}`,
        `${ok ? 'OK' : 'FAIL'} (${check.accepted} accepted, ${check.oneRow} one grab row)`,
        ratio === null ? '' : ratio.toFixed(2),
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  out('');
  out(
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n'),
  );
  out('');
  out(
    'ratio = app grab req/s ÷ floor grab req/s in this run. orders/s = orders taken per second (each by exactly one team).',
  );
  out(
    'codes: 200 = the winning grab, 409 = ORDER_ALREADY_TAKEN; the count check wants exactly one 200 per order over HTTP and, in the database, one accepting team and one "grabbed" timeline row per order.',
  );
  if (args.json) console.log(JSON.stringify({ args, machine: m, results }, null, 2));
  const failed = results.some((r) => (r as { ok?: boolean }).ok === false);
  await cleanUp();
  process.exit(failed ? 1 : 0);
} catch (e) {
  console.error(e);
  await cleanUp();
  process.exit(1);
}
