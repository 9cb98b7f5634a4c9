/** Issue #15 point 1: the counts the setup steps are judged by (setup.rules.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { setupState, type SetupCounts, type SetupState } from './setup.rules.ts';

async function count(query: Promise<{ n: number | string | bigint } | undefined>) {
  return Number((await query)?.n ?? 0);
}

export async function setupCounts(db: Kysely<Database>): Promise<SetupCounts> {
  const activeWithRole = (roles: readonly string[]) =>
    count(
      db
        .selectFrom('role_grants')
        .innerJoin('accounts', 'accounts.id', 'role_grants.account_id')
        .select((eb) => eb.fn.count<number>('accounts.id').distinct().as('n'))
        .where('accounts.status', '=', 'active')
        .where('role_grants.role', 'in', roles)
        .executeTakeFirst(),
    );
  const [towns, regions, admins, catalogItems, stations, staff, residents] = await Promise.all([
    count(
      db
        .selectFrom('regions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('level', 'in', ['town', 'village', 'grid'])
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('regions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),
    activeWithRole(['admin']),
    count(
      db
        .selectFrom('catalog_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('stations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),
    activeWithRole(STAFF_ROLES.filter((r) => r !== 'admin')),
    count(
      db
        .selectFrom('residents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),
  ]);
  return { towns, regions, admins, catalogItems, stations, staff, residents };
}

export async function readSetupState(
  db: Kysely<Database>,
): Promise<{ counts: SetupCounts; state: SetupState }> {
  const counts = await setupCounts(db);
  return { counts, state: setupState(counts) };
}
