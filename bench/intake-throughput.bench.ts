/**
 * Intake throughput on PostgreSQL (issue #16 point 3): filings per second with `--connections`
 * concurrent filers, first all in ONE town (every filing takes the same counter row and the same
 * audit shard head: the shape of the single global counter and chain head before #16), then spread
 * over `--towns` towns (each town its own counter row and shard head). Each mode runs the real code
 * (nextCounter + insertFiledCase + recordAudit through Kysely) and a floor (the same statements on
 * the bare pg driver) in the same run; the ratios are app/floor and spread/one-town. Then the
 * spread runs once more with the figure rollups' triggers (migration 0053) switched off on both
 * databases and once more with them on again: with ÷ without is what the rollups cost a filing.
 * Last, an open loop: filings arriving steadily at `--paced` (0.5) × the app's closed-loop rate over
 * the same connections, on both databases — the p99 a filing meets below saturation (a closed loop
 * of 32 connections at ≈ 250 filings/s has a mean of 32 ÷ 250 s = 128 ms, whatever the code).
 * The database part of POST /api/v1/cases only (no HTTP; cases.bench.ts measures the whole request).
 *   node --import tsx bench/intake-throughput.bench.ts [--towns 8] [--connections 32] [--duration 10]
 *     [--warmup 2] [--paced 0.5] [--pool <connections>] [--pg-url postgres://postgres@127.0.0.1:5432]
 *     [--json]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import type { Database } from '../src/db/schema.ts';
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import { getItem } from '../src/modules/catalog/catalog.service.ts';
import { buildNotice } from '../src/modules/cases/case.notice.ts';
import { createPiiCipher, newMasterKey, parseMasterKey } from '../src/shared/pii-crypto.ts';
import { postgresReachable, preparePostgres } from './lib/databases.ts';
import { IdSource } from './lib/ids.ts';
import { fileWithApp, fileWithFloor, type Filer } from './lib/intake-floor.ts';
import { commandLine, machine } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    towns: { type: 'string', default: '8' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    paced: { type: 'string', default: '0.5' },
    pool: { type: 'string' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    json: { type: 'boolean', default: false },
  },
});
const args = {
  towns: Number(values.towns),
  connections: Number(values.connections),
  duration: Number(values.duration),
  warmup: Number(values.warmup),
  paced: Number(values.paced),
  /** Connections to PostgreSQL, app and floor alike (default: one per filer; the app's is 10). */
  pool: Number(values.pool ?? values.connections),
  pgUrl: values['pg-url'],
};
if (!(
  args.towns >= 2 &&
  args.connections >= 1 &&
  args.duration > 0 &&
  args.warmup >= 0 &&
  args.paced > 0 &&
  args.paced <= 1 &&
  args.pool >= 1
)) {
  console.error(
    'usage: --towns ≥ 2, --connections ≥ 1, --duration > 0, --warmup ≥ 0, 0 < --paced ≤ 1, --pool ≥ 1',
  );
  process.exit(2);
}
const out = (line: string) => (values.json ? console.error(line) : console.log(line));

/** Synthetic towns 110115200…: the number and the shard carry them; no other row needs them. */
const townRegion = (k: number) => `110115${String(200 + k)}207`;

interface Figures {
  filingsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  completed: number;
  errors: number;
  /** Filings over 50 ms, and the 100 ms windows (by when they were due) they fall in: a few
   * crowded windows are stalls that held every filing up at once; many are queueing. */
  over50: number;
  slowWindows: number;
}

type FileOne = (filing: { region: string; residentId: string; now: Date }) => Promise<string>;

/**
 * `--connections` filers for `seconds`. Closed loop (no `rate`): each files again as soon as its
 * last filing returned — the throughput, and a latency that is connections ÷ throughput by Little's
 * law. Open loop (`rate` filings a second in all): filing k of `worker` is due at
 * (k × connections + worker) ÷ rate, and its latency counts from then, so a filing held up behind a
 * slow one is charged its wait (no coordinated omission) — the latency a steady stream of filings
 * meets at that load.
 */
async function run(
  file: FileOne,
  filer: Filer,
  towns: number,
  seconds: number,
  rate?: number,
): Promise<Figures> {
  const began = performance.now();
  const until = began + seconds * 1000;
  const latencies: number[] = [];
  const slow = new Set<number>();
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: args.connections }, async (_, worker) => {
      const region = townRegion(worker % towns);
      for (let k = 0; performance.now() < until; k += 1) {
        const residentId = filer.residentIds[next++ % filer.residentIds.length]!;
        let started = performance.now();
        if (rate !== undefined) {
          const due = began + ((k * args.connections + worker) / rate) * 1000;
          if (due >= until) break;
          if (due > started) await new Promise((resolve) => setTimeout(resolve, due - started));
          started = due;
        }
        try {
          await file({ region, residentId, now: new Date() });
          const took = performance.now() - started;
          latencies.push(took);
          if (took > 50) slow.add(Math.floor((started - began) / 100));
        } catch {
          errors++;
        }
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return {
    filingsPerSecond: sorted.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    completed: sorted.length,
    errors,
    over50: sorted.filter((t) => t > 50).length,
    slowWindows: slow.size,
  };
}

async function loadFiler(db: Kysely<Database>, residentIds: string[]): Promise<Filer> {
  const clerk = await db
    .selectFrom('accounts as a')
    .innerJoin('role_grants as g', 'g.account_id', 'a.id')
    .select(['a.id', 'g.station_id'])
    .where('a.username', '=', 'clerk')
    .executeTakeFirstOrThrow();
  const item = await getItem(db, 'DX-SB-001');
  return {
    stationId: clerk.station_id!,
    clerkId: clerk.id,
    residentIds,
    notice: buildNotice(item, ['id_card', 'photo_1inch', 'agent_id_card']),
  };
}

/** Switches the figure rollups' triggers on the tables a filing writes (cases, case_requests). */
async function switchRollupTriggers(url: string, on: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; name: string }>(
      `SELECT tgrelid::regclass::text AS table, tgname AS name FROM pg_trigger
        WHERE tgname LIKE 'rollup\\_%' AND tgrelid::regclass::text IN ('cases', 'case_requests')`,
    );
    if (rows.length === 0) throw new Error('no rollup triggers on cases: migration 0053 missing?');
    for (const r of rows)
      await client.query(
        `ALTER TABLE ${r.table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${client.escapeIdentifier(r.name)}`,
      );
  } finally {
    await client.end();
  }
}

async function main() {
  const unreachable = await postgresReachable(args.pgUrl);
  if (unreachable) {
    console.error(`!!!!!!!! POSTGRES SKIPPED: no PostgreSQL at ${args.pgUrl} (${unreachable})`);
    process.exit(1);
  }
  const dataKey = parseMasterKey(newMasterKey());
  installAuditKeys(deriveAuditKeys({ dataKey }));
  console.error('  … seeding two identical PostgreSQL databases (demo, 64 residents)');
  const dbs = await preparePostgres({
    pii: createPiiCipher(dataKey),
    ids: new IdSource(),
    preRegistered: 64,
    postgresUrl: args.pgUrl,
  });
  const app = openDatabase({ dialect: 'postgres', url: dbs.appUrl, poolSize: args.pool });
  const floorPool = new pg.Pool({ connectionString: dbs.floorUrl, max: args.pool });
  try {
    const filer = await loadFiler(app.kysely, dbs.residentIds);
    const targets: Record<'app' | 'floor', FileOne> = {
      app: (f) => fileWithApp(app.kysely, filer, f),
      floor: (f) => fileWithFloor(floorPool, filer, f),
    };
    const results: { towns: number; target: 'app' | 'floor'; figures: Figures }[] = [];
    for (const towns of [1, args.towns]) {
      for (const target of ['app', 'floor'] as const) {
        console.error(
          `  … ${towns} town(s), ${target}: ${args.warmup} s warm-up, ${args.duration} s`,
        );
        if (args.warmup > 0) await run(targets[target], filer, towns, args.warmup);
        results.push({
          towns,
          target,
          figures: await run(targets[target], filer, towns, args.duration),
        });
      }
    }
    // What the rollup triggers cost a filing: the spread once without them, once more with them
    // (bracketing the "without" run against drift), on both databases.
    const rollups: { target: 'app' | 'floor'; on: boolean; figures: Figures }[] = [];
    for (const on of [false, true]) {
      await switchRollupTriggers(dbs.appUrl, on);
      await switchRollupTriggers(dbs.floorUrl, on);
      for (const target of ['app', 'floor'] as const) {
        console.error(
          `  … ${args.towns} towns, ${target}, rollup triggers ${on ? 'on again' : 'off'}: ${args.duration} s`,
        );
        if (args.warmup > 0) await run(targets[target], filer, args.towns, args.warmup);
        rollups.push({
          target,
          on,
          figures: await run(targets[target], filer, args.towns, args.duration),
        });
      }
    }
    const get = (towns: number, target: 'app' | 'floor') =>
      results.find((r) => r.towns === towns && r.target === target)!.figures;
    // The latency at a steady stream of half the app's own closed-loop throughput (spread), by the
    // same connections, on both databases: what a filing meets below saturation.
    const rate = get(args.towns, 'app').filingsPerSecond * args.paced;
    const paced: { target: 'app' | 'floor'; figures: Figures }[] = [];
    for (const target of ['app', 'floor'] as const) {
      console.error(
        `  … ${args.towns} towns, ${target}, open loop at ${rate.toFixed(0)} filings/s: ${args.duration} s`,
      );
      if (args.warmup > 0) await run(targets[target], filer, args.towns, args.warmup, rate);
      paced.push({
        target,
        figures: await run(targets[target], filer, args.towns, args.duration, rate),
      });
    }
    const m = machine();
    out(`intake throughput on PostgreSQL (#16 point 3) — ${commandLine()}`);
    out(
      `load: ${args.connections} concurrent filers on ${args.pool} PostgreSQL connections, ${args.duration} s per mode (+${args.warmup} s warm-up); ${m.cores} cores, ${m.cpu}, load average ${m.loadAverage.join(' ')}, node ${m.node}`,
    );
    out('');
    out('towns  target  filings/s      p50 ms   p99 ms  errors');
    for (const r of results)
      out(
        `${String(r.towns).padStart(5)}  ${r.target.padEnd(6)}  ${r.figures.filingsPerSecond.toFixed(1).padStart(9)}  ${r.figures.p50.toFixed(1).padStart(9)}  ${r.figures.p99.toFixed(1).padStart(7)}  ${String(r.figures.errors).padStart(6)}`,
      );
    const one = { app: get(1, 'app'), floor: get(1, 'floor') };
    const many = { app: get(args.towns, 'app'), floor: get(args.towns, 'floor') };
    const ratios = {
      appToFloorOneTown: one.app.filingsPerSecond / one.floor.filingsPerSecond,
      appToFloorSpread: many.app.filingsPerSecond / many.floor.filingsPerSecond,
      spreadToOneTownApp: many.app.filingsPerSecond / one.app.filingsPerSecond,
      spreadToOneTownFloor: many.floor.filingsPerSecond / one.floor.filingsPerSecond,
    };
    out('');
    out(`app/floor, 1 town:            ${ratios.appToFloorOneTown.toFixed(2)}`);
    out(`app/floor, ${args.towns} towns:           ${ratios.appToFloorSpread.toFixed(2)}`);
    out(`${args.towns} towns / 1 town, app:      ${ratios.spreadToOneTownApp.toFixed(2)}`);
    out(`${args.towns} towns / 1 town, floor:    ${ratios.spreadToOneTownFloor.toFixed(2)}`);
    const rollupOf = (target: 'app' | 'floor', on: boolean) =>
      rollups.find((r) => r.target === target && r.on === on)!.figures;
    out('');
    out(`rollup triggers (${args.towns} towns)  target  filings/s      p50 ms   p99 ms  errors`);
    for (const [label, target, f] of [
      ['on (above)', 'app', many.app],
      ['off', 'app', rollupOf('app', false)],
      ['on again', 'app', rollupOf('app', true)],
      ['on (above)', 'floor', many.floor],
      ['off', 'floor', rollupOf('floor', false)],
      ['on again', 'floor', rollupOf('floor', true)],
    ] as const)
      out(
        `${label.padStart(24)}  ${target.padEnd(6)}  ${f.filingsPerSecond.toFixed(1).padStart(9)}  ${f.p50.toFixed(1).padStart(9)}  ${f.p99.toFixed(1).padStart(7)}  ${String(f.errors).padStart(6)}`,
      );
    const withOverWithout = (target: 'app' | 'floor') =>
      (target === 'app' ? many.app : many.floor).filingsPerSecond /
        2 /
        rollupOf(target, false).filingsPerSecond +
      rollupOf(target, true).filingsPerSecond / 2 / rollupOf(target, false).filingsPerSecond;
    const rollupCost = { app: withOverWithout('app'), floor: withOverWithout('floor') };
    out(`with ÷ without rollup triggers, app:   ${rollupCost.app.toFixed(2)}`);
    out(`with ÷ without rollup triggers, floor: ${rollupCost.floor.toFixed(2)}`);
    out('');
    out(
      `open loop, ${args.towns} towns, ${rate.toFixed(0)} filings/s (${args.paced} × the app's closed-loop rate), ${args.connections} connections`,
    );
    out(
      'target  filings/s      p50 ms   p95 ms   p99 ms   max ms  errors  over 50 ms (in 100 ms windows)',
    );
    for (const { target, figures: f } of paced)
      out(
        `${target.padEnd(6)}  ${f.filingsPerSecond.toFixed(1).padStart(9)}  ${f.p50.toFixed(1).padStart(9)}  ${f.p95.toFixed(1).padStart(7)}  ${f.p99.toFixed(1).padStart(7)}  ${f.max.toFixed(1).padStart(7)}  ${String(f.errors).padStart(6)}  ${f.over50} of ${f.completed} (${f.slowWindows} of ${args.duration * 10})`,
      );
    if (values.json)
      console.log(
        JSON.stringify({
          command: process.argv.slice(2),
          machine: m,
          args,
          results,
          ratios,
          rollups,
          rollupCost,
          paced: { rate, results: paced },
        }),
      );
  } finally {
    await app.close();
    await floorPool.end();
    await dbs.drop();
  }
}

await main();
