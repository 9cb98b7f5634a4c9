/**
 * Issue #16 points 4–5: the case lists and the resident lookup over HTTP on a generated data set.
 * Generate first (PostgreSQL, district: ~12 min on 2 loaded cores), then measure:
 *
 *   DATABASE_URL=postgres://…/scale DATA_DIR=… node bin/doorstep.mjs generate --scale district --seed 1
 *   DATABASE_URL=postgres://…/scale DATA_DIR=… node --import tsx bench/scale.bench.ts [--seed 1] [--n 40]
 *
 * Prints p50/p95 per query — a village clerk's list, a town officer's `state=accepted`, a district
 * supervisor's first page and page 1,000 by keyset (GET /cases/page), and the lookup by ID number —
 * with the machine's load average. The same DATA_DIR as the generation (its data key).
 */
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { personAt } from '../src/modules/generate/generate.plan.ts';
import { buildApp } from '../src/server/app.ts';
import { prepare } from '../src/server/bootstrap.ts';
import { underPrefix } from '../src/shared/region-range.ts';
import { staffHttp } from './lib/staff-http.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SEED = Number(arg('seed', '1'));
const N = Number(arg('n', '40'));
const DISTRICT = '110115000000';

const config = loadConfig(process.env);
const { db, pii } = await prepare(config, { demo: false });
const app = await buildApp({ config, db, pii, now: () => new Date() });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const { login, call, close: closeClient } = staffHttp(base);

async function timed(label: string, fn: (i: number) => Promise<unknown>) {
  await fn(0); // warm
  const ms: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1);
  console.log(`${label.padEnd(52)} p50 ${q(0.5).padStart(7)} ms  p95 ${q(0.95).padStart(7)} ms`);
}

const villages = (
  await db.kysely
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'village')
    .where(underPrefix('code', '110115'))
    .orderBy('code')
    .execute()
).map((r) => r.code);
const counts = await db.kysely
  .selectFrom('cases')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
console.log(
  `scale bench: ${counts.n} cases on ${config.database.dialect}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`,
);

const village = villages[7]!;
const town = `${village.slice(0, 9)}000`;
const clerk = await login(`g${SEED}-clerk-${village}`);
const officer = await login(`g${SEED}-town-${town}`);
const supervisor = await login(`g${SEED}-supervisor-${DISTRICT}`);

await timed(`village clerk ${village}: /cases?limit=50`, () => call(clerk, '/cases?limit=50'));
await timed(`town officer ${town}: /cases/page?state=accepted`, () =>
  call(officer, '/cases/page?state=accepted&limit=50'),
);
await timed('district supervisor: /cases/page first page', () =>
  call(supervisor, '/cases/page?limit=50'),
);
let cursor: string | null = null;
const walk = performance.now();
for (let p = 1; p < 1000; p += 1) {
  const page = (await call(
    supervisor,
    `/cases/page?limit=50${cursor ? `&after=${cursor}` : ''}`,
  )) as { nextCursor: string | null };
  cursor = page.nextCursor;
}
console.log(
  `walked to page 1,000 by keyset in ${((performance.now() - walk) / 1000).toFixed(1)} s`,
);
await timed('district supervisor: /cases/page page 1,000 (keyset)', () =>
  call(supervisor, `/cases/page?limit=50&after=${cursor}`),
);
await timed('district supervisor: /cases offset 49,950 (old)', () =>
  call(supervisor, '/cases?limit=50&offset=49950'),
);
const mine: string[] = [];
for (let i = 0; mine.length < N + 1 && i < 300_000; i += 1) {
  const p = personAt(SEED, i, villages);
  if (p.homeRegionCode === village) mine.push(p.idNumber);
}
await timed('village clerk: POST /residents/lookup by ID', (i) =>
  call(clerk, '/residents/lookup', { idNumber: mine[i % mine.length] }),
);
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
closeClient();
await app.close();
await db.close();
