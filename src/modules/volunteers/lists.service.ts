/** VS-1/VS-2 data lists: the "8+N" service categories, resources (资源清单) and projects (项目清单). */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  Database,
  VsCategoryTable,
  VsProjectTable,
  VsResourceTable,
} from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  hasAnyRole,
  type Actor,
  type Grant,
  isSystemActor,
  type Caller,
} from '../auth/actor.ts';
import { LEVEL_PREFIX_LENGTH } from '../auth/region-code.ts';
import { categoryEditorGrant } from './category.scope.ts';
import { assertCategory } from './teams.service.ts';
import type {
  CategoryUpdate,
  ListQuery,
  NewCategory,
  NewProject,
  NewResource,
  ProjectQuery,
  ProjectUpdate,
  ResourceUpdate,
} from './volunteers.schema.ts';
import { isStaffIn, leadsTeam, likeText, regionInfo, VS_STAFF, type Conn } from './vs.scope.ts';

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

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
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

/* ---------- who may edit a list entry ---------- */

/**
 * Staff whose reach covers the region; or a team leader for a team they lead (or lead above),
 * with the entry inside that team's region.
 */
async function assertListEditor(
  db: Conn,
  actor: Caller,
  regionCode: string,
  teamId: string | null,
): Promise<Grant | undefined> {
  if (isSystemActor(actor)) return undefined;
  if (isStaffIn(actor, regionCode)) return authorize(actor, VS_STAFF, regionCode);
  const leaderGrant = actor.grants.find((g) => g.role === 'team_leader');
  if (leaderGrant && teamId) {
    const team = await db
      .selectFrom('vs_teams')
      .select(['region_code'])
      .where('id', '=', teamId)
      .executeTakeFirst();
    if (team && (await leadsTeam(db, teamId, actor.accountId))) {
      const teamRegion = await regionInfo(db, team.region_code);
      if (!regionCode.startsWith(teamRegion.prefix)) throw new AppError('OUT_OF_SCOPE');
      return leaderGrant;
    }
  }
  if (actor.grants.some((g) => (VS_STAFF as readonly string[]).includes(g.role)))
    throw new AppError('OUT_OF_SCOPE');
  throw new AppError('VS_NOT_TEAM_LEADER');
}

async function assertTeam(db: Conn, teamId: string | null | undefined) {
  if (!teamId) return;
  const t = await db
    .selectFrom('vs_teams')
    .select('id')
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!t) throw new AppError('VS_TEAM_NOT_FOUND');
}

/* ---------- resources ---------- */

function resourcesQuery(db: Conn) {
  return db
    .selectFrom('vs_resources as x')
    .innerJoin('regions as r', 'r.code', 'x.region_code')
    .leftJoin('vs_teams as t', 't.id', 'x.provider_team_id')
    .selectAll('x')
    .select(['r.name as region_name', 't.name as team_name']);
}

type ResourceRow = VsResourceTable & { region_name: string; team_name: string | null };

function resourceView(x: ResourceRow) {
  return {
    id: x.id,
    name: x.name,
    kind: x.kind,
    description: x.description,
    categoryCode: x.category_code,
    regionCode: x.region_code,
    regionName: x.region_name,
    providerTeamId: x.provider_team_id,
    providerTeamName: x.team_name,
    providerName: x.provider_name,
    contact: x.contact,
    active: x.active === 1,
    createdAt: x.created_at,
    updatedAt: x.updated_at,
  };
}

function resourceAudit(x: VsResourceTable) {
  return {
    name: x.name,
    kind: x.kind,
    categoryCode: x.category_code,
    regionCode: x.region_code,
    providerTeamId: x.provider_team_id,
    providerName: x.provider_name,
    active: x.active,
  };
}

export async function createResource(
  db: Kysely<Database>,
  input: {
    body: z.infer<typeof NewResource>;
    actor: Caller;
    isDemo?: boolean;
    id?: string;
    requestId: string | null;
    now: Date;
  },
) {
  const { body, now } = input;
  return db.transaction().execute(async (trx) => {
    await regionInfo(trx, body.regionCode);
    await assertTeam(trx, body.providerTeamId);
    const grant = await assertListEditor(
      trx,
      input.actor,
      body.regionCode,
      body.providerTeamId ?? null,
    );
    await assertCategory(trx, body.categoryCode, body.regionCode);
    const nowIso = now.toISOString();
    const row: VsResourceTable = {
      id: input.id ?? crypto.randomUUID(),
      name: body.name,
      kind: body.kind,
      description: body.description,
      category_code: body.categoryCode,
      region_code: body.regionCode,
      provider_team_id: body.providerTeamId ?? null,
      provider_name: body.providerName,
      contact: body.contact,
      active: 1,
      is_demo: input.isDemo ? 1 : 0,
      created_by: isSystemActor(input.actor) ? null : input.actor.accountId,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('vs_resources').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_resource.saved',
      entityType: 'vs_resource',
      entityId: row.id,
      regionCode: row.region_code,
      after: resourceAudit(row),
      requestId: input.requestId,
      now,
    });
    return resourceView(
      await resourcesQuery(trx).where('x.id', '=', row.id).executeTakeFirstOrThrow(),
    );
  });
}

export async function updateResource(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.infer<typeof ResourceUpdate>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, now } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('vs_resources')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!before) throw new AppError('VS_RESOURCE_NOT_FOUND');
    const grant = await assertListEditor(
      trx,
      input.actor,
      before.region_code,
      before.provider_team_id,
    );
    if (body.categoryCode !== undefined)
      await assertCategory(trx, body.categoryCode, before.region_code);
    const patch: Partial<VsResourceTable> = { updated_at: now.toISOString() };
    if (body.name !== undefined) patch.name = body.name;
    if (body.kind !== undefined) patch.kind = body.kind;
    if (body.description !== undefined) patch.description = body.description;
    if (body.categoryCode !== undefined) patch.category_code = body.categoryCode;
    if (body.providerName !== undefined) patch.provider_name = body.providerName;
    if (body.contact !== undefined) patch.contact = body.contact;
    if (body.active !== undefined) patch.active = body.active ? 1 : 0;
    await trx.updateTable('vs_resources').set(patch).where('id', '=', before.id).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_resource.saved',
      entityType: 'vs_resource',
      entityId: before.id,
      regionCode: before.region_code,
      before: resourceAudit(before),
      after: resourceAudit({ ...before, ...patch }),
      requestId: input.requestId,
      now,
    });
    return resourceView(
      await resourcesQuery(trx).where('x.id', '=', before.id).executeTakeFirstOrThrow(),
    );
  });
}

/** Browse/search: any logged-in role; region by prefix, category, text; inactive on request. */
export async function listResources(db: Kysely<Database>, input: z.infer<typeof ListQuery>) {
  let q = resourcesQuery(db);
  if (input.regionCode) {
    const region = await regionInfo(db, input.regionCode);
    q = q.where('x.region_code', 'like', `${region.prefix}%`);
  }
  if (input.category) q = q.where('x.category_code', '=', input.category);
  if (input.teamId) q = q.where('x.provider_team_id', '=', input.teamId);
  if (input.includeInactive !== 'true') q = q.where('x.active', '=', 1);
  if (input.q) {
    const text = likeText(input.q);
    q = q.where((eb) =>
      eb.or([
        eb('x.name', 'like', text),
        eb('x.description', 'like', text),
        eb('x.provider_name', 'like', text),
      ]),
    );
  }
  const rows = await q
    .orderBy('x.active', 'desc')
    .orderBy('x.region_code')
    .orderBy('x.name')
    .orderBy('x.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map(resourceView);
}

export async function getResource(db: Kysely<Database>, id: string) {
  const row = await resourcesQuery(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('VS_RESOURCE_NOT_FOUND');
  return resourceView(row);
}

/* ---------- projects ---------- */

function projectsQuery(db: Conn) {
  return db
    .selectFrom('vs_projects as x')
    .innerJoin('regions as r', 'r.code', 'x.region_code')
    .leftJoin('vs_teams as t', 't.id', 'x.team_id')
    .selectAll('x')
    .select(['r.name as region_name', 't.name as team_name']);
}

type ProjectRow = VsProjectTable & { region_name: string; team_name: string | null };

function projectView(x: ProjectRow) {
  return {
    id: x.id,
    name: x.name,
    description: x.description,
    categoryCode: x.category_code,
    regionCode: x.region_code,
    regionName: x.region_name,
    teamId: x.team_id,
    teamName: x.team_name,
    schedule: x.schedule,
    onMenu: x.on_menu === 1,
    active: x.active === 1,
    createdAt: x.created_at,
    updatedAt: x.updated_at,
  };
}

function projectAudit(x: VsProjectTable) {
  return {
    name: x.name,
    categoryCode: x.category_code,
    regionCode: x.region_code,
    teamId: x.team_id,
    schedule: x.schedule,
    onMenu: x.on_menu,
    active: x.active,
  };
}

export async function createProject(
  db: Kysely<Database>,
  input: {
    body: z.infer<typeof NewProject>;
    actor: Caller;
    isDemo?: boolean;
    id?: string;
    requestId: string | null;
    now: Date;
  },
) {
  const { body, now } = input;
  return db.transaction().execute(async (trx) => {
    await regionInfo(trx, body.regionCode);
    await assertTeam(trx, body.teamId);
    const grant = await assertListEditor(trx, input.actor, body.regionCode, body.teamId ?? null);
    await assertCategory(trx, body.categoryCode, body.regionCode);
    const nowIso = now.toISOString();
    const row: VsProjectTable = {
      id: input.id ?? crypto.randomUUID(),
      name: body.name,
      description: body.description,
      category_code: body.categoryCode,
      region_code: body.regionCode,
      team_id: body.teamId ?? null,
      schedule: body.schedule,
      on_menu: body.onMenu ? 1 : 0,
      active: 1,
      is_demo: input.isDemo ? 1 : 0,
      created_by: isSystemActor(input.actor) ? null : input.actor.accountId,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('vs_projects').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_project.saved',
      entityType: 'vs_project',
      entityId: row.id,
      regionCode: row.region_code,
      after: projectAudit(row),
      requestId: input.requestId,
      now,
    });
    return projectView(
      await projectsQuery(trx).where('x.id', '=', row.id).executeTakeFirstOrThrow(),
    );
  });
}

export async function updateProject(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.infer<typeof ProjectUpdate>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, now } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('vs_projects')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!before) throw new AppError('VS_PROJECT_NOT_FOUND');
    const grant = await assertListEditor(trx, input.actor, before.region_code, before.team_id);
    if (body.categoryCode !== undefined)
      await assertCategory(trx, body.categoryCode, before.region_code);
    const patch: Partial<VsProjectTable> = { updated_at: now.toISOString() };
    if (body.name !== undefined) patch.name = body.name;
    if (body.description !== undefined) patch.description = body.description;
    if (body.categoryCode !== undefined) patch.category_code = body.categoryCode;
    if (body.schedule !== undefined) patch.schedule = body.schedule;
    if (body.onMenu !== undefined) patch.on_menu = body.onMenu ? 1 : 0;
    if (body.active !== undefined) patch.active = body.active ? 1 : 0;
    await trx.updateTable('vs_projects').set(patch).where('id', '=', before.id).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_project.saved',
      entityType: 'vs_project',
      entityId: before.id,
      regionCode: before.region_code,
      before: projectAudit(before),
      after: projectAudit({ ...before, ...patch }),
      requestId: input.requestId,
      now,
    });
    return projectView(
      await projectsQuery(trx).where('x.id', '=', before.id).executeTakeFirstOrThrow(),
    );
  });
}

export async function listProjects(db: Kysely<Database>, input: z.infer<typeof ProjectQuery>) {
  let q = projectsQuery(db);
  if (input.regionCode) {
    const region = await regionInfo(db, input.regionCode);
    q = q.where('x.region_code', 'like', `${region.prefix}%`);
  }
  if (input.category) q = q.where('x.category_code', '=', input.category);
  if (input.teamId) q = q.where('x.team_id', '=', input.teamId);
  if (input.onMenu) q = q.where('x.on_menu', '=', input.onMenu === 'true' ? 1 : 0);
  if (input.includeInactive !== 'true') q = q.where('x.active', '=', 1);
  if (input.q) {
    const text = likeText(input.q);
    q = q.where((eb) => eb.or([eb('x.name', 'like', text), eb('x.description', 'like', text)]));
  }
  const rows = await q
    .orderBy('x.active', 'desc')
    .orderBy('x.region_code')
    .orderBy('x.name')
    .orderBy('x.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map(projectView);
}

export async function getProject(db: Kysely<Database>, id: string) {
  const row = await projectsQuery(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('VS_PROJECT_NOT_FOUND');
  return projectView(row);
}
