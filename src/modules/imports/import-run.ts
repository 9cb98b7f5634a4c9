/**
 * Issue #15 point 3: one pipeline for every import — read the file (headers, size, rows), plan
 * each row with the kind's pure rules, and either return the plan (dry run) or carry it out in ONE
 * transaction with one audit event (apply). Apply refuses the whole file while any row is refused.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  auditActor,
  authorize,
  isSystemActor,
  reachPrefixes,
  type Caller,
} from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ImportKind } from './import-columns.ts';
import type { ImportPlan, ProgressFn } from './import-plan.ts';
import { readImportSheet, type SheetRow } from './import-sheet.ts';
import { planResidentImport, writeResidentImport } from './import-residents.ts';
import { ROW_REASONS } from './resident-rows.rules.ts';
import './imports.problems.ts';
import { IMPORTERS } from './imports.access.ts';

export { IMPORTERS };

/** Rows one upload may carry; the operator's CLI allows more. */
export const HTTP_MAX_ROWS = 20_000;
export const CLI_MAX_ROWS = 200_000;

export interface ImportDeps {
  db: Kysely<Database>;
  pii: PiiCipher;
}

export interface ImportInput {
  kind: ImportKind;
  file: Buffer;
  actor: Caller;
  now: Date;
  maxRows?: number;
  onProgress?: ProgressFn;
}

function reachOfCaller(actor: Caller): {
  reach: string[];
  stationId: string | null;
  grant?: ReturnType<typeof authorize>;
} {
  if (isSystemActor(actor)) return { reach: [''], stationId: null };
  const grant = authorize(actor, IMPORTERS);
  return { reach: reachPrefixes(actor, IMPORTERS), stationId: grant.stationId, grant };
}

async function readRows(input: ImportInput): Promise<SheetRow[]> {
  return readImportSheet(input.kind, input.file, {
    maxRows: input.maxRows ?? HTTP_MAX_ROWS,
    onRow: (n) => input.onProgress?.({ phase: 'read', done: n, total: 0 }),
  });
}

/** What the import would do, row by row; nothing is written. */
export async function dryRunImport(deps: ImportDeps, input: ImportInput): Promise<ImportPlan> {
  const who = reachOfCaller(input.actor);
  const rows = await readRows(input);
  const work = await planResidentImport(
    { db: deps.db, pii: deps.pii, reach: who.reach, now: input.now, onProgress: input.onProgress },
    rows,
  );
  return work.plan;
}

/** The reasons of refused rows as problem field errors, in the locale's words. */
export function refusedErrors(plan: ImportPlan, max = 200) {
  return plan.rows
    .filter((r) => r.action === 'refused')
    .slice(0, max)
    .map((r) => ({
      path: `row ${r.row}`,
      message: (r.reasons ?? [])
        .map((x) => `${x.code}${x.detail ? ` (row ${x.detail})` : ''}: ${ROW_REASONS[x.code].en}`)
        .join('; '),
    }));
}

/** Carries the plan out, all or nothing, with one audit event; refused while any row is refused. */
export async function applyImport(
  deps: ImportDeps,
  input: ImportInput & { requestId: string | null },
): Promise<ImportPlan & { importId: string }> {
  const who = reachOfCaller(input.actor);
  const rows = await readRows(input);
  const fileSha256 = crypto.createHash('sha256').update(input.file).digest('hex');
  const importId = crypto.randomUUID();
  return deps.db.transaction().execute(async (trx) => {
    const work = await planResidentImport(
      { db: trx, pii: deps.pii, reach: who.reach, now: input.now, onProgress: input.onProgress },
      rows,
    );
    if (work.plan.counts.refused > 0)
      throw new AppError('IMPORT_REFUSED', {
        detail: `${work.plan.counts.refused} of ${work.plan.total} rows refused`,
        errors: refusedErrors(work.plan),
        extensions: { plan: work.plan },
      });
    await writeResidentImport(
      trx,
      { pii: deps.pii, stationId: who.stationId, now: input.now, onProgress: input.onProgress },
      work,
    );
    await recordAudit(trx, {
      actor: auditActor(input.actor, who.grant),
      action: 'import.applied',
      entityType: 'import',
      entityId: importId,
      regionCode: who.grant?.regionCode ?? null,
      after: { kind: input.kind, fileSha256, total: work.plan.total, counts: work.plan.counts },
      requestId: input.requestId,
      now: input.now,
    });
    return { ...work.plan, importId };
  });
}
