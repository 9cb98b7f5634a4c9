/**
 * GS-11 AB posts: a station's posts, each with an A and a B holder (two different active staff
 * with a grant at that station). Created and edited by supervisors and the town centre in reach;
 * read by the station's staff. Every change is audited in its transaction.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, PostTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { auditActor, authorize, regionReach, type Actor } from '../../shared/actor.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { parseOpeningHours } from '../regions/regions.schema.ts';
import { findPost, postHolderAt } from './post-holdings.ts';
import { HOLDER_ROLES, POST_MANAGERS, POST_READERS } from './posts.access.ts';
import type { NewPost, PostPatch, PostView } from './posts.schema.ts';
import { parsePostHours } from './posts.stored.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

type Db = Kysely<Database>;

async function assertHolders(db: Db, stationId: string, a: string, b: string) {
  if (a === b) throw new AppError('POST_HOLDERS_SAME');
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as x', 'x.id', 'g.account_id')
    .select('g.account_id')
    .where('g.station_id', '=', stationId)
    .where('g.role', 'in', HOLDER_ROLES)
    .where('x.status', '=', 'active')
    .where('g.account_id', 'in', [a, b])
    .execute();
  const ok = new Set(rows.map((r) => r.account_id));
  if (!ok.has(a) || !ok.has(b)) throw new AppError('POST_HOLDER_NOT_AT_STATION');
}

export async function presentPost(
  db: Db,
  p: PostTable,
  actor: Actor,
  now: Date,
): Promise<PostView> {
  const station = await db
    .selectFrom('stations')
    .select(['name', 'opening_hours'])
    .where('id', '=', p.station_id)
    .executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', [p.a_account_id, p.b_account_id])
    .execute();
  const person = (id: string) => ({
    id,
    displayName: people.find((x) => x.id === id)?.display_name ?? '',
  });
  const own = parsePostHours(p.opening_hours);
  const canEdit = regionReach(actor, POST_MANAGERS).some((r) => p.region_code.startsWith(r));
  return {
    id: p.id,
    stationId: p.station_id,
    stationName: station.name,
    regionCode: p.region_code,
    name: p.name,
    openingHours: own ?? parseOpeningHours(station.opening_hours),
    ownHours: own !== null,
    a: person(p.a_account_id),
    b: person(p.b_account_id),
    holderNow: await postHolderAt(db, p, now),
    version: p.version,
    availableActions: canEdit ? ['edit'] : [],
  };
}

export async function createPost(
  db: Db,
  input: { body: z.infer<typeof NewPost>; actor: Actor; requestId: string; now: Date },
): Promise<PostView> {
  const { body, actor, now } = input;
  const station = await db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('id', '=', body.stationId)
    .executeTakeFirst();
  if (!station) throw new AppError('STATION_NOT_FOUND_FOR_POST');
  const grant = authorize(actor, POST_MANAGERS, station.region_code);
  await assertHolders(db, station.id, body.aAccountId, body.bAccountId);
  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  const row: PostTable = {
    id,
    station_id: station.id,
    region_code: station.region_code,
    name: body.name,
    opening_hours: body.openingHours ? JSON.stringify(body.openingHours) : null,
    a_account_id: body.aAccountId,
    b_account_id: body.bAccountId,
    version: 1,
    created_at: nowIso,
    updated_at: nowIso,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('posts').values(row).execute();
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'post.created',
        entityType: 'post',
        entityId: id,
        regionCode: station.region_code,
        after: { stationId: station.id, name: body.name, a: body.aAccountId, b: body.bAccountId },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('POST_NAME_TAKEN');
    throw err;
  }
  return presentPost(db, row, actor, now);
}

export async function updatePost(
  db: Db,
  input: {
    id: string;
    body: z.infer<typeof PostPatch>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<PostView> {
  const { body, actor, now } = input;
  const p = await findPost(db, input.id);
  if (!p) throw new AppError('POST_NOT_FOUND');
  const grant = authorize(actor, POST_MANAGERS, p.region_code);
  const a = body.aAccountId ?? p.a_account_id;
  const b = body.bAccountId ?? p.b_account_id;
  await assertHolders(db, p.station_id, a, b);
  const next = {
    name: body.name ?? p.name,
    opening_hours:
      body.openingHours === undefined
        ? p.opening_hours
        : body.openingHours === null
          ? null
          : JSON.stringify(body.openingHours),
    a_account_id: a,
    b_account_id: b,
    version: p.version + 1,
    updated_at: now.toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('posts')
        .set(next)
        .where('id', '=', p.id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('POST_VERSION_CONFLICT');
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'post.updated',
        entityType: 'post',
        entityId: p.id,
        regionCode: p.region_code,
        before: { name: p.name, a: p.a_account_id, b: p.b_account_id, version: p.version },
        after: { name: next.name, a, b, version: next.version },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('POST_NAME_TAKEN');
    throw err;
  }
  return presentPost(db, { ...p, ...next }, actor, now);
}

export async function getPost(db: Db, input: { id: string; actor: Actor; now: Date }) {
  const p = await findPost(db, input.id);
  if (!p) throw new AppError('POST_NOT_FOUND');
  authorize(input.actor, POST_READERS, p.region_code);
  return presentPost(db, p, input.actor, input.now);
}

export interface PostFilter {
  stationId?: string | undefined;
  actor: Actor;
}

/** The posts in the caller's reach (or one station's), unordered; null when nothing is in reach. */
export function filteredPosts(db: Db, input: PostFilter) {
  const reach = regionReach(input.actor, POST_READERS);
  if (reach.length === 0) return null;
  let q = db.selectFrom('posts').selectAll().where(underAnyPrefix('region_code', reach));
  if (input.stationId) q = q.where('station_id', '=', input.stationId);
  return q;
}

export async function listPosts(db: Db, input: PostFilter & { now: Date }): Promise<PostView[]> {
  const q = filteredPosts(db, input);
  if (!q) return [];
  // The id last: ties of region and name in one order, the keyset page's (posts-page.ts).
  const rows = await q.orderBy('region_code').orderBy('name').orderBy('id').limit(500).execute();
  const out: PostView[] = [];
  for (const p of rows) out.push(await presentPost(db, p, input.actor, input.now));
  return out;
}
