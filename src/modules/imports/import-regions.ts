/**
 * The regions an import's rows may name: those in the importer's reach (of the given levels), and
 * those a row names by 12-digit code outside it — so a row can say "not yours" rather than "unknown".
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SheetRow } from './import-sheet.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export interface RegionRef {
  code: string;
  name: string;
  level: string;
}

export async function regionsForRows(
  db: Kysely<Database> | Transaction<Database>,
  reach: readonly string[],
  rows: readonly SheetRow[],
  column: string,
  levels?: readonly Database['regions']['level'][],
): Promise<RegionRef[]> {
  let q = db.selectFrom('regions').select(['code', 'name', 'level']);
  if (levels) q = q.where('level', 'in', levels);
  if (!reach.includes('')) q = q.where(underAnyPrefix('code', reach));
  const regions: RegionRef[] = await q.execute();
  const known = new Set(regions.map((r) => r.code));
  const named = [
    ...new Set(
      rows
        .map((r) => (r.values[column] ?? '').trim())
        .filter((v) => /^\d{12}$/.test(v) && !known.has(v)),
    ),
  ];
  for (let i = 0; i < named.length; i += 500)
    regions.push(
      ...(await db
        .selectFrom('regions')
        .select(['code', 'name', 'level'])
        .where('code', 'in', named.slice(i, i + 500))
        .execute()),
    );
  return regions;
}
