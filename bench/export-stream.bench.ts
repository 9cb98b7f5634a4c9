/**
 * Issue #15 X-8: a 100k-row list export, streamed (shared/list-export: the row source pages the
 * query in batches, exceljs' WorkbookWriter zips rows as they come) against the floor of the
 * same file built the non-streamed way (all rows in one array, `Workbook` + `writeBuffer`). Each
 * runs in its own child process on one SQLite file, so peak RSS (getrusage maxRSS) is its own.
 * Prints time, rows/s, peak RSS, file size and the ratios; the machine's load average alongside
 * (two cores shared with other work: read the ratios, not the absolute figures).
 *
 *   node --import tsx bench/export-stream.bench.ts [--rows 100000] [--batch 1000]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { offsetPages } from '../src/shared/list-export/export-pages.ts';
import {
  chinaDateTime,
  streamXlsx,
  type ExportColumn,
} from '../src/shared/list-export/xlsx-stream.ts';

interface Row {
  number: string;
  item: string;
  applicant: string;
  id_masked: string;
  station: string;
  state: string;
  created_at: string;
}

const COLUMNS: ExportColumn<Row>[] = [
  { zh: '办件编号', en: 'Case number', value: (r) => r.number },
  { zh: '事项', en: 'Service item', value: (r) => r.item },
  { zh: '申请人', en: 'Applicant', value: (r) => r.applicant },
  { zh: '身份证号', en: 'ID number', value: (r) => r.id_masked },
  { zh: '受理服务站', en: 'Accepting station', value: (r) => r.station },
  { zh: '状态', en: 'State', value: (r) => r.state },
  { zh: '提交时间', en: 'Filed at', value: (r) => chinaDateTime(r.created_at) },
];

const PAGE_SQL =
  'select number, item, applicant, id_masked, station, state, created_at from cases order by id limit ? offset ?';

function seed(file: string, rows: number) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`create table cases (id integer primary key, number text, item text, applicant text,
    id_masked text, station text, state text, created_at text)`);
  const insert = db.prepare(
    'insert into cases (number, item, applicant, id_masked, station, state, created_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const states = ['已受理', '审批中', '已办结', '已送达'];
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      insert.run(
        `202603${day}-${String(i % 100000).padStart(5, '0')}`,
        `城乡居民基本养老保险待遇申领 ${i % 47}`,
        `居民${i}`,
        `110115********${String(i % 10000).padStart(4, '0')}`,
        `伊庄村便民服务站 ${i % 30}`,
        states[i % states.length]!,
        new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
      );
    }
  })();
  db.close();
}

async function child(mode: string, file: string, out: string, batch: number) {
  const db = new Database(file, { readonly: true });
  const page = db.prepare(PAGE_SQL);
  const started = performance.now();
  let rows = 0;
  if (mode === 'stream') {
    const batches = offsetPages(async (limit, offset) => {
      const got = page.all(limit, offset) as Row[];
      rows += got.length;
      return got;
    }, batch);
    const body = await streamXlsx({
      sheet: { zh: '办件', en: 'Cases' },
      columns: COLUMNS,
      batches,
      lang: 'zh-CN',
      now: new Date(),
    });
    await pipeline(body, fs.createWriteStream(out));
  } else {
    // The floor: what an export without streaming does — every row, then the whole file.
    const all = db.prepare(PAGE_SQL).all(-1, 0) as Row[];
    rows = all.length;
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('办件');
    ws.columns = COLUMNS.map((c) => ({ header: c.zh, width: 16 }));
    for (const r of all) ws.addRow(COLUMNS.map((c) => c.value(r, 'zh-CN') ?? null));
    fs.writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
  }
  const ms = performance.now() - started;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ mode, rows, ms, maxRssMb, bytes: fs.statSync(out).size }) + '\n',
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '1000' },
      child: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const batch = Number(values.batch);
  if (values.child) return child(values.child, values.db!, values.out!, batch);
  const rows = Number(values.rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-export-bench-'));
  try {
    const file = path.join(dir, 'cases.sqlite');
    const seedStart = performance.now();
    seed(file, rows);
    console.log(`seeded ${rows} rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const self = fileURLToPath(import.meta.url);
    const results: Record<string, { ms: number; maxRssMb: number; bytes: number; rows: number }> =
      {};
    for (const mode of ['buffer', 'stream']) {
      const load = os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          self,
          '--child',
          mode,
          '--db',
          file,
          '--out',
          path.join(dir, `${mode}.xlsx`),
          '--batch',
          String(batch),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
      results[mode] = JSON.parse(r.stdout.trim().split('\n').pop()!) as (typeof results)[string];
      const x = results[mode];
      console.log(
        `${mode.padEnd(7)} rows ${x.rows}  ${(x.ms / 1000).toFixed(2)} s  ${Math.round((x.rows / x.ms) * 1000)} rows/s  peak RSS ${x.maxRssMb.toFixed(0)} MB  file ${(x.bytes / 1e6).toFixed(1)} MB  (load before: ${load})`,
      );
    }
    const s = results.stream!;
    const b = results.buffer!;
    console.log(
      `stream / floor: time ×${(s.ms / b.ms).toFixed(2)}, peak RSS ×${(s.maxRssMb / b.maxRssMb).toFixed(2)} (${s.maxRssMb.toFixed(0)} vs ${b.maxRssMb.toFixed(0)} MB)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
