/**
 * Who may change a volunteer service category (issue #10 point 9, X-2): a category is shared
 * reference data, so only someone whose scope covers everyone who uses it. A national category
 * (no owner region) is used by every region: only an administrator covering every root of the
 * region tree. A centre's own category: volunteer staff or an administrator covering its owner
 * region and every team, resource, project, need and order filed under it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsCategoryTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { grantsCoveringAll, hasAnyRole, type Actor, type Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { VS_STAFF } from './vs.scope.ts';

type Conn = Kysely<Database> | Transaction<Database>;

/** Only administrators change what every region uses. */
const NATIONAL_EDITORS: readonly Role[] = ['admin'];

/** The codes of the region tree's roots (provinces without a parent in this deployment). */
export async function rootRegionCodes(db: Conn): Promise<string[]> {
  const rows = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', 'is', null)
    .execute();
  return rows.map((r) => r.code);
}

/** Everyone who uses the category, as region codes. */
export async function categoryUsers(
  db: Conn,
  c: Pick<VsCategoryTable, 'code' | 'region_code'>,
): Promise<string[]> {
  const owner = c.region_code === null ? await rootRegionCodes(db) : [c.region_code];
  const users = await Promise.all(
    (['vs_teams', 'vs_resources', 'vs_projects', 'vs_needs', 'vs_orders'] as const).map((table) =>
      db
        .selectFrom(table)
        .select('region_code')
        .distinct()
        .where('category_code', '=', c.code)
        .execute(),
    ),
  );
  return [...new Set([...owner, ...users.flat().map((r) => r.region_code)])];
}

/**
 * The grant a change to the category is made under, or FORBIDDEN (no staff role at all) /
 * REFERENCE_DATA_OUT_OF_SCOPE (someone who uses it lies outside the caller's scope).
 */
export async function categoryEditorGrant(
  db: Conn,
  actor: Actor,
  c: Pick<VsCategoryTable, 'code' | 'region_code'>,
): Promise<Grant> {
  if (!hasAnyRole(actor, VS_STAFF)) throw new AppError('FORBIDDEN');
  // Centre staff asking to change a national category are told why, not merely FORBIDDEN.
  const roles = c.region_code === null ? NATIONAL_EDITORS : VS_STAFF;
  const grants = grantsCoveringAll(actor, roles, await categoryUsers(db, c));
  if (grants.length === 0) throw new AppError('REFERENCE_DATA_OUT_OF_SCOPE');
  return grants[0]!;
}
