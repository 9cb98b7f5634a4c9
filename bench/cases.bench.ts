/**
 * Filing a case over HTTP: the real app next to a floor (bare node:http doing the same database
 * work with the same driver), both measured in this run; prints the ratio and whether the goal
 * (≥ 0.50 of the floor, p99 < 50 ms) is met. See bench/README.md.
 *   node --import tsx bench/cases.bench.ts [--db sqlite|postgres|both] [--duration 10] [--connections 32]
 */
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../src/modules/demo/seed-demo.ts';
import {
  createPiiCipher,
  newMasterKey,
  parseMasterKey,
} from '../src/modules/residents/pii-crypto.ts';
import { parseBenchArgs, usage, type BenchArgs, type BenchDialect } from './lib/args.ts';
import {
  FILING,
  filingBody,
  measureFiling,
  type CaseInput,
  type CaseScenario,
} from './lib/case-load.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable, prepareDatabases, type BenchDatabases } from './lib/databases.ts';
import { IdSource } from './lib/ids.ts';
import { processCpuMs } from './lib/proc-cpu.ts';
import { header, machine, render, type DialectResult, type ScenarioResult } from './lib/report.ts';

const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
/** `file` is what the goal is judged on; `lookup+file` is the clerk's whole step. */
const SCENARIOS: CaseScenario[] = ['file', 'lookup+file'];
const GOAL = { ratio: 0.5, p99Ms: 50 };
/** The open-loop run's rate: this share of the app's closed-loop filings a second. */
const PACED_SHARE = 0.5;
const PACED_PREFIX = 'file, open loop at ';
const DEFAULTS = { script: 'bench/cases.bench.ts', connections: 32 };

let parsed: ReturnType<typeof parseBenchArgs>;
try {
  parsed = parseBenchArgs(process.argv.slice(2), DEFAULTS);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage(DEFAULTS)}`);
  process.exit(2);
}
if (parsed === 'help') {
  console.log(usage(DEFAULTS));
  process.exit(0);
}
const args: BenchArgs = parsed;
/** With --json, stdout carries only the JSON document; everything else goes to stderr. */
const out = (line: string) => (args.json ? console.error(line) : console.log(line));
const progress = (line: string) => console.error(`  … ${line}`);

// Everything that must be undone, newest first; each runs once, also on Ctrl-C or the watchdog.
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (let undo = cleanups.pop(); undo; undo = cleanups.pop()) {
    await undo().catch((error: unknown) => console.error('cleanup failed:', error));
  }
}
const abort = (why: string, code: number) => {
  console.error(`\n${why}: cleaning up`);
  void cleanUp().finally(() => process.exit(code));
};
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));
const perDialectSeconds = SCENARIOS.length * 2 * (args.duration + args.warmup) + 120;
setTimeout(
  () => abort('watchdog: the bench ran far longer than planned', 2),
  args.dialects.length * perDialectSeconds * 1000 * 1.5,
).unref();

async function post(url: string, body: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The app's token comes the real way: POST /api/v1/auth/tokens as the 伊庄村 clerk. */
async function issueToken(app: RunningServer): Promise<string> {
  const { status, body } = await post(
    `${app.url}/api/v1/auth/tokens`,
    JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD, label: 'bench' }),
  );
  if (status !== 201 || typeof body.token !== 'string') {
    throw new Error(`token request answered ${status}: ${JSON.stringify(body)}`);
  }
  return body.token;
}

/** One lookup and one filing must succeed, with the notice and due date the bench expects. */
async function smokeTest(server: RunningServer, input: CaseInput, name: string) {
  const found = await post(
    `${server.url}/api/v1/residents/lookup`,
    JSON.stringify({ idNumber: input.registered[0] }),
    input.token,
  );
  if (found.status !== 200 || found.body.id !== input.residentIds[0]) {
    throw new Error(`${name} smoke test: lookup ${found.status} ${JSON.stringify(found.body)}`);
  }
  const filed = await post(
    `${server.url}/api/v1/cases`,
    filingBody(input.residentIds[0]!),
    input.token,
  );
  const notice = filed.body.notice as { missing?: unknown[] } | undefined;
  if (
    filed.status !== 201 ||
    filed.body.state !== 'accepted' ||
    typeof filed.body.dueDate !== 'string' ||
    notice?.missing?.length !== 1
  ) {
    throw new Error(`${name} smoke test: filing ${filed.status} ${JSON.stringify(filed.body)}`);
  }
  return filed.body;
}

/** The floor must answer what the app answers (up to the new ids, the clock and the 查询码). */
function sameAnswer(app: Record<string, unknown>, floor: Record<string, unknown>): void {
  const stable = ({
    id,
    createdAt,
    acceptedAt,
    trackingCode,
    missingNow,
    ...rest
  }: Record<string, unknown>) => {
    void [id, createdAt, acceptedAt];
    // The 查询码 is random: 8 digits on both sides.
    if (typeof trackingCode !== 'string' || !/^\d{8}$/.test(trackingCode))
      throw new Error(`a filing answered without its tracking code: ${String(trackingCode)}`);
    // The open requests carry the filing's time too.
    const open = (missingNow as { requestedAt?: string }[] | undefined)?.map(
      ({ requestedAt, ...m }) => (void requestedAt, m),
    );
    return { ...rest, missingNow: open };
  };
  if (!isDeepStrictEqual(stable(app), stable(floor))) {
    throw new Error(
      `the floor's filing answer differs from the app's:\napp:   ${JSON.stringify(app)}\nfloor: ${JSON.stringify(floor)}`,
    );
  }
}

async function benchDialect(
  dialect: BenchDialect,
  ids: IdSource,
  dataKey: string,
): Promise<DialectResult> {
  if (dialect === 'postgres') {
    const unreachable = await postgresReachable(args.postgresUrl);
    if (unreachable) {
      const reason = `no PostgreSQL at ${args.postgresUrl} (${unreachable})`;
      console.error(`\n!!!!!!!! POSTGRES SKIPPED: ${reason} !!!!!!!!\n`);
      return { dialect, skipped: true, reason };
    }
  }
  progress(
    `${dialect}: seeding (demo regions, catalog and accounts, ${args.preRegistered} residents)`,
  );
  const pii = createPiiCipher(parseMasterKey(dataKey));
  installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(dataKey) }));
  const dbs: BenchDatabases = await prepareDatabases(dialect, {
    pii,
    ids,
    preRegistered: args.preRegistered,
    postgresUrl: args.postgresUrl,
  });
  cleanups.push(() => dbs.drop());
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-data-'));
  cleanups.push(async () => fs.rmSync(scratch, { recursive: true, force: true }));
  const env = (url: string) => ({
    DATABASE_URL: url,
    DOORSTEP_DATA_KEY: dataKey,
    DOORSTEP_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: scratch,
  });
  progress(`${dialect}: starting the app and the floor`);
  const app = await startServer(APP_SERVER, env(dbs.appUrl));
  cleanups.push(() => app.stop());
  const floor = await startServer(FLOOR_SERVER, env(dbs.floorUrl));
  cleanups.push(() => floor.stop());

  const residents = { residentIds: dbs.residentIds, registered: dbs.registered };
  const inputs = {
    app: { token: await issueToken(app), ...residents },
    floor: { token: dbs.floorToken, ...residents },
  };
  sameAnswer(
    await smokeTest(app, inputs.app, 'app'),
    await smokeTest(floor, inputs.floor, 'floor'),
  );

  const measure = async (scenario: CaseScenario, target: 'app' | 'floor', overallRate?: number) => {
    const server = target === 'app' ? app : floor;
    const opts = { connections: args.connections, overallRate };
    if (args.warmup > 0) {
      progress(`${dialect} ${scenario} ${target}: ${args.warmup} s warm-up`);
      await measureFiling(server.url, scenario, inputs[target], { ...opts, seconds: args.warmup });
    }
    progress(`${dialect} ${scenario} ${target}: ${args.duration} s`);
    const cpuBefore = processCpuMs(server.pid);
    const figures = await measureFiling(server.url, scenario, inputs[target], {
      ...opts,
      seconds: args.duration,
    });
    const cpuAfter = processCpuMs(server.pid);
    if (cpuBefore === null || cpuAfter === null || figures.completed === 0) return figures;
    return { ...figures, cpuMsPerRequest: (cpuAfter - cpuBefore) / figures.completed };
  };
  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    const appFigures = await measure(scenario, 'app');
    const floorFigures = await measure(scenario, 'floor');
    scenarios.push({
      scenario,
      app: appFigures,
      floor: floorFigures,
      ratio: appFigures.requestsPerSecond / floorFigures.requestsPerSecond,
    });
  }
  // Open loop: filings arriving steadily at half the app's closed-loop rate, over the same
  // connections, to both servers — the latency a filing meets below saturation. (A closed loop's
  // mean is connections ÷ throughput by Little's law: 32 at 250/s is 128 ms, whatever the code.)
  const filed = scenarios.find((s) => s.scenario === 'file')!;
  const rate = Math.max(1, Math.round(filed.app.requestsPerSecond * PACED_SHARE));
  const pacedApp = await measure('file', 'app', rate);
  const pacedFloor = await measure('file', 'floor', rate);
  scenarios.push({
    scenario: `${PACED_PREFIX}${rate}/s`,
    app: pacedApp,
    floor: pacedFloor,
    ratio: pacedApp.requestsPerSecond / pacedFloor.requestsPerSecond,
  });
  await cleanUp();
  return { dialect, skipped: false, scenarios };
}

interface Verdict {
  dialect: BenchDialect;
  scenario: CaseScenario;
  met: boolean;
  comparable: boolean;
  ratio: number;
  p99: number;
}

function verdicts(results: DialectResult[]): Verdict[] {
  return results.flatMap((d) =>
    d.skipped
      ? []
      : d.scenarios.map((s) => ({
          dialect: d.dialect,
          scenario: s.scenario as CaseScenario,
          met: s.ratio >= GOAL.ratio && s.app.p99 < GOAL.p99Ms,
          comparable: [s.app, s.floor].every((f) => f.non2xx === 0 && f.errors === 0),
          ratio: s.ratio,
          p99: s.app.p99,
        })),
  );
}

/** One line per dialect on POST /api/v1/cases; the lookup+file pair beside it. */
function goalLines(results: DialectResult[]): string[] {
  const all = verdicts(results);
  const line = (v: Verdict) =>
    `${v.met ? 'met' : 'not met'} (ratio ${v.ratio.toFixed(2)}, p99 ${v.p99.toFixed(1)} ms)${v.comparable ? '' : ' !!! with failed requests'}`;
  return results.map((d) => {
    if (d.skipped) return `${d.dialect}: goal not judged: SKIPPED`;
    const file = all.find((v) => v.dialect === d.dialect && v.scenario === 'file');
    const pair = all.find((v) => v.dialect === d.dialect && v.scenario === 'lookup+file');
    const paced = d.scenarios.find((s) => s.scenario.startsWith(PACED_PREFIX));
    return [
      `${d.dialect}: goal ≥ ${GOAL.ratio.toFixed(2)} of floor and p99 < ${GOAL.p99Ms} ms: ${file ? line(file) : 'not measured'}`,
      pair ? `  lookup+file (the clerk's two requests): ${line(pair)}` : '',
      paced
        ? `  p99 < ${GOAL.p99Ms} ms ${paced.scenario.slice('file, '.length)} (${PACED_SHARE} × the app's rate), ${args.connections} connections: ${paced.app.p99 < GOAL.p99Ms ? 'met' : 'not met'} (app p99 ${paced.app.p99.toFixed(1)} ms, floor ${paced.floor.p99.toFixed(1)} ms)`
        : '',
    ]
      .filter(Boolean)
      .join('\n');
  });
}

out(
  header(
    args,
    `filing a case over HTTP (${FILING.itemCode}, ${FILING.presented.length} materials presented)`,
  ),
);
const ids = new IdSource();
const dataKey = newMasterKey();
const results: DialectResult[] = [];
try {
  for (const dialect of args.dialects) results.push(await benchDialect(dialect, ids, dataKey));
} catch (error) {
  await cleanUp();
  throw error;
}
out('');
out(
  render(results, [
    'file: POST /api/v1/cases, one row per request. lookup+file: req/s (and cpu ms/req) count filings',
    '(a lookup, then the filing, on one connection); p50/p99 span both requests; non-2xx counts either.',
  ]),
);
out('');
for (const line of goalLines(results)) out(line);
if (args.json) {
  console.log(
    JSON.stringify({
      command: process.argv.slice(2),
      machine: machine(),
      goal: GOAL,
      results,
      verdicts: verdicts(results),
    }),
  );
}
