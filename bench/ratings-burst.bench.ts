/**
 * GS-13 a rating burst over HTTP, on SQLite and PostgreSQL: the rating device at the window of
 * each of a town's 18 stations rates the case just finished there, all at once, while residents
 * rate by their SMS / QR links — every rating sent `--taps` times at once (a double tap, a retried
 * link). Prints throughput, p50/p99, the count check (each rating stored exactly once: one 201 per
 * service over HTTP, one row and one audit event per service in the database) and the ratio to a
 * floor measured in the same run (bench/ratings-burst/floor.ts: bare node:http doing the same
 * database work).
 *
 *   node --import tsx bench/ratings-burst.bench.ts [--db sqlite|postgres|both] [--stations 18]
 *     [--links 20] [--taps 2] [--pg-url …] [--json]
 *
 * Its parts are in bench/ratings-burst/: args.ts, seed.ts (made through the real app),
 * burst.ts (load and count), floor.ts. The same file is the floor server with RATINGS_FLOOR=1.
 * The device shows a case for 10 minutes after it was delivered (DEVICE_WINDOW_MINUTES): the seed
 * delivers the devices' cases last, and both targets run within that window.
 */
import { fileURLToPath } from 'node:url';
import { newMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { startServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { commandLine, machine } from './lib/report.ts';
import { parseBurstArgs } from './ratings-burst/args.ts';
import { burst, dbCount, type BurstOutcome } from './ratings-burst/burst.ts';
import { runFloor } from './ratings-burst/floor.ts';
import { prepare } from './ratings-burst/seed.ts';

const SELF = fileURLToPath(import.meta.url);
const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const CONNECTIONS = 64;

type Counts = Awaited<ReturnType<typeof dbCount>>;
/** The rows a burst added: `after` less what the seeded database held before it. */
const minus = (after: Counts, before: Counts): Counts => ({
  ratings: after.ratings - before.ratings,
  twice: after.twice - before.twice,
  device: after.device - before.device,
  events: after.events - before.events,
});

async function main() {
  const args = parseBurstArgs();
  const out = (line: string) => (args.json ? console.error(line) : console.log(line));
  const progress = (line: string) => console.error(`  … ${line}`);
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (let undo = cleanups.pop(); undo; undo = cleanups.pop())
      await undo().catch((e: unknown) => console.error('cleanup failed:', e));
  };
  const abort = (why: string, code: number) => {
    console.error(`\n${why}: cleaning up`);
    void cleanUp().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  setTimeout(
    () => abort('watchdog: the bench ran far longer than planned', 2),
    30 * 60_000,
  ).unref();

  const key = newMasterKey();
  const m = machine();
  out('Doorstep bench: a 好差评 rating burst (GS-13), app vs. floor (same run)');
  out(`command: ${commandLine()}`);
  out(
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`,
  );
  out(
    `burst:   ${args.stations} stations' rating devices + ${args.stations * args.links} residents' links, each rating sent ${args.taps}× at once, ${CONNECTIONS} connections; 127.0.0.1 only`,
  );
  const rows: string[][] = [
    [
      'dialect',
      'target',
      'requests',
      'req/s',
      'ratings/s',
      'p50 ms',
      'p99 ms',
      'stored once',
      'ratio',
    ],
  ];
  const results: unknown[] = [];
  let failed = false;
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
      progress(`${dialect}: seeding ${args.stations} stations through the app`);
      const prepared = await prepare(dialect, key, args);
      cleanups.push(prepared.drop);
      const env = (url: string) => ({
        DATABASE_URL: url,
        DOORSTEP_DATA_KEY: key,
        DOORSTEP_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: prepared.dir,
      });
      const outcomes: Partial<Record<'app' | 'floor', BurstOutcome>> = {};
      // What the seeded template already holds (the demo's own ratings): the checks count the burst's.
      const seeded = await dbCount(prepared.urls.app);
      for (const target of ['floor', 'app'] as const) {
        const server =
          target === 'floor'
            ? await startServer(SELF, { ...env(prepared.urls.floor), RATINGS_FLOOR: '1' })
            : await startServer(APP_SERVER, env(prepared.urls.app));
        cleanups.push(() => server.stop());
        progress(`${dialect} ${target}: burst`);
        outcomes[target] = await burst(server.url, prepared.world, args.taps, CONNECTIONS);
        await server.stop();
        cleanups.pop();
      }
      for (const target of ['floor', 'app'] as const) {
        const o = outcomes[target]!;
        const c = minus(await dbCount(prepared.urls[target]), seeded);
        const ok =
          o.unexpected.length === 0 &&
          o.oneWinner === o.subjects &&
          c.ratings === o.subjects &&
          c.twice === 0 &&
          c.events === c.ratings &&
          c.device === args.stations;
        failed ||= !ok;
        const ratio =
          target === 'app' ? o.figures.perSecond / outcomes.floor!.figures.perSecond : null;
        results.push({ dialect, target, ...o, db: c, ok, ratio });
        rows.push([
          dialect,
          target,
          String(o.figures.requests),
          o.figures.perSecond.toFixed(0),
          (c.ratings / o.figures.seconds).toFixed(1),
          o.figures.p50.toFixed(1),
          o.figures.p99.toFixed(1),
          `${ok ? 'OK' : 'FAIL'} (${c.ratings}/${o.subjects} rows, ${o.oneWinner} one 201, ${c.device} by device)`,
          ratio === null ? '' : ratio.toFixed(2),
        ]);
        for (const u of o.unexpected) out(`!!! ${dialect} ${target}: ${u}`);
      }
      await prepared.drop();
      cleanups.splice(cleanups.indexOf(prepared.drop), 1);
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
    out('ratio = app req/s ÷ floor req/s in this run; ratings/s = ratings stored per second.');
    out(
      'stored once: one 201 per service over HTTP (the repeats 409), and in the database one rating row and one rating.recorded audit event per service.',
    );
    if (args.json) console.log(JSON.stringify({ args, machine: m, results }, null, 2));
  } finally {
    await cleanUp();
  }
  return failed ? 1 : 0;
}

if (process.env.RATINGS_FLOOR === '1') runFloor();
else
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
