/** VS-2 the resource list (资源清单): venues, goods, skills and services a region can call on. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsResourceTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, isSystemActor, type Actor, type Caller } from '../../shared/actor.ts';
import { assertCategory } from './teams.service.ts';
import { assertListEditor, assertTeam } from './list-editor.ts';
import type { ListQuery, NewResource, ResourceUpdate } from './volunteers.schema.ts';
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
type ResourceFilter = Omit<z.infer<typeof ListQuery>, 'limit' | 'offset'>;

/** The resources a filter selects (unordered, unpaged): the offset list's and the keyset page's. */
async function filteredResources(db: Kysely<Database>, input: ResourceFilter) {
  let q = resourcesQuery(db);
  if (input.regionCode) {
    const region = await regionInfo(db, input.regionCode);
    q = q.where(underPrefix('x.region_code', region.prefix));
  }
  if (input.category) q = q.where('x.category_code', '=', input.category);
  if (input.teamId) q = q.where('x.provider_team_id', '=', input.teamId);
  if (input.includeInactive !== 'true') q = q.where('x.active', '=', 1);
  const text = input.q;
  if (text) {
    q = q.where((eb) =>
      eb.or([
        likeText(eb, 'x.name', text),
        likeText(eb, 'x.description', text),
        likeText(eb, 'x.provider_name', text),
      ]),
    );
  }
  return q;
}

export async function listResources(db: Kysely<Database>, input: z.infer<typeof ListQuery>) {
  const q = await filteredResources(db, input);
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

/**
 * Issue #16 p5: the same list by keyset, in the same order — active first, then region, name and
 * id (a total order: the id is unique) — on the tuple keyset (shared/keyset-tuple.ts).
 */
export const RESOURCE_ORDER: TupleKeysetOrder = {
  list: 'vs-resources',
  columns: [
    { column: 'x.active', kind: 'integer', direction: 'desc' },
    { column: 'x.region_code', kind: 'text' },
    { column: 'x.name', kind: 'text' },
    { column: 'x.id', kind: 'uuid' },
  ],
};

export async function pageResources(
  db: Kysely<Database>,
  input: ResourceFilter & { limit: number; after?: string | undefined },
) {
  const after = tupleCursorAfter(RESOURCE_ORDER, input.after);
  const q = await filteredResources(db, input);
  const rows = await tupleKeysetQuery(q, RESOURCE_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, RESOURCE_ORDER, (r) => [
    r.active,
    r.region_code,
    r.name,
    r.id,
  ]);
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('x.id'));
  return { items: shown.map(resourceView), nextCursor, total, totalExact };
}

export async function getResource(db: Kysely<Database>, id: string) {
  const row = await resourcesQuery(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('VS_RESOURCE_NOT_FOUND');
  return resourceView(row);
}
