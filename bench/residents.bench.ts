/**
 * Resident registration and lookup over HTTP: the real app next to a floor (bare node:http doing
 * the same database work with the same driver), both measured in this run; prints the ratio.
 * See bench/README.md.  node --import tsx bench/residents.bench.ts [--db sqlite|postgres|both]
 */
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../src/modules/demo/seed-demo.ts';
import {
  createPiiCipher,
  newMasterKey,
  parseMasterKey,
} from '../src/modules/residents/pii-crypto.ts';
import { parseBenchArgs, USAGE, type BenchArgs, type BenchDialect } from './lib/args.ts';
import { startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable, prepareDatabases, type BenchDatabases } from './lib/databases.ts';
import { IdSource, residentBody } from './lib/ids.ts';
import { measure, type ScenarioInput, type ScenarioName } from './lib/load.ts';
import { header, machine, render, type DialectResult, type ScenarioResult } from './lib/report.ts';

const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
/** Lookup first, so both targets look up in identical tables; then registration. */
const SCENARIOS: ScenarioName[] = ['lookup', 'register'];

let parsed: ReturnType<typeof parseBenchArgs>;
try {
  parsed = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed === 'help') {
  console.log(USAGE);
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

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The app's token comes the real way: POST /api/v1/auth/tokens as the 伊庄村 clerk. */
async function issueToken(app: RunningServer): Promise<string> {
  const { status, body } = await post(`${app.url}/api/v1/auth/tokens`, {
    username: 'clerk',
    password: DEMO_PASSWORD,
    label: 'bench',
  });
  if (status !== 201 || typeof body.token !== 'string') {
    throw new Error(`token request answered ${status}: ${JSON.stringify(body)}`);
  }
  return body.token;
}

/** One registration and one lookup must succeed before load is worth measuring. */
async function smokeTest(server: RunningServer, input: ScenarioInput, name: string) {
  const created = await post(
    `${server.url}/api/v1/residents`,
    residentBody(input.ids),
    input.token,
  );
  const found = await post(
    `${server.url}/api/v1/residents/lookup`,
    { idNumber: input.registered[0] },
    input.token,
  );
  if (created.status !== 201 || found.status !== 200 || found.body.idMasked === undefined) {
    throw new Error(
      `${name} smoke test failed: register ${created.status} ${JSON.stringify(created.body)}, lookup ${found.status}`,
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
  progress(`${dialect}: seeding (demo regions and accounts, ${args.preRegistered} residents)`);
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

  const inputs = {
    app: { token: await issueToken(app), ids, registered: dbs.registered },
    floor: { token: dbs.floorToken, ids, registered: dbs.registered },
  };
  await smokeTest(app, inputs.app, 'app');
  await smokeTest(floor, inputs.floor, 'floor');

  const load = async (scenario: ScenarioName, target: 'app' | 'floor') => {
    const server = target === 'app' ? app : floor;
    const opts = { connections: args.connections };
    if (args.warmup > 0) {
      progress(`${dialect} ${scenario} ${target}: ${args.warmup} s warm-up`);
      await measure(server.url, scenario, inputs[target], { ...opts, seconds: args.warmup });
    }
    progress(`${dialect} ${scenario} ${target}: ${args.duration} s`);
    return measure(server.url, scenario, inputs[target], { ...opts, seconds: args.duration });
  };
  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    const appFigures = await load(scenario, 'app');
    const floorFigures = await load(scenario, 'floor');
    scenarios.push({
      scenario,
      app: appFigures,
      floor: floorFigures,
      ratio: appFigures.requestsPerSecond / floorFigures.requestsPerSecond,
    });
  }
  await cleanUp();
  return { dialect, skipped: false, scenarios };
}

out(header(args));
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
out(render(results));
if (args.json) {
  console.log(JSON.stringify({ command: process.argv.slice(2), machine: machine(), results }));
}
