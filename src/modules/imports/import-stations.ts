/**
 * Issue #15 go-live: stations by Excel (a town's 便民服务站 in one file; the template can come
 * pre-filled with one row per village of a town). Same pipeline as the other kinds: one plan for
 * dry run and apply, refused rows with reasons, apply all or nothing in the caller's transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import {
  insertStations,
  stationsByCodeOrRegion,
  updateStations,
  type StationToWrite,
} from '../regions/station-batch.ts';
import type { ImportPlan, PlannedRow, ProgressFn } from './import-plan.ts';
import { regionsForRows } from './import-regions.ts';
import type { SheetRow } from './import-sheet.ts';
import { duplicatesInFile } from './resident-rows.rules.ts';
import {
  checkStationRow,
  defaultStationCode,
  defaultStationName,
  stationRegionIndex,
  stationRowAction,
} from './station-rows.rules.ts';
import { underPrefix } from '../../shared/region-range.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StationWork {
  plan: ImportPlan;
  creates: StationToWrite[];
  updates: (Omit<StationToWrite, 'code' | 'kind' | 'regionCode'> & { id: string })[];
}

const STATION_LEVELS = ['district', 'town', 'village', 'grid'] as const;

export async function planStationImport(
  ctx: { db: Db; reach: readonly string[]; onProgress?: ProgressFn | undefined },
  rows: readonly SheetRow[],
): Promise<StationWork> {
  const regions = stationRegionIndex(
    await regionsForRows(ctx.db, ctx.reach, rows, 'region', STATION_LEVELS),
  );
  const checked = rows.map((r, i) => {
    if (ctx.onProgress && i % 1000 === 0)
      ctx.onProgress({ phase: 'check', done: i, total: rows.length });
    return {
      row: r.row,
      label: r.values.name || r.values.region || '',
      check: checkStationRow(r.values, { regions, reach: ctx.reach }),
    };
  });
  const clean = checked.flatMap((c) => (c.check.ok ? [{ row: c.row, value: c.check.value }] : []));
  // A file names a station once: by its code, and a region once.
  const dupCode = duplicatesInFile(clean.map((c) => ({ row: c.row, key: c.value.code })));
  const dupRegion = duplicatesInFile(clean.map((c) => ({ row: c.row, key: c.value.regionCode })));
  const existing = await stationsByCodeOrRegion(
    ctx.db,
    clean.map((c) => c.value.code),
    [],
  );
  const byCode = new Map(existing.map((s) => [s.code, s]));
  const byRow = new Map(clean.map((c) => [c.row, c.value]));
  const planned: PlannedRow[] = [];
  const creates: StationToWrite[] = [];
  const updates: StationWork['updates'] = [];
  const counts = { create: 0, change: 0, unchanged: 0, refused: 0 };
  for (const c of checked) {
    if (!c.check.ok) {
      counts.refused++;
      planned.push({ row: c.row, action: 'refused', who: c.label, reasons: c.check.reasons });
      continue;
    }
    const value = byRow.get(c.row)!;
    const who = `${value.name}（${value.code}）`;
    const first = dupCode.get(c.row) ?? dupRegion.get(c.row);
    if (first !== undefined) {
      counts.refused++;
      planned.push({
        row: c.row,
        action: 'refused',
        who,
        reasons: [{ code: 'STATION_DUPLICATE_IN_FILE', detail: String(first) }],
      });
      continue;
    }
    const act = stationRowAction(value, byCode.get(value.code) ?? null);
    switch (act.action) {
      case 'create':
        counts.create++;
        creates.push(value);
        planned.push({ row: c.row, action: 'create', who });
        break;
      case 'change':
        counts.change++;
        updates.push({
          id: act.id,
          name: value.name,
          address: value.address,
          phone: value.phone,
          openingHours: value.openingHours,
        });
        planned.push({ row: c.row, action: 'change', who, changes: act.changes });
        break;
      case 'unchanged':
        counts.unchanged++;
        break;
      case 'refused':
        counts.refused++;
        planned.push({ row: c.row, action: 'refused', who, reasons: act.reasons });
        break;
    }
  }
  return {
    plan: { kind: 'stations', total: rows.length, counts, rows: planned },
    creates,
    updates,
  };
}

export async function writeStationImport(
  trx: Transaction<Database>,
  ctx: { now: Date; onProgress?: ProgressFn | undefined },
  work: StationWork,
): Promise<void> {
  const total = work.creates.length + work.updates.length;
  ctx.onProgress?.({ phase: 'write', done: 0, total });
  await insertStations(trx, { stations: work.creates, now: ctx.now });
  await updateStations(trx, { stations: work.updates, now: ctx.now });
  ctx.onProgress?.({ phase: 'write', done: total, total });
}

/**
 * The stations template pre-filled for a region (a town or a district): one row per village,
 * town and district inside it that has no station yet, with the default code and name; the
 * town fills in addresses and phones. Rows as the template's columns order them.
 */
export async function stationTemplateRows(
  db: Db,
  regionCode: string,
  columns: readonly { key: string }[],
): Promise<string[][]> {
  const level = levelOfCode(regionCode);
  const prefix = level ? scopePrefix(regionCode, level) : regionCode;
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where(underPrefix('code', prefix))
    .where('level', 'in', STATION_LEVELS)
    .orderBy('code')
    .limit(5000)
    .execute();
  const taken = new Set(
    (
      await stationsByCodeOrRegion(
        db,
        [],
        regions.map((r) => r.code),
      )
    ).map((s) => s.regionCode),
  );
  return regions
    .filter((r) => !taken.has(r.code))
    .map((r) => {
      const cell: Record<string, string> = {
        region: r.code,
        name: defaultStationName(r),
        code: defaultStationCode(r.code),
      };
      return columns.map((c) => cell[c.key] ?? '');
    });
}
