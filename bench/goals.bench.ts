/**
 * Issue #16, "Goals, measured": every read goal of the city milestone over HTTP on a generated data
 * set, printed as one table with the data's size and the machine's load, so the same command at
 * town, district (and city, where the disk and time allow) gives the growth curve:
 *
 *   DATABASE_URL=postgres://…/scale DATA_DIR=… node bin/doorstep.mjs generate --scale district --seed 1
 *   DATABASE_URL=postgres://…/scale DATA_DIR=… node --import tsx bench/goals.bench.ts [--seed 1] [--n 200] [--warm 100]
 *
 * Rows: a resident lookup by ID number — then the same on a second server with the actor cache off
 * (DOORSTEP_ACTOR_CACHE_MS=0: the session's round trip before every lookup) and again on the first,
 * so the cache's gain is read within one run; a station's case list, first page and its deepest page by
 * keyset; a district supervisor's list, first page and page 1,000 by keyset; the per-station case
 * figures (the whole city also by keyset: its first and last page of 100 stations) and the
 * volunteer figures (VS-10) for the district and the whole city; a volunteer's
 * record; the dashboard's drill-down (summed by the server) for the district by town and the city by
 * district. One client, one request at a time, each row after `--warm` unrecorded calls (a server's
 * steady state: JIT, pool, caches — with one warm-up call the lookup read 3.5 / 5.9 ms, with 300
 * 2.5 / 4.6) and then `--n` timed ones (p95 of 40 is the 38th: too few). The server runs in a
 * child process (`bench/lib/app-server.ts`), as a node would; `--server inline` runs it in this
 * process. "node CPU / request" is the CPU time of the server and the client per request (the
 * child's from /proc) — unlike the wall time it barely moves with the machine's load; on PostgreSQL
 * the database's own CPU is not in it. The city-wide figures
 * need a city-wide reader: the bench adds `bench-city-supervisor` (the generated staff password)
 * the first time it runs on a data set. The app logs at `warn` unless LOG_LEVEL says otherwise.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { GENERATED_STAFF_PASSWORD } from '../src/cli/generate-command.ts';
import { insertStaffAccounts, staffPasswordHash } from '../src/modules/auth/account-batch.ts';
import { personAt } from '../src/modules/generate/generate.plan.ts';
import { buildApp } from '../src/server/app.ts';
import { prepare } from '../src/server/bootstrap.ts';
import { startServer } from './lib/child.ts';
import { processCpuMs } from './lib/proc-cpu.ts';
import { staffHttp } from './lib/staff-http.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SEED = Number(arg('seed', '1'));
const N = Number(arg('n', '200'));
/** Unrecorded calls before each row's timed ones. */
const WARM = Number(arg('warm', '100'));
const DISTRICT = '110115000000';
const CITY = '110000000000';
const CITY_READER = 'bench-city-supervisor';

// Quiet unless asked: the app would log every timed request at info.
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const { db, pii, dataKey } = await prepare(config, { demo: false });
// The server runs in its own process as a node would (`--server inline`: in this one, sharing the
// client's event loop — what this bench did before stop 33).
const INLINE = arg('server', 'child') === 'inline';
const server = INLINE
  ? null
  : await startServer(fileURLToPath(new URL('./lib/app-server.ts', import.meta.url)), {
      DOORSTEP_DATA_KEY: dataKey.toString('base64'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
const app = INLINE ? await buildApp({ config, db, pii, now: () => new Date() }) : null;
const base = app ? await app.listen({ port: 0, host: '127.0.0.1' }) : server!.url;
/** The server's CPU so far (ms): 0 inline, where this process's own CPU already holds it. */
const serverCpu = () => (server ? (processCpuMs(server.pid) ?? 0) : 0);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const { login, call, close: closeClient } = staffHttp(base);

interface Row {
  label: string;
  goal: number;
  p50: number;
  p95: number;
  cpu: number;
}
const rows: Row[] = [];

async function timed(
  label: string,
  goal: number,
  fn: (i: number) => Promise<unknown>,
  cpuOfServer: () => number = serverCpu,
) {
  for (let i = 0; i < WARM; i += 1) await fn(i); // warm: JIT, the pool, the caches
  const ms: number[] = [];
  const cpuBefore = process.cpuUsage();
  const serverBefore = cpuOfServer();
  for (let i = 0; i < N; i += 1) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpuBefore);
  const cpu = ((used.user + used.system) / 1000 + cpuOfServer() - serverBefore) / N;
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  rows.push({ label, goal, p50: q(0.5), p95: q(0.95), cpu });
  console.log(
    `  ${label}: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, node CPU ${cpu.toFixed(1)} ms`,
  );
}

async function walk(cookie: string, path: string, pages: number) {
  let cursor: string | null = null;
  let reached = 0;
  for (let p = 1; p < pages; p += 1) {
    const page = (await call(cookie, `${path}${cursor ? `&after=${cursor}` : ''}`)) as {
      nextCursor: string | null;
    };
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    reached = p;
  }
  return { cursor, page: reached + 1 };
}

const count = async (table: 'residents' | 'cases' | 'vs_volunteers' | 'vs_service_records') =>
  Number(
    (
      await db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const size = {
  residents: await count('residents'),
  cases: await count('cases'),
  volunteers: await count('vs_volunteers'),
  hourRecords: await count('vs_service_records'),
};
const loadBefore = load();
console.log(
  `goals bench on ${config.database.dialect}: ${JSON.stringify(size)}; load average ${loadBefore} on ${os.cpus().length} cores`,
);

if (
  !(await db.kysely
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', CITY_READER)
    .executeTakeFirst())
) {
  const passwordHash = await staffPasswordHash(GENERATED_STAFF_PASSWORD);
  await db.kysely.transaction().execute((trx) =>
    insertStaffAccounts(trx, {
      accounts: [
        {
          username: CITY_READER,
          displayName: 'bench',
          role: 'supervisor',
          regionCode: CITY,
          stationId: null,
        },
      ],
      passwordHash,
      now: new Date(),
    }),
  );
}

const villages = (
  await db.kysely
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'village') // the generated scope's villages, in the generator's order
    .orderBy('code')
    .execute()
).map((r) => r.code);
const village = villages[7]!;
const clerk = await login(`g${SEED}-clerk-${village}`);
const supervisor = await login(`g${SEED}-supervisor-${DISTRICT}`);
const city = await login(CITY_READER);

const mine: string[] = [];
for (let i = 0; mine.length < N + 1 && i < size.residents; i += 1) {
  const p = personAt(SEED, i, villages);
  if (p.homeRegionCode === village) mine.push(p.idNumber);
}
await timed('resident lookup by ID (POST /residents/lookup)', 5, (i) =>
  call(clerk, '/residents/lookup', { idNumber: mine[i % mine.length] }),
);
// The same on a second node with the actor cache off (two round trips a request: the actor, then
// the lookup), as the floor the cache is measured against in this run.
if (!INLINE) {
  const uncached = await startServer(
    fileURLToPath(new URL('./lib/app-server.ts', import.meta.url)),
    {
      DOORSTEP_DATA_KEY: dataKey.toString('base64'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DOORSTEP_ACTOR_CACHE_MS: '0',
    },
  );
  const other = staffHttp(uncached.url);
  const clerkThere = await other.login(`g${SEED}-clerk-${village}`);
  await timed(
    'the same lookup, actor cache off (DOORSTEP_ACTOR_CACHE_MS=0)',
    5,
    (i) => other.call(clerkThere, '/residents/lookup', { idNumber: mine[i % mine.length] }),
    () => processCpuMs(uncached.pid) ?? 0,
  );
  await timed('resident lookup by ID, again (cache on)', 5, (i) =>
    call(clerk, '/residents/lookup', { idNumber: mine[i % mine.length] }),
  );
  other.close();
  await uncached.stop();
}

await timed(`a station's case list, first page (${village})`, 50, () =>
  call(clerk, '/cases/page?limit=50'),
);
const deep = await walk(clerk, '/cases/page?limit=50', 1000);
await timed(`a station's case list, page ${deep.page} by keyset (its last)`, 50, () =>
  call(clerk, `/cases/page?limit=50${deep.cursor ? `&after=${deep.cursor}` : ''}`),
);
await timed('a district supervisor’s case list, first page', 50, () =>
  call(supervisor, '/cases/page?limit=50'),
);
const far = await walk(supervisor, '/cases/page?limit=50', 1000);
await timed(`a district supervisor’s case list, page ${far.page} by keyset`, 50, () =>
  call(supervisor, `/cases/page?limit=50${far.cursor ? `&after=${far.cursor}` : ''}`),
);

await timed('case figures per station, the district', 200, () =>
  call(supervisor, `/cases/figures?regionCode=${DISTRICT}`),
);
await timed('case figures per station, the whole city', 200, () =>
  call(city, `/cases/figures?regionCode=${CITY}`),
);
// The same table by keyset (GET /cases/figures/page): only a page's stations are read.
await timed('case figures per station, the whole city, first page of 100', 200, () =>
  call(city, `/cases/figures/page?limit=100&regionCode=${CITY}`),
);
const lastStations = await walk(city, `/cases/figures/page?limit=100&regionCode=${CITY}`, 1000);
await timed(
  `case figures per station, the whole city, page ${lastStations.page} of 100 (its last)`,
  200,
  () =>
    call(
      city,
      `/cases/figures/page?limit=100&regionCode=${CITY}${lastStations.cursor ? `&after=${lastStations.cursor}` : ''}`,
    ),
);
await timed('case figures drill-down, the district by town', 200, () =>
  call(supervisor, `/cases/figures/drill?by=town&regionCode=${DISTRICT}`),
);
await timed('case figures drill-down, the whole city by district', 200, () =>
  call(city, '/cases/figures/drill?by=district'),
);
await timed('volunteer figures (VS-10), the district', 200, () =>
  call(supervisor, `/vs/figures?regionCode=${DISTRICT}`),
);
await timed('volunteer figures (VS-10), the whole city', 200, () =>
  call(city, `/vs/figures?regionCode=${CITY}`),
);

const busiest = await db.kysely
  .selectFrom('vs_service_records')
  .select(['volunteer_id', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('volunteer_id')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirst();
// Read by the city-wide reader: the busiest volunteer may live outside the district.
if (busiest)
  await timed(`a volunteer’s record (${busiest.n} hour records)`, 50, () =>
    call(city, `/vs/records/${busiest.volunteer_id}`),
  );

console.log(
  `\n| request | goal p95 | p50 | p95 | node CPU / request | met |\n| --- | --- | --- | --- | --- | --- |\n${rows
    .map(
      (r) =>
        `| ${r.label} | < ${r.goal} ms | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.cpu.toFixed(1)} ms | ${r.p95 < r.goal ? 'yes' : 'no'} |`,
    )
    .join('\n')}`,
);
console.log(
  `\n${size.cases} cases, ${size.residents} residents, ${size.volunteers} volunteers, ${size.hourRecords} hour records on ${config.database.dialect}; load average before ${loadBefore}, after ${load()}`,
);
closeClient();
await app?.close();
await server?.stop();
await db.close();
