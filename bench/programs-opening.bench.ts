/**
 * CP-2 the opening evening over HTTP: N enrolment requests (default 10,000, one per guardian, each
 * with their own Bearer token and child) for P places (default 400) over K classes (default 10),
 * fired with C concurrent connections (default 64) at the real app and at a floor (bare node:http
 * doing the same statements in the same transaction with the same driver,
 * bench/programs-opening-floor.ts) in the same run, each on its own byte-identical copy of one
 * seeded database. Prints throughput, p50/p99, the ratio to the floor and the count check: in
 * every class exactly its places enrolled (rows and counter agree), the rest waitlisted after them
 * in arrival order, every request answered 201, one audit event per enrolment. See bench/README.md.
 *
 *   node --import tsx bench/programs-opening.bench.ts [--db sqlite|postgres|both]
 *        [--requests 10000] [--places 400] [--classes 10] [--connections 64] [--app-first]
 *        [--pg-url postgres://postgres@127.0.0.1:5432]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { newMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { machine } from './lib/report.ts';
import { classIdOf, seed, WARM_CLASS, type Guardian } from './lib/programs-opening-seed.ts';

const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./programs-opening-floor.ts', import.meta.url));
const WARM_UP = 200;

interface Args {
  dialects: ('sqlite' | 'postgres')[];
  requests: number;
  places: number;
  classes: number;
  connections: number;
  pgUrl: string;
  appFirst: boolean;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      requests: { type: 'string', default: '10000' },
      places: { type: 'string', default: '400' },
      classes: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      'app-first': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const n = (raw: string, min: number, max: number, name: string) => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name}: ${min}…${max}`);
    return v;
  };
  if (!['sqlite', 'postgres', 'both'].includes(values.db))
    throw new Error('--db sqlite|postgres|both');
  const url = new URL(values['pg-url']);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error('--pg-url must point at 127.0.0.1');
  const args = {
    dialects: (values.db === 'both' ? ['sqlite', 'postgres'] : [values.db]) as Args['dialects'],
    requests: n(values.requests, 1, 100_000, 'requests'),
    places: n(values.places, 1, 20_000, 'places'),
    classes: n(values.classes, 1, 100, 'classes'),
    connections: n(values.connections, 1, 512, 'connections'),
    pgUrl: url.toString().replace(/\/$/, ''),
    appFirst: values['app-first'],
  };
  if (args.places % args.classes !== 0) throw new Error('--places must divide by --classes');
  return args;
}

async function prepare(dialect: 'sqlite' | 'postgres', key: string, args: Args) {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-opening-'));
    const template = path.join(dir, 'template.sqlite');
    const guardians = await seed({ dialect: 'sqlite', file: template }, key, args);
    const urls = { app: '', floor: '' };
    for (const name of ['app', 'floor'] as const) {
      fs.copyFileSync(template, path.join(dir, `${name}.sqlite`));
      urls[name] = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    }
    return { guardians, urls, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const prefix = `doorstep_opening_${crypto.randomBytes(4).toString('hex')}`;
  const names = { seed: `${prefix}_seed`, app: `${prefix}_app`, floor: `${prefix}_floor` };
  const dbUrl = (name: string) => {
    const u = new URL(args.pgUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: dbUrl('postgres') });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const drop = async () => {
    for (const n of Object.values(names))
      await admin(`drop database if exists "${n}" with (force)`);
  };
  try {
    await admin(`create database "${names.seed}"`);
    const cfg = { dialect: 'postgres' as const, url: dbUrl(names.seed), poolSize: 10 };
    const guardians = await seed(cfg, key, args);
    for (const n of [names.app, names.floor])
      await admin(`create database "${n}" template "${names.seed}"`);
    return { guardians, urls: { app: dbUrl(names.app), floor: dbUrl(names.floor) }, drop };
  } catch (e) {
    await drop();
    throw e;
  }
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** One enrolment per guardian, `connections` at a time, over keep-alive HTTP. */
async function burst(base: string, load: Guardian[], connections: number, classId?: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const one = (g: Guardian) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ childId: g.childId });
      const t0 = performance.now();
      const req = http.request(
        new URL(`${base}/api/v1/programs/classes/${classId ?? g.classId}/enrolments`),
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${g.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < load.length; i = next++) await one(load[i]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const figures: Figures = {
    perSecond: load.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    statuses,
  };
  return figures;
}

/** Per class: exactly its places enrolled (rows = counter), the waitlist after them in order. */
async function countCheck(url: string, args: Args) {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  try {
    let enrolled = 0;
    let waitlisted = 0;
    const failures: string[] = [];
    for (let c = 0; c < args.classes; c++) {
      const id = classIdOf(c);
      const rows = await db.kysely
        .selectFrom('enrolments')
        .select(['status', 'position'])
        .where('class_id', '=', id)
        .execute();
      const klass = await db.kysely
        .selectFrom('program_classes')
        .select(['confirmed_count', 'capacity'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const expected =
        Math.floor(args.requests / args.classes) + (c < args.requests % args.classes ? 1 : 0);
      const seats = rows.filter((r) => r.status === 'enrolled').map((r) => Number(r.position));
      const queue = rows.filter((r) => r.status === 'waitlisted').map((r) => Number(r.position));
      const positions = [...seats, ...queue].sort((a, b) => a - b);
      const fail = (what: string) => failures.push(`class ${c + 1}: ${what}`);
      if (rows.length !== expected) fail(`${rows.length} rows, expected ${expected}`);
      if (seats.length !== Math.min(klass.capacity, expected)) fail(`${seats.length} enrolled`);
      if (klass.confirmed_count !== seats.length) fail(`counter ${klass.confirmed_count}`);
      if (!positions.every((p, i) => p === i + 1)) fail('positions not 1…n each once');
      if (Math.max(0, ...seats) >= Math.min(Infinity, ...queue)) fail('a seat after the queue');
      enrolled += seats.length;
      waitlisted += queue.length;
    }
    // One audit event per enrolment of this run (the warm-up's included; the demo's are not).
    const audit = await db.kysely
      .selectFrom('audit_events')
      .innerJoin('enrolments', 'enrolments.id', 'audit_events.entity_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('audit_events.entity_id').distinct().as('ids'),
      ])
      .where('audit_events.action', '=', 'enrolment.created')
      .where('enrolments.class_id', 'in', [
        WARM_CLASS,
        ...Array.from({ length: args.classes }, (_, c) => classIdOf(c)),
      ])
      .executeTakeFirstOrThrow();
    const events = args.requests + Math.min(WARM_UP, args.requests);
    if (Number(audit.n) !== events || Number(audit.ids) !== events)
      failures.push(
        `${audit.n} enrolment.created events for ${audit.ids} enrolments, expected ${events}`,
      );
    for (const f of failures.slice(0, 10)) console.error(`  !!! count check: ${f}`);
    return { enrolled, waitlisted, ok: failures.length === 0 };
  } finally {
    await db.close();
  }
}

async function main() {
  const args = parse();
  const key = newMasterKey();
  const m = machine();
  console.log('Doorstep bench: CP-2 opening evening over HTTP, app vs. floor (same run)');
  console.log(
    `command: node --import tsx bench/programs-opening.bench.ts ${process.argv.slice(2).join(' ')}`,
  );
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, load average ${m.loadAverage.join(' ')}`,
  );
  console.log(
    `load:    ${args.requests} enrolments (one per guardian, own Bearer token and child) for ${args.places} places over ${args.classes} classes, ${args.connections} connections, 127.0.0.1, after ${Math.min(WARM_UP, args.requests)} unrecorded warm-up enrolments in another class`,
  );
  const table: string[][] = [
    [
      'dialect',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'statuses',
      'enrolled',
      'waitlisted',
      'count check',
      'ratio',
    ],
  ];
  let allOk = true;
  for (const dialect of args.dialects) {
    if (dialect === 'postgres') {
      const why = await postgresReachable(args.pgUrl);
      if (why) {
        console.log(`!!! POSTGRES SKIPPED: ${why}`);
        continue;
      }
    }
    console.error(`  … ${dialect}: seeding ${args.requests} guardians`);
    const dbs = await prepare(dialect, key, args);
    try {
      const targets = [
        ['floor', FLOOR_SERVER, dbs.urls.floor],
        ['app', APP_SERVER, dbs.urls.app],
      ] as const;
      const order = args.appFirst ? [targets[1], targets[0]] : targets;
      const results: { target: string; f: Figures; c: Awaited<ReturnType<typeof countCheck>> }[] =
        [];
      for (const [target, entry, url] of order) {
        console.error(`  … ${dialect}: ${target}`);
        let server: RunningServer | null = null;
        try {
          server = await startServer(entry, {
            DATABASE_URL: url,
            DOORSTEP_DATA_KEY: key,
            DOORSTEP_ENV: 'test',
            LOG_LEVEL: 'silent',
            SWEEP_INTERVAL_SECONDS: '0',
          });
          const warm = dbs.guardians.slice(0, WARM_UP);
          await burst(server.url, warm, args.connections, WARM_CLASS);
          const f = await burst(server.url, dbs.guardians, args.connections);
          await server.stop();
          server = null;
          results.push({ target, f, c: await countCheck(url, args) });
        } finally {
          if (server) await server.stop();
        }
      }
      const floor = results.find((r) => r.target === 'floor')!.f.perSecond;
      for (const { target, f, c } of results) {
        const ok = c.ok && (f.statuses['201'] ?? 0) === args.requests;
        allOk &&= ok;
        table.push([
          dialect,
          target,
          f.perSecond.toFixed(0),
          f.p50.toFixed(1),
          f.p99.toFixed(1),
          Object.entries(f.statuses)
            .map(([s, n]) => `${s}×${n}`)
            .join(' '),
          String(c.enrolled),
          String(c.waitlisted),
          ok ? 'OK' : 'FAILED',
          (f.perSecond / floor).toFixed(2),
        ]);
      }
    } finally {
      await dbs.drop();
    }
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  console.log(
    table
      .map((r) =>
        r
          .map((c, i) => (i < 2 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
          .join('  '),
      )
      .join('\n'),
  );
  console.log(
    'ratio = req/s ÷ the floor of the same dialect (goal ≥ 0.5). count check: in every class exactly its places enrolled (rows and counter agree), the rest waitlisted after them, positions 1…n each once, every request answered 201, one audit event per enrolment.',
  );
  if (!allOk) process.exitCode = 1;
}

await main();
