/**
 * VS-1 the "8+N" service categories. The other data lists have their own files:
 * resources.service.ts (资源清单) and projects.service.ts (项目清单).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsCategoryTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  hasAnyRole,
  type Actor,
  type Grant,
  isSystemActor,
  type Caller,
} from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';
import { categoryEditorGrant } from './category.scope.ts';
import type { CategoryUpdate, NewCategory } from './volunteers.schema.ts';
import { regionInfo, VS_STAFF } from './vs.scope.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';

/* ---------- categories ---------- */

function categoryView(c: VsCategoryTable) {
  return {
    code: c.code,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    colour: c.colour,
    sortOrder: c.sort_order,
    active: c.active === 1,
    regionCode: c.region_code,
  };
}

/** All categories, or one region's menu: the national ones and those of the regions it lies in. */
export async function listCategories(
  db: Kysely<Database>,
  input: { includeInactive: boolean; regionCode?: string | undefined },
) {
  let q = db
    .selectFrom('vs_categories as c')
    .leftJoin('regions as r', 'r.code', 'c.region_code')
    .selectAll('c')
    .select('r.level as owner_level');
  if (!input.includeInactive) q = q.where('c.active', '=', 1);
  const rows = await q.orderBy('c.sort_order').orderBy('c.code').execute();
  const { regionCode } = input;
  return rows
    .filter(
      (c) =>
        regionCode === undefined ||
        c.region_code === null ||
        (c.owner_level !== null &&
          regionCode.startsWith(c.region_code.slice(0, LEVEL_PREFIX_LENGTH[c.owner_level]))),
    )
    .map(categoryView);
}

/**
 * The owner of a new category and the grant it is made under: a national one (regionCode null)
 * only by an administrator covering every root region; otherwise staff in reach of the owner
 * region (omitted: the caller's own region).
 */
async function newCategoryOwner(
  db: Kysely<Database>,
  actor: Actor,
  regionCode: string | null | undefined,
): Promise<{ regionCode: string | null; grant: Grant }> {
  if (!hasAnyRole(actor, VS_STAFF)) throw new AppError('FORBIDDEN');
  if (regionCode === null) {
    const probe = { code: '', region_code: null };
    return { regionCode: null, grant: await categoryEditorGrant(db, actor, probe) };
  }
  const owner = regionCode ?? authorize(actor, VS_STAFF).regionCode;
  await regionInfo(db, owner); // UNKNOWN_REGION
  return { regionCode: owner, grant: authorize(actor, VS_STAFF, owner) };
}

export async function createCategory(
  db: Kysely<Database>,
  input: {
    body: z.infer<typeof NewCategory>;
    actor: Caller;
    isDemo?: boolean;
    requestId: string | null;
    now: Date;
  },
) {
  const owner = isSystemActor(input.actor)
    ? { regionCode: input.body.regionCode ?? null, grant: undefined }
    : await newCategoryOwner(db, input.actor, input.body.regionCode);
  const grant = owner.grant;
  const row: VsCategoryTable = {
    code: input.body.code,
    name_zh: input.body.nameZh,
    name_en: input.body.nameEn,
    colour: input.body.colour ?? null,
    sort_order: input.body.sortOrder,
    active: 1,
    is_demo: input.isDemo ? 1 : 0,
    created_at: input.now.toISOString(),
    region_code: owner.regionCode,
  };
  try {
    return await db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('vs_categories')
        .select('code')
        .where('code', '=', row.code)
        .executeTakeFirst();
      if (exists) throw new AppError('VS_CATEGORY_EXISTS');
      await trx.insertInto('vs_categories').values(row).execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'vs_category.saved',
        entityType: 'vs_category',
        entityId: row.code,
        regionCode: row.region_code,
        after: categoryView(row),
        requestId: input.requestId,
        now: input.now,
      });
      return categoryView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VS_CATEGORY_EXISTS');
    throw err;
  }
}

export async function updateCategory(
  db: Kysely<Database>,
  input: {
    code: string;
    body: z.infer<typeof CategoryUpdate>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  if (!hasAnyRole(input.actor, VS_STAFF)) throw new AppError('FORBIDDEN');
  const { body } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('vs_categories')
      .selectAll()
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (!before) throw new AppError('VS_CATEGORY_NOT_FOUND');
    // Shared reference data: only someone whose scope covers everyone who uses it.
    const grant = await categoryEditorGrant(trx, input.actor, before);
    const patch: Partial<VsCategoryTable> = {};
    if (body.nameZh !== undefined) patch.name_zh = body.nameZh;
    if (body.nameEn !== undefined) patch.name_en = body.nameEn;
    if (body.colour !== undefined) patch.colour = body.colour;
    if (body.sortOrder !== undefined) patch.sort_order = body.sortOrder;
    if (body.active !== undefined) patch.active = body.active ? 1 : 0;
    await trx.updateTable('vs_categories').set(patch).where('code', '=', before.code).execute();
    const after = { ...before, ...patch };
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_category.saved',
      entityType: 'vs_category',
      entityId: before.code,
      regionCode: before.region_code,
      before: categoryView(before),
      after: categoryView(after),
      requestId: input.requestId,
      now: input.now,
    });
    return categoryView(after);
  });
}
