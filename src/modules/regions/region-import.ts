import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database, RegionLevel } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { isRegionCode, isValidParentLevel, LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';
import { RegionLevelSchema } from './regions.schema.ts';

export interface RegionRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: string;
}

export interface Refusal {
  /** 1-based row number in the source (a CSV's header is row 0). */
  row: number;
  code: string;
  reason: string;
}

export interface ImportSummary {
  read: number;
  imported: number;
  unchanged: number;
  refused: Refusal[];
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
  if (!row.code.startsWith(row.parentCode.slice(0, LEVEL_PREFIX_LENGTH[parentLevel]))) {
    return `code does not start with its parent's prefix`;
  }
  return null;
}

/**
 * Imports rows parent-before-child. Existing codes with the same name and parent are counted as
 * unchanged; rows that fail a check (or whose parent was refused) are reported, not written.
 * Valid rows are written in batches, each batch one transaction with one audit event.
 */
export async function importRegions(
  db: Kysely<Database>,
  opts: {
    rows: RegionRow[];
    actor: AuditActor;
    now: Date;
    onProgress?: (done: number) => void;
    batchSize?: number;
  },
): Promise<ImportSummary> {
  const known = new Map<string, RegionLevel>();
  const existing = new Map<string, { name: string; parent: string | null }>();
  for (const r of await db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code'])
    .execute()) {
    known.set(r.code, r.level);
    existing.set(r.code, { name: r.name, parent: r.parent_code });
  }
  const summary: ImportSummary = { read: opts.rows.length, imported: 0, unchanged: 0, refused: [] };
  const batchSize = opts.batchSize ?? 500;
  let batch: RegionRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('regions')
        .values(
          rows.map((r) => ({
            code: r.code,
            name: r.name.trim(),
            parent_code: r.parentCode,
            level: r.level as RegionLevel,
            created_at: opts.now.toISOString(),
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
    });
    summary.imported += rows.length;
  };
  for (const [i, row] of opts.rows.entries()) {
    const prior = existing.get(row.code);
    if (prior) {
      if (prior.name === row.name.trim() && prior.parent === row.parentCode) summary.unchanged++;
      else
        summary.refused.push({
          row: i + 1,
          code: row.code,
          reason: 'code exists with a different name or parent',
        });
    } else {
      const problem = checkRegionRow(row, known);
      if (problem) {
        summary.refused.push({ row: i + 1, code: row.code, reason: problem });
      } else {
        known.set(row.code, row.level as RegionLevel);
        existing.set(row.code, { name: row.name.trim(), parent: row.parentCode });
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
    }
    opts.onProgress?.(i + 1);
  }
  await flush();
  return summary;
}
