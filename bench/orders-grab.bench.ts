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
 *
 * Its parts are in bench/orders-grab/: args.ts, seed.ts (the databases), race.ts (load and checks).
 */
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import { fileURLToPath } from 'node:url';
import {
  createPiiCipher,
  newMasterKey,
  parseMasterKey,
} from '../src/modules/residents/pii-crypto.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { commandLine, machine } from './lib/report.ts';
import { parseGrabArgs } from './orders-grab/args.ts';
import { dbCheck, race, type Figures } from './orders-grab/race.ts';
import { prepare } from './orders-grab/seed.ts';

const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./orders-grab-floor.ts', import.meta.url));

const args = parseGrabArgs();
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
    const prepared = await prepare(dialect, pii, args, cleanups);
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
        await race(
          servers[target].url,
          prepared.world.warmup,
          prepared.world.tokens,
          args.concurrency,
        );
      }
      progress(`${dialect} ${target}: measuring`);
      figures[target] = await race(
        servers[target].url,
        prepared.world.measured,
        prepared.world.tokens,
        args.concurrency,
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
