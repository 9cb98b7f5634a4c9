#!/usr/bin/env node
// The whole test suite, as the README's `npm test` and CI run it:
// API contract → type-check, lint/format, module boundaries (dependency-cruiser; these side by side) → unit → integration on SQLite → integration on PostgreSQL → web build → browser journeys; the cluster tier (issue #16) runs beside unit and integration.
// The schema check (test/integration/schema-types.test.ts: a freshly migrated database against the
// row types in src/db/schema) runs in both integration tiers, so on each dialect.
// PostgreSQL: DOORSTEP_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres). Where none
// is reachable the PostgreSQL run is skipped LOUDLY; with CI=true a missing PostgreSQL fails the run.
import { spawn } from 'node:child_process';
import net from 'node:net';

const pgUrl = new URL(
  process.env.DOORSTEP_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);
const only = process.argv.slice(2);
const isCI = process.env.CI === 'true' || process.env.CI === '1';

/** Seconds per tier, printed at the end of the run (issue #12: per-tier timings). */
const timings = [];
const runStarted = Date.now();

/** Tiers running in the background: a failing tier waits for them (they tear down what they started). */
const backgrounds = [];
async function fail(code) {
  if (backgrounds.length) console.error('(waiting for the background tiers to stop cleanly)');
  await Promise.allSettled(backgrounds);
  process.exit(code);
}

async function step(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return;
  const started = Date.now();
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  // Not spawnSync: a background tier's output must keep flowing meanwhile.
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs}s`);
    await fail(status);
  }
  console.log(`✓ ${name} (${secs}s)`);
  timings.push([name, secs]);
}

/**
 * Static checks that do not depend on each other run side by side (two cores): each one's output is
 * kept and printed whole when it ends, so the log reads as if they ran one after another.
 */
async function together(steps) {
  const chosen = steps.filter(([name]) => !only.length || only.includes(name));
  const runs = chosen.map(
    ([name, cmd, args]) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(cmd, args, { env: process.env });
        const out = [];
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => out.push(d));
        child.on('close', (code) => {
          const secs = ((Date.now() - started) / 1000).toFixed(1);
          console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
          process.stdout.write(Buffer.concat(out));
          if (code === 0) console.log(`✓ ${name} (${secs}s, alongside the other static checks)`);
          else console.error(`\n✗ ${name} failed after ${secs}s`);
          timings.push([name, secs]);
          resolve(code ?? 1);
        });
      }),
  );
  const codes = await Promise.all(runs);
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) process.exit(failed);
}

/** One tier started in the background; resolves to its exit code once its whole log is printed. */
function background(name, cmd, args) {
  if (only.length && !only.includes(name)) return Promise.resolve(0);
  const started = Date.now();
  const child = spawn(cmd, args, { env: process.env });
  const out = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => out.push(d));
  const done = new Promise((resolve) => {
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')} (in the background)`);
      process.stdout.write(Buffer.concat(out));
      if (code === 0) console.log(`✓ ${name} (${secs}s, beside the other tiers)`);
      else console.error(`\n✗ ${name} failed after ${secs}s`);
      timings.push([name, secs]);
      resolve(code ?? 1);
    });
  });
  backgrounds.push(done);
  return done;
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const npx = 'npx';
// Issue #12: the web's generated API types must match the server's OpenAPI document (cheap, first).
await step('api-contract', 'node', ['--import', 'tsx', 'scripts/gen-api.mjs', '--check']);
const started = Date.now();
await together([
  ['lint', npx, ['eslint', '.']],
  ['typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']],
]);
await together([
  ['typecheck-web', npx, ['tsc', '-p', 'web/tsconfig.json', '--noEmit']],
  ['typecheck-web-resident', npx, ['tsc', '-p', 'web/tsconfig.resident.json', '--noEmit']],
  ['format', npx, ['prettier', '--check', '.']],
  ['boundaries', 'npm', ['run', 'lint:deps', '--silent']],
]);
const staticSecs = ((Date.now() - started) / 1000).toFixed(1);
// Issue #16: a real cluster (deploy/local-cluster: Patroni ×3 with etcd, HAProxy, pgbouncer, two
// app nodes) — burst across nodes, sweep once, the leader killed under load. It mostly waits
// (Patroni's bootstrap, the failover window), so it runs BESIDE unit and the integration tiers
// (issue #12: the suite's time) on its own PostgreSQL instances and ports; its log is printed
// whole when it ends. Without the Debian packages the file skips LOUDLY; with CI=true it fails
// (.ci/run installs them).
const cluster = background('cluster', npx, ['vitest', 'run', '--project', 'cluster']);
await step('unit', npx, ['vitest', 'run', '--project', 'unit']);
await step('integration-sqlite', npx, ['vitest', 'run', '--project', 'integration'], {
  DOORSTEP_TEST_DB: 'sqlite',
});

if (!only.length || only.includes('integration-postgres')) {
  if (await reachable(pgUrl.hostname, pgUrl.port || 5432)) {
    await step('integration-postgres', npx, ['vitest', 'run', '--project', 'integration'], {
      DOORSTEP_TEST_DB: 'postgres',
    });
  } else if (isCI) {
    console.error(
      `\n✗ PostgreSQL is not reachable at ${pgUrl.host} and CI=true: the PostgreSQL suite must run in CI.`,
    );
    await fail(1);
  } else {
    console.warn('\n' + '!'.repeat(78));
    console.warn(
      `!!  SKIPPED: the integration suite on PostgreSQL — nothing listens at ${pgUrl.host}.`,
    );
    console.warn(
      '!!  Start PostgreSQL or set DOORSTEP_TEST_PG_URL; CI (CI=true) fails instead of skipping.',
    );
    console.warn('!'.repeat(78) + '\n');
  }
}

await step('build-web', 'npm', ['run', 'build:web', '--silent']);
// The cluster tier ran beside unit and the integration tiers: its result is awaited here.
if ((await cluster) !== 0) process.exit(1);
await step('e2e', npx, ['vitest', 'run', '--project', 'e2e']);
console.log('\nall test steps passed');
console.log('\nper-tier timings (s):');
for (const [name, secs] of timings) console.log(`  ${name.padEnd(22)} ${secs.padStart(7)}`);
console.log(`  ${'(static checks, wall)'.padEnd(22)} ${staticSecs.padStart(7)}`);
const wall = ((Date.now() - runStarted) / 1000).toFixed(1);
console.log(`  ${'total (wall)'.padEnd(22)} ${wall.padStart(7)}`);
