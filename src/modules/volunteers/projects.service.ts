/** VS-2 the project list (项目清单); on the menu, the residents' service menu. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsProjectTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, isSystemActor, type Actor, type Caller } from '../../shared/actor.ts';
import { assertCategory } from './teams.service.ts';
import { assertListEditor, assertTeam } from './list-editor.ts';
import type { NewProject, ProjectQuery, ProjectUpdate } from './volunteers.schema.ts';
import { regionInfo, type Conn } from './vs.scope.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { underPrefix } from '../../shared/region-range.ts';
import { listTotal } from '../../shared/keyset.ts';
import {
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';

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

type ProjectFilter = Omit<z.infer<typeof ProjectQuery>, 'limit' | 'offset'>;

/** The projects a filter selects (unordered, unpaged): the offset list's and the keyset page's. */
async function filteredProjects(db: Kysely<Database>, input: ProjectFilter) {
  let q = projectsQuery(db);
  if (input.regionCode) {
    const region = await regionInfo(db, input.regionCode);
    q = q.where(underPrefix('x.region_code', region.prefix));
  }
  if (input.category) q = q.where('x.category_code', '=', input.category);
  if (input.teamId) q = q.where('x.team_id', '=', input.teamId);
  if (input.onMenu) q = q.where('x.on_menu', '=', input.onMenu === 'true' ? 1 : 0);
  if (input.includeInactive !== 'true') q = q.where('x.active', '=', 1);
  const text = input.q;
  if (text)
    q = q.where((eb) => eb.or([likeText(eb, 'x.name', text), likeText(eb, 'x.description', text)]));
  return q;
}

export async function listProjects(db: Kysely<Database>, input: z.infer<typeof ProjectQuery>) {
  const q = await filteredProjects(db, input);
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

/**
 * Issue #16 p5: the same list by keyset, in the same order — active first, then region, name and
 * id (a total order: the id is unique) — on the tuple keyset (shared/keyset-tuple.ts).
 */
export const PROJECT_ORDER: TupleKeysetOrder = {
  list: 'vs-projects',
  columns: [
    { column: 'x.active', kind: 'integer', direction: 'desc' },
    { column: 'x.region_code', kind: 'text' },
    { column: 'x.name', kind: 'text' },
    { column: 'x.id', kind: 'uuid' },
  ],
};

export async function pageProjects(
  db: Kysely<Database>,
  input: ProjectFilter & { limit: number; after?: string | undefined },
) {
  const after = tupleCursorAfter(PROJECT_ORDER, input.after);
  const q = await filteredProjects(db, input);
  const rows = await tupleKeysetQuery(q, PROJECT_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, PROJECT_ORDER, (r) => [
    r.active,
    r.region_code,
    r.name,
    r.id,
  ]);
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('x.id'));
  return { items: shown.map(projectView), nextCursor, total, totalExact };
}

export async function getProject(db: Kysely<Database>, id: string) {
  const row = await projectsQuery(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('VS_PROJECT_NOT_FOUND');
  return projectView(row);
}
