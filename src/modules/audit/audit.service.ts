import type { Kysely, Transaction } from 'kysely';
import { reachPrefixes, type Actor } from '../auth/actor.ts';
import type { Role } from '../auth/roles.ts';
import type { Database } from '../../db/schema.ts';
import { auditHash, verifyChain, type ChainCheck } from './audit-hash.ts';
import type { AuditAction } from './audit-actions.ts';
import { markIdempotentCommit } from '../../server/idempotency-commit.ts';

export interface AuditActor {
  accountId: string | null;
  role: string | null;
  stationId: string | null;
}

export interface AuditInput {
  actor: AuditActor;
  action: AuditAction;
  entityType: string;
  entityId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  now: Date;
}

/**
 * Appends one event to the chain inside the caller's transaction. The head row update
 * serialises writers, so the chain stays linear with several app nodes on PostgreSQL.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<number> {
  // An Idempotency-Key held by this request is spent in this same transaction (issue #10 p. 14).
  await markIdempotentCommit(trx, { entityType: input.entityType, entityId: input.entityId });
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const event = {
    seq: Number(head.seq),
    occurred_at: input.now.toISOString(),
    actor_id: input.actor.accountId,
    actor_role: input.actor.role,
    station_id: input.actor.stationId,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    region_code: input.regionCode ?? null,
    before_json: input.before === undefined ? null : JSON.stringify(input.before),
    after_json: input.after === undefined ? null : JSON.stringify(input.after),
    request_id: input.requestId ?? null,
  };
  const hash = auditHash(head.hash, event);
  await trx
    .insertInto('audit_events')
    .values({ ...event, prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return event.seq;
}

/** Checks the whole chain in pages and the head row; names the first broken link. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<ChainCheck> {
  let start = { prevHash: '0'.repeat(64), prevSeq: 0 };
  let checked = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', start.prevSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    const result = verifyChain(page, start);
    checked += result.checked;
    if (!result.ok) return { ...result, checked };
    if (page.length < pageSize) {
      const head = await db
        .selectFrom('audit_head')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      if (Number(head.seq) !== result.lastSeq || head.hash !== result.lastHash) {
        return { ok: false, checked, firstBrokenSeq: result.lastSeq + 1, reason: 'head_mismatch' };
      }
      return { ok: true, checked, firstBrokenSeq: null, reason: null };
    }
    start = { prevHash: result.lastHash, prevSeq: result.lastSeq };
  }
}

/** Events inside the caller's reach, newest first, with who did it and where in words. */
export async function listAuditEvents(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    roles: readonly Role[];
    entityType?: string | undefined;
    entityId?: string | undefined;
    beforeSeq?: number | undefined;
    limit: number;
  },
) {
  const prefixes = reachPrefixes(input.actor, input.roles);
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_id')
    .leftJoin('stations as s', 's.id', 'e.station_id')
    .selectAll('e')
    .select(['a.display_name as actor_name', 's.name as station_name'])
    .where((eb) => eb.or(prefixes.map((p) => eb('e.region_code', 'like', `${p}%`))));
  if (input.entityType) q = q.where('e.entity_type', '=', input.entityType);
  if (input.entityId) q = q.where('e.entity_id', '=', input.entityId);
  if (input.beforeSeq) q = q.where('e.seq', '<', input.beforeSeq);
  const rows = await q.orderBy('e.seq', 'desc').limit(input.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    stationId: r.station_id,
    stationName: r.station_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
    requestId: r.request_id,
    hash: r.hash,
  }));
}
