/**
 * Issue #15 point 3: residents by Excel. One plan function reads the registry and says, row by
 * row, what an import would do (create / change / unchanged / refused with reasons); the dry run
 * returns it, apply computes it again inside its one transaction and carries it out only when no
 * row is refused — so the dry run shows exactly what apply does. ID numbers and phones are
 * hashed and encrypted by the residents module (resident-batch.ts); a plan carries only masks.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { maskIdNumber } from '../residents/id-number.ts';
import {
  insertResidents,
  residentIdHash,
  residentsByIdHash,
  updateResidents,
  type ResidentToRegister,
  type ResidentUpdate,
} from '../residents/resident-batch.ts';
import { regionsForRows } from './import-regions.ts';
import type { SheetRow } from './import-sheet.ts';
import type { ImportPlan, PlannedRow, ProgressFn } from './import-plan.ts';
import {
  checkResidentRow,
  duplicatesInFile,
  residentRowAction,
  villageIndex,
  villageShortName,
  type ResidentRowValue,
} from './resident-rows.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ResidentPlanContext {
  db: Db;
  pii: PiiCipher;
  /** The importer's reach prefixes ([''] for the operator's CLI). */
  reach: readonly string[];
  now: Date;
  onProgress?: ProgressFn | undefined;
}

/** What apply needs beyond the plan a clerk sees: the clean values of the rows to write. */
export interface ResidentWork {
  plan: ImportPlan;
  creates: ResidentToRegister[];
  updates: ResidentUpdate[];
}

export async function planResidentImport(
  ctx: ResidentPlanContext,
  rows: readonly SheetRow[],
): Promise<ResidentWork> {
  const regions = await regionsForRows(ctx.db, ctx.reach, rows, 'village');
  const villages = villageIndex(regions);
  const today = chinaDate(ctx.now);
  const checked = rows.map((r, i) => {
    if (ctx.onProgress && i % 1000 === 0)
      ctx.onProgress({ phase: 'check', done: i, total: rows.length });
    return {
      row: r.row,
      name: r.values.fullName ?? '',
      check: checkResidentRow(r.values, { today, villages, reach: ctx.reach }),
    };
  });
  const clean = checked.flatMap((c) =>
    c.check.ok
      ? [
          {
            row: c.row,
            value: c.check.value,
            hash: residentIdHash(ctx.pii, c.check.value.idNumber),
          },
        ]
      : [],
  );
  const dups = duplicatesInFile(clean.map((c) => ({ row: c.row, key: c.hash })));
  const registered = await residentsByIdHash(
    ctx.db,
    ctx.pii,
    clean.filter((c) => !dups.has(c.row)).map((c) => c.hash),
  );
  const byRow = new Map(clean.map((c) => [c.row, c]));
  const planned: PlannedRow[] = [];
  const creates: ResidentToRegister[] = [];
  const updates: ResidentUpdate[] = [];
  const counts = { create: 0, change: 0, unchanged: 0, refused: 0 };
  const who = (v: ResidentRowValue) => `${v.fullName} ${maskIdNumber(v.idNumber)}`;
  for (const c of checked) {
    if (!c.check.ok) {
      counts.refused++;
      planned.push({ row: c.row, action: 'refused', who: c.name, reasons: c.check.reasons });
      continue;
    }
    const item = byRow.get(c.row)!;
    const first = dups.get(c.row);
    if (first !== undefined) {
      counts.refused++;
      planned.push({
        row: c.row,
        action: 'refused',
        who: who(item.value),
        reasons: [{ code: 'DUPLICATE_IN_FILE', detail: String(first) }],
      });
      continue;
    }
    const villageName = villageShortName(
      villages.byCode.get(item.value.homeRegionCode)?.name ?? '',
    );
    const current = registered.get(item.hash) ?? null;
    const act = residentRowAction(item.value, current, { reach: ctx.reach, villageName });
    switch (act.action) {
      case 'create':
        counts.create++;
        creates.push({ ...item.value, address: act.address });
        planned.push({ row: c.row, action: 'create', who: who(item.value) });
        break;
      case 'change':
        counts.change++;
        updates.push({
          id: current!.id,
          fullName: item.value.fullName,
          phone: item.value.phone ?? current!.phone,
          homeRegionCode: item.value.homeRegionCode,
          address: act.address,
        });
        planned.push({ row: c.row, action: 'change', who: who(item.value), changes: act.changes });
        break;
      case 'unchanged':
        counts.unchanged++;
        break;
      case 'refused':
        counts.refused++;
        planned.push({ row: c.row, action: 'refused', who: who(item.value), reasons: act.reasons });
        break;
    }
  }
  planned.sort((a, b) => a.row - b.row);
  return {
    plan: { kind: 'residents', total: rows.length, counts, rows: planned },
    creates,
    updates,
  };
}

/** Carries out a clean plan in the caller's transaction. */
export async function writeResidentImport(
  trx: Transaction<Database>,
  ctx: { pii: PiiCipher; stationId: string | null; now: Date; onProgress?: ProgressFn | undefined },
  work: ResidentWork,
): Promise<void> {
  const total = work.creates.length + work.updates.length;
  ctx.onProgress?.({ phase: 'write', done: 0, total });
  const step = 5000;
  for (let i = 0; i < work.creates.length; i += step) {
    await insertResidents(trx, ctx.pii, {
      residents: work.creates.slice(i, i + step),
      stationId: ctx.stationId,
      now: ctx.now,
    });
    ctx.onProgress?.({ phase: 'write', done: Math.min(i + step, work.creates.length), total });
  }
  await updateResidents(trx, ctx.pii, { residents: work.updates, now: ctx.now });
  ctx.onProgress?.({ phase: 'write', done: total, total });
}
