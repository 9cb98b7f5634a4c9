/**
 * Issue #15 point 3: a 100,000-resident Excel import through the importer's code path (stream
 * the .xlsx, check every row — GB 11643, phone, village by name within reach, duplicates in the
 * file and against the registry — plan, then apply in ONE transaction with one audit event), on a
 * fresh migrated database with one town of 40 villages. Next to it, measured in the same run on
 * the same file and database, a FLOOR: stream the same file with the same exceljs reader, parse
 * the ID, hash and encrypt it (the same cipher), and insert the rows with plain multi-row inserts
 * in one transaction into a scratch table of the same shape — the work no importer can skip. The
 * ratio floor/import says what the checks, the plan and the registry look-ups cost. Prints time,
 * rows/s, peak RSS and the machine's load. Nothing is asserted; see bench/README.md.
 *
 *   node --import tsx bench/residents-import.bench.ts [--db sqlite|postgres|both] [--rows 100000]
 *
 * PostgreSQL: DOORSTEP_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
 * scratch database is created and dropped.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import { applyImport, CLI_MAX_ROWS } from '../src/modules/imports/import-run.ts';
import { cellText, writeImportWorkbook } from '../src/modules/imports/import-sheet.ts';
import {
  buildIdNumber,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
} from '../src/modules/residents/id-number.ts';
import { createPiiCipher, newMasterKey, parseMasterKey } from '../src/shared/pii-crypto.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const which = option('db', 'sqlite');
if (!['sqlite', 'postgres', 'both'].includes(which)) {
  console.error('--db sqlite|postgres|both');
  process.exit(2);
}
const ROWS = Number(option('rows', '100000'));
const TOWN = '110115110000';
const VILLAGES = Array.from({ length: 40 }, (_, i) => ({
  code: `110115110${String(201 + i)}`,
  name: `${'东南西北中新华安平和兴隆福寿康宁永昌盛丰乐清河山水田林石桥庄营堡屯店集镇沟口湾坪岭'[i]}庄村村委会`,
}));

const key = parseMasterKey(newMasterKey());
installAuditKeys(deriveAuditKeys({ dataKey: key }));
const pii = createPiiCipher(key);

function rowsOf(n: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    // a distinct (birth date, sequence) per row: 60 years × 12 months × 28 days × 999 sequences
    const ymd = [1930 + (i % 60), 1 + (Math.floor(i / 60) % 12), 1 + (Math.floor(i / 720) % 28)];
    const seq = 1 + (Math.floor(i / 20_160) % 999);
    const id = buildIdNumber(
      '110115',
      ymd.map((x) => String(x).padStart(2, '0')).join(''),
      String(seq).padStart(3, '0'),
    );
    const village = VILLAGES[i % VILLAGES.length]!.name.replace('村委会', '');
    rows.push([
      id,
      `居民${i}`,
      `139${String(i).padStart(8, '0')}`,
      village,
      `${village}${i % 300} 号`,
    ]);
  }
  return rows;
}

async function openTarget(dialect: 'sqlite' | 'postgres', dir: string) {
  if (dialect === 'sqlite')
    return {
      db: openDatabase({ dialect: 'sqlite', file: path.join(dir, 'doorstep.sqlite') }),
      drop: async () => {},
    };
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

async function seedRegions(db: Db) {
  const at = new Date().toISOString();
  const region = (
    code: string,
    name: string,
    parent: string | null,
    level: 'district' | 'town' | 'village',
  ) => ({
    code,
    name,
    parent_code: parent,
    level,
    created_at: at,
    search_key: `|${name}|`,
  });
  await db.kysely
    .insertInto('regions')
    .values([
      region('110115000000', '大兴区', null, 'district'),
      region(TOWN, '魏善庄镇', '110115000000', 'town'),
      ...VILLAGES.map((v) => region(v.code, v.name, TOWN, 'village')),
    ])
    .execute();
}

/** Samples RSS while `fn` runs; returns its seconds and the peak. */
async function measured<T>(fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t = performance.now();
  try {
    const result = await fn();
    return {
      result,
      seconds: (performance.now() - t) / 1000,
      peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

/** The floor: stream, parse, hash and encrypt, plain inserts in one transaction. */
async function floor(db: Db, file: Buffer): Promise<number> {
  await sql`create table residents_floor as select * from residents where 1 = 0`.execute(db.kysely);
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const now = new Date().toISOString();
  const rows: Record<string, unknown>[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number === 1) continue;
      const v = row.values as unknown[];
      const id = parseIdNumber(cellText(v[1] as never), '2026-12-05');
      if (!id.ok) throw new Error(`floor: row ${row.number}`);
      const phone = cellText(v[3] as never);
      rows.push({
        id: crypto.randomUUID(),
        full_name: cellText(v[2] as never),
        sex: id.sex,
        birth_date: id.birthDate,
        id_hash: pii.lookupHash(id.value),
        id_cipher: pii.encrypt(id.value),
        id_masked: maskIdNumber(id.value),
        phone_cipher: pii.encrypt(phone),
        phone_masked: maskPhone(phone),
        home_region_code: VILLAGES[0]!.code,
        address: cellText(v[5] as never),
        registered_station_id: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      });
    }
    break;
  }
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('residents_floor' as 'residents')
        .values(rows.slice(i, i + 500) as never)
        .execute();
  });
  return rows.length;
}

async function run(dialect: 'sqlite' | 'postgres', file: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-import-bench-'));
  const target = await openTarget(dialect, dir);
  try {
    await migrateToLatest(target.db);
    await seedRegions(target.db);
    const deps = { db: target.db.kysely, pii };
    const input = {
      kind: 'residents' as const,
      file,
      actor: { system: 'cli' as const },
      requestId: null,
      now: new Date(),
      maxRows: CLI_MAX_ROWS,
    };
    const f = await measured(() => floor(target.db, file));
    console.log(
      `${dialect} floor:  ${f.result} rows in ${f.seconds.toFixed(1)} s — ${Math.round(f.result / f.seconds)} rows/s, peak RSS ${f.peakMb} MB`,
    );
    const a = await measured(() => applyImport(deps, input));
    const c = a.result.counts;
    console.log(
      `${dialect} import: ${a.result.total} rows in ${a.seconds.toFixed(1)} s — ${Math.round(a.result.total / a.seconds)} rows/s, peak RSS ${a.peakMb} MB (created ${c.create}, refused ${c.refused})`,
    );
    console.log(`${dialect} ratio floor/import: ${(f.seconds / a.seconds).toFixed(2)}`);
    const r = await measured(() => applyImport(deps, { ...input, now: new Date() }));
    console.log(
      `${dialect} re-import: ${r.result.counts.unchanged} unchanged, ${r.result.counts.create} created in ${r.seconds.toFixed(1)} s — ${Math.round(r.result.total / r.seconds)} rows/s, peak RSS ${r.peakMb} MB`,
    );
  } finally {
    await target.db.close();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [l1, l5] = os.loadavg();
console.log(
  `machine: ${os.cpus().length} cores, load ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min), node ${process.version}`,
);
let t = performance.now();
const file = await writeImportWorkbook('residents', rowsOf(ROWS));
console.log(
  `file: ${ROWS} rows, ${(file.length / 2 ** 20).toFixed(1)} MB .xlsx, written in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
for (const dialect of which === 'both'
  ? (['sqlite', 'postgres'] as const)
  : ([which] as ['sqlite' | 'postgres'])) {
  t = performance.now();
  await run(dialect, file);
}
const [e1] = os.loadavg();
console.log(`machine load at the end: ${e1!.toFixed(2)} (1 min)`);
