/**
 * Issue #16 point 4: `doorstep generate --scale tiny` on both databases, then the data used through
 * the real HTTP API: a village clerk's and a town officer's case lists, a supervisor's, a resident
 * found by their generated ID number (through the keyed hash) whose number decrypts back, every
 * workflow state present, and `audit verify` still passing (generated rows carry no audit events).
 * Refusals: a database that is not empty (without --append), production, an unknown scale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { GENERATED_STAFF_PASSWORD } from '../../src/cli/generate-command.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { CASE_STATES } from '../../src/modules/cases/case.workflow.ts';
import { personAt } from '../../src/modules/generate/generate.plan.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const KEY = Buffer.alloc(32, 5);
const SEED = 5;
const TOWN = '110115110000';

async function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    env,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => '',
    progress: new Writable({ write: (_c, _e, cb) => cb() }),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('#16 point 4: doorstep generate --scale tiny', { timeout: 240_000 }, () => {
  let testDb: TestDb;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let db: Db;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    testDb = await createTestDb();
    await testDb.db.close(); // the CLI opens its own connection
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-generate-'));
    env = {
      ...process.env,
      DATABASE_URL:
        testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`,
      DATA_DIR: dataDir,
      DOORSTEP_ENV: 'development',
      LOG_LEVEL: 'silent',
      DOORSTEP_DATA_KEY: KEY.toString('base64'),
    };
    delete env.NODE_ENV;
    delete env.DOORSTEP_REGION_SOURCE; // the bundled examples/regions-beijing.csv
    const r = await cli(env, 'generate', '--scale', 'tiny', '--seed', String(SEED));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"residents":200,.*"cases":500/);
    db = openDatabase(testDb.config);
    installAuditKeys(deriveAuditKeys({ dataKey: KEY }));
    const config = loadConfig({ DOORSTEP_ENV: 'test', LOG_LEVEL: 'silent' });
    app = await buildApp({ config, db, pii: createPiiCipher(KEY), now: () => new Date() });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(username: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: GENERATED_STAFF_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = `ds_session=${res.cookies.find((c) => c.name === 'ds_session')!.value}`;
    return (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie, ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
  }

  const villages = async () =>
    (
      await db.kysely
        .selectFrom('regions')
        .select('code')
        .where('level', '=', 'village')
        .where('code', 'like', '110115110%')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);

  it('writes cases in every workflow state, numbered YYYYMMDD-9NNNN, over about two years', async () => {
    const rows = await db.kysely
      .selectFrom('cases')
      .select(['state', 'number', 'created_at'])
      .execute();
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(CASE_STATES));
    expect(rows.every((r) => /^\d{8}-9\d{4}$/.test(r.number))).toBe(true);
    const days = rows.map((r) => Date.parse(r.created_at));
    expect((Math.max(...days) - Math.min(...days)) / 86_400_000).toBeGreaterThan(500);
  });

  it('a village clerk, the town officer and the district supervisor list cases over HTTP', async () => {
    const withCases = await db.kysely
      .selectFrom('cases')
      .select(['accepting_region_code'])
      .where('accepting_region_code', '!=', TOWN)
      .executeTakeFirstOrThrow();
    const clerk = await login(`g${SEED}-clerk-${withCases.accepting_region_code}`);
    const mine = await clerk('GET', '/cases?limit=50');
    expect(mine.statusCode, mine.body).toBe(200);
    const list = mine.json<{ acceptingStation: { name: string } }[]>();
    expect(list.length).toBeGreaterThan(0);
    const officer = await login(`g${SEED}-town-${TOWN}`);
    const accepted = await officer('GET', '/cases?state=accepted&limit=50');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<{ state: string }[]>().every((c) => c.state === 'accepted')).toBe(true);
    const supervisor = await login(`g${SEED}-supervisor-110115000000`);
    const all = await supervisor('GET', '/cases?limit=100');
    expect(all.statusCode).toBe(200);
    expect(all.json<unknown[]>()).toHaveLength(100);
  });

  it('finds a generated resident by ID number (keyed hash) and the number decrypts back', async () => {
    const person = personAt(SEED, 0, await villages());
    const clerk = await login(`g${SEED}-clerk-${person.homeRegionCode}`);
    const found = await clerk('POST', '/residents/lookup', { idNumber: person.idNumber });
    expect(found.statusCode, found.body).toBe(200);
    const resident = found.json<{ id: string; fullName: string }>();
    expect(resident.fullName).toBe(person.fullName);
    const revealed = await clerk('POST', `/residents/${resident.id}/reveal`, {
      reason: '核对生成数据',
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ idNumber: person.idNumber, phone: person.phone });
    const clear = await db.kysely
      .selectFrom('residents')
      .select('id')
      .where('id_cipher', 'like', `%${person.idNumber}%`)
      .execute();
    expect(clear).toHaveLength(0);
  });

  it('writes volunteers, a team, activities with their hour records, the rollups, ratings', async () => {
    const count = async (
      t: 'vs_volunteers' | 'vs_teams' | 'vs_team_members' | 'vs_activities' | 'ratings',
    ) =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('vs_volunteers')).toBe(50); // one resident in four at `tiny`
    expect(await count('vs_teams')).toBe(1);
    expect(await count('vs_team_members')).toBe(50);
    expect(await count('vs_activities')).toBeGreaterThan(10);
    expect(await count('ratings')).toBeGreaterThan(0);
    const records = await db.kysely
      .selectFrom('vs_service_records')
      .select(['status', 'volunteer_id', 'activity_id', 'service_date', 'half_hours'])
      .execute();
    // About eight records per volunteer at `tiny` (twenty at town, district and city).
    expect(records.length).toBeGreaterThanOrEqual(400);
    expect(records.length).toBeLessThan(430);
    expect(new Set(records.map((r) => `${r.volunteer_id}/${r.service_date}`)).size).toBe(
      records.length,
    );
    expect(records.filter((r) => r.status === 'confirmed').length).toBeGreaterThan(350);
    const { rollup } = await db.kysely
      .selectFrom('vs_area_rollups')
      .select((eb) => eb.fn.sum<number>('n').as('rollup'))
      .where('measure', '=', 'half_hours')
      .where('len', '=', 4)
      .where('period', 'like', '____-__-__')
      .executeTakeFirstOrThrow();
    const confirmed = records
      .filter((r) => r.status === 'confirmed')
      .reduce((n, r) => n + r.half_hours, 0);
    expect(Number(rollup)).toBe(confirmed);
    if (testDb.config.dialect === 'postgres') {
      // The period's monthly partitions were made first: nothing waits in DEFAULT to be moved.
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from vs_service_records_default`.execute(db.kysely);
      expect(Number(rows[0]!.n)).toBe(0);
    }
  });

  it('audit verify passes; a second run, production and an unknown scale are refused', async () => {
    const verify = await cli(env, 'audit', 'verify');
    expect(verify.code, verify.stderr + verify.stdout).toBe(0);
    const again = await cli(env, 'generate', '--scale', 'tiny');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    const prod = await cli({ ...env, NODE_ENV: 'production' }, 'generate', '--scale', 'tiny');
    expect(prod.code).toBe(2);
    expect(prod.stderr).toMatch(/production/);
    const bad = await cli(env, 'generate', '--scale', 'planet');
    expect(bad.code).toBe(2);
  });
});
