/**
 * GS-10 a 赶集式 market day at one town over HTTP, on SQLite and PostgreSQL: N village stations
 * of 魏善庄镇, walk-ins and booked residents arriving, K clerks per station calling next at once,
 * filings, and the town's phone team booking callers into the next day's slots (more callers than
 * places). Prints throughput, p50/p99, the exactly-once checks (no ticket called twice, none left
 * waiting, every call won a ticket, no slot over its places) and the ratio to a floor measured in
 * the same run (bench/market-day/floor.ts: bare node:http doing the queue's database work).
 *
 *   node --import tsx bench/market-day.bench.ts [--db sqlite|postgres|both] [--stations 6]
 *     [--clerks 3] [--walk-ins 60] [--booked 20] [--callers 24] [--race-slots 4] [--pg-url …] [--json]
 *
 * Three byte-identical copies of one seeded database per dialect: `core` on the app and on the
 * floor (walk-in tickets + parallel call-next: the ratio), and the full `day` on the app.
 * Its parts are in bench/market-day/: args.ts, seed.ts, http.ts, day.ts, floor.ts, floor-db.ts.
 * The same file is the floor server when started with MARKET_FLOOR=1.
 */
import { fileURLToPath } from 'node:url';
import { newMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { commandLine, machine } from './lib/report.ts';
import { parseMarketArgs } from './market-day/args.ts';
import { dbCheck, findRaces, runDay, type DayOutcome, type DbCheck } from './market-day/day.ts';
import { runFloor } from './market-day/floor.ts';
import { prepare, type Target } from './market-day/seed.ts';

const SELF = fileURLToPath(import.meta.url);
const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));

async function main() {
  const args = parseMarketArgs();
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
  out('Doorstep bench: a 赶集式 market day at one town (GS-10), app vs. floor (same run)');
  out(`command: ${commandLine()}`);
  out(
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`,
  );
  out(
    `day:     ${args.stations} stations × (${args.walkIns} walk-ins + ${args.booked} booked) with ${args.clerks} clerks calling next each; ` +
      `${args.callers} phone callers per station for ${args.raceSlots} slots × 2 places; ` +
      `${args.stations * (1 + args.clerks)} queue connections + the phone team's; 127.0.0.1 only`,
  );
  const rows: string[][] = [
    [
      'dialect',
      'run',
      'target',
      'requests',
      'req/s',
      'calls/s',
      'p50 ms',
      'p99 ms',
      'exactly once',
      'slots',
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
      progress(`${dialect}: seeding ${args.stations} stations`);
      const prepared = await prepare(dialect, key, args);
      cleanups.push(prepared.drop);
      const env = (url: string) => ({
        DATABASE_URL: url,
        DOORSTEP_DATA_KEY: key,
        DOORSTEP_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: prepared.dir,
      });
      const start = (target: Target): Promise<RunningServer> =>
        target === 'coreFloor'
          ? startServer(SELF, { ...env(prepared.urls[target]), MARKET_FLOOR: '1' })
          : startServer(APP_SERVER, env(prepared.urls[target]));
      const outcomes: Partial<Record<Target, DayOutcome>> = {};
      const checks: Partial<Record<Target, DbCheck>> = {};
      for (const target of ['coreFloor', 'coreApp', 'day'] as const) {
        const server = await start(target);
        cleanups.push(() => server.stop());
        const races = target === 'day' ? await findRaces(server.url, prepared.world, args) : [];
        progress(`${dialect} ${target}: measuring`);
        outcomes[target] = await runDay(
          server.url,
          prepared.world,
          args,
          target === 'day' ? 'day' : 'core',
          races,
        );
        await server.stop();
        cleanups.pop();
        checks[target] = await dbCheck(prepared.urls[target], prepared.world);
      }
      for (const target of ['coreFloor', 'coreApp', 'day'] as const) {
        const o = outcomes[target]!;
        const c = checks[target]!;
        const day = target === 'day';
        const queueOk =
          o.failures.length === 0 &&
          o.emptyCalls === 0 &&
          o.called === o.issued &&
          o.distinctCalled === o.called &&
          c.tickets === o.issued &&
          c.waiting === 0 &&
          c.calledTwice === 0 &&
          c.calledEvents === o.issued &&
          (!day ||
            (c.withoutCase === 0 &&
              o.filed === o.issued &&
              c.checkedIn === args.stations * args.booked &&
              c.appointmentCases === args.stations * args.booked));
        const slotsOk =
          c.overbooked === 0 &&
          c.countMismatch === 0 &&
          (!day || o.booked === Math.min(o.places, args.stations * args.callers));
        failed ||= !queueOk || !slotsOk;
        const ratio =
          target === 'coreApp' ? o.figures.perSecond / outcomes.coreFloor!.figures.perSecond : null;
        const calls = o.called / o.figures.seconds;
        results.push({ dialect, target, ...o, db: c, queueOk, slotsOk, ratio });
        rows.push([
          dialect,
          day ? 'day' : 'core',
          target === 'coreFloor' ? 'floor' : 'app',
          String(o.figures.requests),
          o.figures.perSecond.toFixed(0),
          calls.toFixed(1),
          o.figures.p50.toFixed(1),
          o.figures.p99.toFixed(1),
          `${queueOk ? 'OK' : 'FAIL'} (${o.distinctCalled}/${o.issued} called once${day ? `, ${o.filed} filed` : ''})`,
          `${slotsOk ? 'OK' : 'FAIL'}${day ? ` (${o.booked}/${o.places} booked, ${o.full} full)` : ''}`,
          ratio === null ? '' : ratio.toFixed(2),
        ]);
        for (const f of o.failures) out(`!!! ${dialect} ${target}: ${f}`);
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
    out(
      'core = walk-in tickets + parallel call-next only, on the app and on the floor (same statements, bare node:http); ratio = app req/s ÷ floor req/s.',
    );
    out(
      'day = the app alone: also check-ins (A lane), start → file the case → link → finish per ticket, and the phone team racing for slots.',
    );
    out(
      'exactly once: every call won a ticket, no ticket twice (HTTP and one queue.ticket_called event each), none left waiting; slots: no slot over its places, rows = counter.',
    );
    if (args.json) console.log(JSON.stringify({ args, machine: m, results }, null, 2));
  } finally {
    await cleanUp();
  }
  return failed ? 1 : 0;
}

if (process.env.MARKET_FLOOR === '1') runFloor();
else
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
