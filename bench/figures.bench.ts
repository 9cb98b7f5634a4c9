/**
 * Issue #16 point 5: the figures before (aggregated live per request) and after (read from the
 * rollup tables, migration 0053), on a generated data set, in-process against the configured
 * database (the same service functions the routes call, so the ratio is the query's):
 *
 *   DATABASE_URL=postgres://…/scale DATA_DIR=… node bin/doorstep.mjs generate --scale town --seed 1
 *   DATABASE_URL=postgres://…/scale DATA_DIR=… node --import tsx bench/figures.bench.ts [--n 30]
 *
 * Prints p50/p95 of the per-station case figures (GET /cases/figures) and the VS-10 volunteer
 * figures (GET /vs/figures, the year so far and a period of whole and part months) for the
 * district and the whole city, live and from the rollups, their ratio, and the machine's load.
 * It first checks that both answer the same.
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { prepare } from '../src/server/bootstrap.ts';
import type { Actor } from '../src/shared/actor.ts';
import { stationCaseFigures } from '../src/modules/cases/case-figures.ts';
import { stationCaseFiguresLive } from '../src/modules/cases/case-figures.live.ts';
import { regionFigures } from '../src/modules/records/figures.service.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg('n', '30'));
const DISTRICT = '110115000000';
const CITY = '110000000000';

const ADMIN: Actor = {
  accountId: 'bench',
  username: 'bench',
  displayName: 'bench',
  residentId: null,
  grants: [
    {
      role: 'admin',
      regionCode: CITY,
      regionLevel: 'province',
      regionName: '北京市',
      stationId: null,
      stationName: null,
      stationKind: null,
      reachPrefix: '11',
    },
  ],
};

const config = loadConfig(process.env);
const { db } = await prepare(config, { demo: false });
const k = db.kysely;
const now = new Date();
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  return { p50: q(0.5), p95: q(0.95) };
}

async function compare(
  label: string,
  live: () => Promise<unknown>,
  rollup: () => Promise<unknown>,
) {
  assert.deepEqual(
    await rollup(),
    await live(),
    `${label}: the rollups differ from the live figures`,
  );
  const before = await timed(live);
  const after = await timed(rollup);
  const f = (x: number) => x.toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(44)} live p50 ${f(before.p50)} p95 ${f(before.p95)} ms | rollup p50 ${f(after.p50)} p95 ${f(after.p95)} ms | p95 ×${(before.p95 / after.p95).toFixed(1)}`,
  );
}

const count = async (table: 'cases' | 'vs_service_records' | 'vs_volunteers') =>
  (
    await k
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
console.log(
  `figures bench on ${config.database.dialect}: ${await count('cases')} cases, ${await count('vs_volunteers')} volunteers, ${await count('vs_service_records')} hour records; n=${N}; load average ${load()} on ${os.cpus().length} cores`,
);

const year = now.toISOString().slice(0, 4);
const periods: [string, { from?: string; to?: string }][] = [
  ['the year so far', {}],
  ['15 Mar last year – 10 Feb', { from: `${Number(year) - 1}-03-15`, to: `${year}-02-10` }],
];
for (const [scope, regionCode] of [
  ['district', DISTRICT],
  ['city', undefined],
] as const) {
  await compare(
    `case figures, ${scope}`,
    () => stationCaseFiguresLive(k, { actor: ADMIN, now, regionCode }),
    () => stationCaseFigures(k, { actor: ADMIN, now, regionCode }),
  );
}
for (const [scope, regionCode] of [
  ['district', DISTRICT],
  ['city', CITY],
] as const) {
  for (const [name, p] of periods) {
    const input = { actor: ADMIN, now, regionCode, ...p };
    await compare(
      `volunteer figures, ${scope}, ${name}`,
      () => regionFigures(k, { ...input, live: true }),
      () => regionFigures(k, input),
    );
  }
}
console.log(`load average after: ${load()}`);
await db.close();
