/** The regions that have a station: who uses the town-wide reference data (catalog, calendar). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export async function stationRegionCodes(
  db: Kysely<Database> | Transaction<Database>,
): Promise<string[]> {
  const rows = await db.selectFrom('stations').select('region_code').distinct().execute();
  return rows.map((r) => r.region_code);
}
