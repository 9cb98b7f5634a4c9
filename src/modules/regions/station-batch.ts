/**
 * Issue #15 go-live: stations written in bulk inside the caller's transaction (the imports
 * module's stations import: one transaction, one audit event for the whole file). The regions
 * module owns the stations table; this is its use-case for many rows at once.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Station } from '../../db/schema.ts';
import { parseOpeningHours, type OpeningHours } from './regions.schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StationToWrite {
  code: string;
  name: string;
  kind: Station['kind'];
  regionCode: string;
  address: string;
  phone: string;
  openingHours: OpeningHours;
}

export interface StationOnFile {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  address: string;
  phone: string;
  openingHours: OpeningHours;
}

/** The stations with these codes, or on these regions. */
export async function stationsByCodeOrRegion(
  db: Db,
  codes: readonly string[],
  regionCodes: readonly string[],
): Promise<StationOnFile[]> {
  const out = new Map<string, StationOnFile>();
  const chunk = 500;
  const lists: ['code' | 'region_code', readonly string[]][] = [
    ['code', codes],
    ['region_code', regionCodes],
  ];
  for (const [column, values] of lists)
    for (let i = 0; i < values.length; i += chunk) {
      const rows = await db
        .selectFrom('stations')
        .select(['id', 'code', 'name', 'region_code', 'address', 'phone', 'opening_hours'])
        .where(column, 'in', values.slice(i, i + chunk))
        .execute();
      for (const r of rows)
        out.set(r.id, {
          id: r.id,
          code: r.code,
          name: r.name,
          regionCode: r.region_code,
          address: r.address,
          phone: r.phone,
          openingHours: parseOpeningHours(r.opening_hours),
        });
    }
  return [...out.values()];
}

export async function insertStations(
  trx: Transaction<Database>,
  input: { stations: readonly StationToWrite[]; now: Date },
): Promise<void> {
  const nowIso = input.now.toISOString();
  const step = 500;
  for (let i = 0; i < input.stations.length; i += step)
    await trx
      .insertInto('stations')
      .values(
        input.stations.slice(i, i + step).map((s) => ({
          id: crypto.randomUUID(),
          code: s.code,
          name: s.name,
          kind: s.kind,
          region_code: s.regionCode,
          address: s.address,
          phone: s.phone,
          opening_hours: JSON.stringify(s.openingHours),
          is_demo: 0,
          created_at: nowIso,
          updated_at: nowIso,
        })),
      )
      .execute();
}

export async function updateStations(
  trx: Transaction<Database>,
  input: {
    stations: readonly (Omit<StationToWrite, 'code' | 'kind' | 'regionCode'> & { id: string })[];
    now: Date;
  },
): Promise<void> {
  for (const s of input.stations)
    await trx
      .updateTable('stations')
      .set({
        name: s.name,
        address: s.address,
        phone: s.phone,
        opening_hours: JSON.stringify(s.openingHours),
        updated_at: input.now.toISOString(),
      })
      .where('id', '=', s.id)
      .execute();
}
