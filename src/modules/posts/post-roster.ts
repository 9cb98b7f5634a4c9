/**
 * Issue #15 point 4: the posts module's side of the staff roster's 岗位 column — the posts of some
 * stations as the roster compares them, and the posts it creates or whose A/B holders it changes,
 * inside the import's transaction, each audited as createPost / updatePost are (version + 1).
 * The roster's rules (roster-post.rules.ts) have checked the holders: two different accounts with a
 * holder role at the station, granted in the same transaction.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, PostTable } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function postsAtStations(db: Db, stationIds: readonly string[]) {
  if (stationIds.length === 0) return [];
  const rows = await db
    .selectFrom('posts')
    .select(['id', 'station_id', 'name', 'a_account_id', 'b_account_id'])
    .where('station_id', 'in', [...new Set(stationIds)])
    .execute();
  return rows.map((p) => ({
    id: p.id,
    stationId: p.station_id,
    name: p.name,
    aAccountId: p.a_account_id,
    bAccountId: p.b_account_id,
  }));
}

export async function writeRosterPosts(
  trx: Transaction<Database>,
  input: {
    creates: { stationId: string; name: string; aAccountId: string; bAccountId: string }[];
    updates: { id: string; aAccountId: string | null; bAccountId: string | null }[];
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<void> {
  const nowIso = input.now.toISOString();
  for (const c of input.creates) {
    const station = await trx
      .selectFrom('stations')
      .select(['id', 'region_code'])
      .where('id', '=', c.stationId)
      .executeTakeFirstOrThrow();
    const row: PostTable = {
      id: crypto.randomUUID(),
      station_id: station.id,
      region_code: station.region_code,
      name: c.name,
      opening_hours: null,
      a_account_id: c.aAccountId,
      b_account_id: c.bAccountId,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('posts').values(row).execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'post.created',
      entityType: 'post',
      entityId: row.id,
      regionCode: row.region_code,
      after: { stationId: station.id, name: c.name, a: c.aAccountId, b: c.bAccountId },
      requestId: input.requestId,
      now: input.now,
    });
  }
  for (const u of input.updates) {
    const p = await trx
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    const a = u.aAccountId ?? p.a_account_id;
    const b = u.bAccountId ?? p.b_account_id;
    await trx
      .updateTable('posts')
      .set({ a_account_id: a, b_account_id: b, version: p.version + 1, updated_at: nowIso })
      .where('id', '=', p.id)
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'post.updated',
      entityType: 'post',
      entityId: p.id,
      regionCode: p.region_code,
      before: { name: p.name, a: p.a_account_id, b: p.b_account_id, version: p.version },
      after: { name: p.name, a, b, version: p.version + 1 },
      requestId: input.requestId,
      now: input.now,
    });
  }
}
