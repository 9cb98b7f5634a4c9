import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The number of rows in a table (the rollups' rebuilds report what they wrote). */
export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
