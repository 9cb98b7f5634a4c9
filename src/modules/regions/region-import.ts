import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database, RegionLevel } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { fitsUnder, isRegionCode, isValidParentLevel } from '../../shared/region-code.ts';
import { regionSearchKey } from './region-search.ts';
import { RegionLevelSchema } from './regions.schema.ts';

export interface RegionRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: string;
}

export interface Refusal {
  /** 1-based row number in the source (a CSV's header is row 0; across a package's levels, in order). */
  row: number;
  code: string;
  reason: string;
}

export interface ImportSummary {
  read: number;
  imported: number;
  unchanged: number;
  /** Existing codes whose name changed in the source: updated, one audit event each. */
  renamed: { code: string; from: string; to: string }[];
  /** Every refused row (the CLI writes them all to a file). */
  refused: Refusal[];
  /** Codes in the database, inside the imported scope at a level the source has, not in the source. */
  retired: { code: string; name: string; level: RegionLevel }[];
}

/** Where an official source speaks for every region: under `prefix` ('' = the country), at `levels`. */
export interface RetiredScope {
  prefix: string;
  levels: RegionLevel[];
}

/** Reads CSV (`code,name,parent_code,level`) or JSON (array of {code,name,parentCode,level}). */
export function readRegionFile(file: string): RegionRow[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (path.extname(file).toLowerCase() === '.json') {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new Error('JSON region file must be an array');
    return data.map((item: unknown) => {
      const r = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const parent = scalarText(r.parentCode);
      return {
        code: scalarText(r.code),
        name: scalarText(r.name),
        parentCode: parent === '' ? null : parent,
        level: scalarText(r.level),
      };
    });
  }
  const records: Record<string, string>[] = parseCsv(text, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  return records.map((r) => ({
    code: r.code ?? '',
    name: r.name ?? '',
    parentCode: r.parent_code || r.parentCode || null,
    level: r.level ?? '',
  }));
}

/** A JSON cell as text: strings and numbers only; anything else counts as missing. */
function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Pure check of one row against the regions known so far (in the DB or accepted earlier). */
export function checkRegionRow(row: RegionRow, known: Map<string, RegionLevel>): string | null {
  if (!isRegionCode(row.code)) return 'code must have 12 digits (15 for a grid)';
  if (!row.name.trim() || row.name.length > 100)
    return 'name is empty or longer than 100 characters';
  const level = RegionLevelSchema.safeParse(row.level);
  if (!level.success) return `unknown level "${row.level}"`;
  if (row.parentCode === null)
    return level.data === 'province' ? null : 'only a province may have no parent';
  const parentLevel = known.get(row.parentCode);
  if (!parentLevel)
    return `parent ${row.parentCode} is unknown (neither in the database nor earlier in the file)`;
  if (!isValidParentLevel(parentLevel, level.data))
    return `a ${level.data} cannot sit under a ${parentLevel}`;
  if (
    !fitsUnder({ code: row.code, level: level.data }, { code: row.parentCode, level: parentLevel })
  )
    return `code does not start with its parent's prefix`;
  return null;
}

/** A human summary of an import, one line; "nothing changed" when a re-run found everything in place. */
export function summaryLine(s: ImportSummary): string {
  const counts =
    `read ${s.read} rows: ${s.imported} imported, ${s.unchanged} already present, ` +
    `${s.renamed.length} renamed, ${s.refused.length} refused, ${s.retired.length} retired`;
  return s.imported === 0 && s.renamed.length === 0 ? `${counts} — nothing changed` : counts;
}

type Existing = { name: string; parent: string | null; level: RegionLevel };

/**
 * Imports rows parent-before-child. Existing codes with the same name and parent are counted as
 * unchanged; a new name is a rename (updated, audited); rows that fail a check (or whose parent was
 * refused, or that would move a region to another parent) are reported, not written. Valid rows
 * are written in batches, each batch one transaction with one audit event for its inserts. With a
 * `retiredScope`, codes of the database the source no longer has are reported (never deleted). On
 * PostgreSQL the regions table is analysed after a bulk change, so browsing plans stay right.
 */
export async function importRegions(
  db: Kysely<Database>,
  opts: {
    rows: Iterable<RegionRow>;
    actor: AuditActor;
    now: Date;
    onProgress?: (done: number) => void;
    batchSize?: number;
    retiredScope?: RetiredScope | null;
  },
): Promise<ImportSummary> {
  const known = new Map<string, RegionLevel>();
  const existing = new Map<string, Existing>();
  for (const r of await db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code'])
    .execute()) {
    known.set(r.code, r.level);
    existing.set(r.code, { name: r.name, parent: r.parent_code, level: r.level });
  }
  const summary: ImportSummary = {
    read: 0,
    imported: 0,
    unchanged: 0,
    renamed: [],
    refused: [],
    retired: [],
  };
  const seen = new Set<string>();
  const batchSize = opts.batchSize ?? 1000;
  let inserts: RegionRow[] = [];
  let renames: { code: string; from: string; to: string }[] = [];
  const flush = async () => {
    if (inserts.length === 0 && renames.length === 0) return;
    const rows = inserts;
    const renamed = renames;
    inserts = [];
    renames = [];
    await db.transaction().execute(async (trx) => {
      if (rows.length > 0) await insertBatch(trx, rows, opts);
      for (const r of renamed) await renameRegion(trx, r, opts);
    });
    summary.imported += rows.length;
    summary.renamed.push(...renamed);
  };
  for (const row of opts.rows) {
    const i = summary.read++;
    const name = row.name.trim();
    seen.add(row.code);
    const prior = existing.get(row.code);
    if (prior) {
      if (prior.parent !== row.parentCode || prior.level !== row.level)
        summary.refused.push({
          row: i + 1,
          code: row.code,
          reason: `code exists under another parent or at another level (${prior.parent ?? 'none'}, ${prior.level})`,
        });
      else if (prior.name === name) summary.unchanged++;
      else if (!name || name.length > 100)
        summary.refused.push({
          row: i + 1,
          code: row.code,
          reason: 'name is empty or longer than 100 characters',
        });
      else {
        renames.push({ code: row.code, from: prior.name, to: name });
        existing.set(row.code, { ...prior, name });
      }
    } else {
      const problem = checkRegionRow(row, known);
      if (problem) {
        summary.refused.push({ row: i + 1, code: row.code, reason: problem });
      } else {
        known.set(row.code, row.level as RegionLevel);
        existing.set(row.code, { name, parent: row.parentCode, level: row.level as RegionLevel });
        inserts.push(row);
      }
    }
    if (inserts.length + renames.length >= batchSize) await flush();
    opts.onProgress?.(summary.read);
  }
  await flush();
  if (opts.retiredScope) summary.retired = retiredCodes(existing, seen, opts.retiredScope);
  if (summary.imported + summary.renamed.length > 0) await analyseRegions(db);
  return summary;
}

async function insertBatch(
  trx: Transaction<Database>,
  rows: RegionRow[],
  opts: { actor: AuditActor; now: Date },
) {
  await trx
    .insertInto('regions')
    .values(
      rows.map((r) => ({
        code: r.code,
        name: r.name.trim(),
        parent_code: r.parentCode,
        level: r.level as RegionLevel,
        created_at: opts.now.toISOString(),
        search_key: regionSearchKey(r.name),
      })),
    )
    .execute();
  await recordAudit(trx, {
    actor: opts.actor,
    action: 'region.imported',
    entityType: 'region_batch',
    entityId: `${rows[0]!.code}..${rows[rows.length - 1]!.code}`,
    after: { count: rows.length },
    now: opts.now,
  });
}

async function renameRegion(
  trx: Transaction<Database>,
  r: { code: string; from: string; to: string },
  opts: { actor: AuditActor; now: Date },
) {
  await trx
    .updateTable('regions')
    .set({ name: r.to, search_key: regionSearchKey(r.to) })
    .where('code', '=', r.code)
    .execute();
  await recordAudit(trx, {
    actor: opts.actor,
    action: 'region.renamed',
    entityType: 'region',
    entityId: r.code,
    regionCode: r.code,
    before: { name: r.from },
    after: { name: r.to },
    now: opts.now,
  });
}

/** Codes under the scope, at the source's levels, that the source no longer has (in code order). */
function retiredCodes(
  existing: Map<string, Existing>,
  seen: Set<string>,
  scope: RetiredScope,
): ImportSummary['retired'] {
  const levels = new Set(scope.levels);
  const retired: ImportSummary['retired'] = [];
  for (const [code, r] of existing) {
    if (!seen.has(code) && levels.has(r.level) && code.startsWith(scope.prefix))
      retired.push({ code, name: r.name, level: r.level });
  }
  return retired.sort((a, b) => a.code.localeCompare(b.code));
}

/** PostgreSQL plans from statistics: without fresh ones the children of a town took seconds. */
async function analyseRegions(db: Kysely<Database>) {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`analyze regions`.execute(db);
}
