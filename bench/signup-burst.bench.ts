/**
 * VS-6 sign-up burst over HTTP: N sign-up requests (default 10,000, one per volunteer, each with its
 * own Bearer token) for an activity with P places (default 100), fired with C concurrent
 * connections at the real app and at a floor (bare node:http doing the same transaction with the
 * same driver) in the same run, each on its own copy of one seeded database. A second floor run
 * without the audit append shows what serialising on the audit chain head costs.
 * Prints throughput, p50/p99 and the count check: exactly P confirmed, N − P waitlisted numbered
 * 1 … N − P, none lost. See bench/README.md.
 *
 * `--spread K` is the city-wide burst instead: K roomy activities in K towns across the city
 * (signup-burst/spread.ts), sign-up i to activity i mod K, so the only rows the sign-ups share are
 * the city's and the districts' rollup rows of the day (migration 0064). On PostgreSQL the app also
 * runs on a copy with that rollup trigger disabled: "app ÷ app, rollups off" is what the shared
 * rows cost. Every sign-up is confirmed, and the city's rollup must equal the activities' counters.
 *
 *   node --import tsx bench/signup-burst.bench.ts [--db sqlite|postgres|both] [--requests 10000]
 *        [--places 100] [--connections 64] [--pg-url postgres://postgres@127.0.0.1:5432]
 *
 * The same file is the floor server when started with SIGNUP_FLOOR=1 (signup-burst/floor.ts).
 * Its parts are in bench/signup-burst/: args.ts, seed.ts, burst.ts (load and count check), and
 * floor.ts / floor-db.ts (the floor).
 */
import { fileURLToPath } from 'node:url';
import { newMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { machine } from './lib/report.ts';
import { parse, spreadActivityId, WARM_ID, WARM_UP } from './signup-burst/args.ts';
import { burst, countCheck, type Count, type Figures } from './signup-burst/burst.ts';
import { runFloor } from './signup-burst/floor.ts';
import { prepare } from './signup-burst/seed.ts';

const SELF = fileURLToPath(import.meta.url);
const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));

async function main() {
  const args = parse();
  const key = newMasterKey();
  const m = machine();
  console.log(`Doorstep bench: VS-6 sign-up burst over HTTP, app vs. floor (same run)`);
  console.log(
    `command: node --import tsx bench/signup-burst.bench.ts ${process.argv.slice(2).join(' ')}`,
  );
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, load average ${m.loadAverage.join(' ')}`,
  );
  const where =
    args.spread > 0
      ? `spread over ${args.spread} activities in ${args.spread} towns of the city, room for all`
      : `for ${args.places} places`;
  console.log(
    `load:    ${args.requests} sign-ups (one per volunteer, own Bearer token) ${where}, ${args.connections} connections, 127.0.0.1, after ${WARM_UP} unrecorded warm-up sign-ups on another activity`,
  );
  const rows: string[][] = [
    [
      'dialect',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'statuses',
      'confirmed',
      'waitlisted',
      'rows',
      'count check',
      'city rollup',
      'ratio',
    ],
  ];
  let allOk = true;
  const notes: string[] = [];
  for (const dialect of args.dialects) {
    if (dialect === 'postgres') {
      const why = await postgresReachable(args.pgUrl);
      if (why) {
        console.log(`!!! POSTGRES SKIPPED: ${why}`);
        continue;
      }
    }
    console.error(`  … ${dialect}: seeding ${args.requests} volunteers`);
    const dbs = await prepare(dialect, key, args);
    try {
      const results: { target: string; f: Figures; c: Count }[] = [];
      const targets = [
        ['floor', SELF, dbs.urls.floor, { SIGNUP_FLOOR: '1' }],
        [
          'floor, no audit',
          SELF,
          dbs.urls.floorNoAudit,
          { SIGNUP_FLOOR: '1', SIGNUP_FLOOR_AUDIT: '0' },
        ],
        ['app', APP_SERVER, dbs.urls.app, {}],
        ...(dbs.urls.appNoRollups
          ? ([['app, rollups off', APP_SERVER, dbs.urls.appNoRollups, {}]] as const)
          : []),
      ] as const;
      // --app-first runs the app before the floors (on a busy machine the load drifts during a run).
      const order = args.appFirst ? [...targets.slice(2), targets[0], targets[1]] : targets;
      const activity =
        args.spread > 0 ? (i: number) => spreadActivityId(i % args.spread) : undefined;
      for (const [target, entry, url, extra] of order) {
        console.error(`  … ${dialect}: ${target}`);
        let server: RunningServer | null = null;
        try {
          server = await startServer(entry, {
            DATABASE_URL: url,
            DOORSTEP_DATA_KEY: key,
            DOORSTEP_ENV: 'test',
            LOG_LEVEL: 'silent',
            SWEEP_INTERVAL_SECONDS: '0',
            ...extra,
          });
          // Unrecorded warm-up (JIT, statement caches, pool) on the other activity.
          await burst(server.url, dbs.tokens.slice(0, WARM_UP), args.connections, WARM_ID);
          const f = await burst(server.url, dbs.tokens, args.connections, activity);
          await server.stop();
          server = null;
          results.push({ target, f, c: await countCheck(url, args) });
        } finally {
          if (server) await server.stop();
        }
      }
      const floor = results.find((r) => r.target === 'floor')!.f.perSecond;
      for (const { target, f, c } of results) {
        const rollupsOff = target.includes('rollups off');
        const cityOk = !c.city || rollupsOff || c.city.rollup === c.city.live;
        const ok =
          cityOk &&
          c.auditChainOk &&
          c.confirmed ===
            (args.spread > 0 ? args.requests : Math.min(args.places, args.requests)) &&
          c.confirmedCount === c.confirmed &&
          c.rows === args.requests &&
          c.queueOk &&
          (f.statuses['201'] ?? 0) === args.requests &&
          (target.includes('no audit') || c.auditEvents === args.requests);
        allOk &&= ok;
        rows.push([
          dialect,
          target,
          f.perSecond.toFixed(0),
          f.p50.toFixed(1),
          f.p99.toFixed(1),
          Object.entries(f.statuses)
            .map(([s, n]) => `${s}×${n}`)
            .join(' '),
          String(c.confirmed),
          String(c.waitlisted),
          String(c.rows),
          ok ? 'OK' : 'FAILED',
          !c.city
            ? '-'
            : rollupsOff
              ? 'off'
              : `${c.city.rollup}${c.city.rollup === c.city.live ? '=' : '≠'}${c.city.live}`,
          (f.perSecond / floor).toFixed(2),
        ]);
      }
      const app = results.find((r) => r.target === 'app')?.f;
      const off = results.find((r) => r.target === 'app, rollups off')?.f;
      if (app && off)
        notes.push(
          `${dialect}: app ÷ app with rollups off = ${(app.perSecond / off.perSecond).toFixed(2)} (req/s), p99 ${app.p99.toFixed(0)} vs ${off.p99.toFixed(0)} ms`,
        );
    } finally {
      await dbs.drop();
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    rows
      .map((r) =>
        r
          .map((c, i) =>
            i < 2 || i === 5 || i === 10 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
          )
          .join('  '),
      )
      .join('\n'),
  );
  console.log(
    'ratio = req/s ÷ the floor (with audit) of the same dialect. count check: exactly `places` confirmed (rows and counter agree), the rest waitlisted 1…N−places, every request answered 201, one audit event per sign-up, and `audit verify` passes.',
  );
  if (args.spread > 0)
    console.log(
      'spread: every sign-up confirmed; city rollup = the city’s sign-ups in vs_area_rollups = the activities’ counters.',
    );
  for (const n of notes) console.log(n);
  if (!allOk) process.exitCode = 1;
}

if (process.env.SIGNUP_FLOOR === '1') await runFloor();
else await main();
