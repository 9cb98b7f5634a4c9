import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import { hotQuery } from '../../db/hot-query.ts';
import type { AuditEventTable, Database } from '../../db/schema.ts';
import { GENESIS_HASH } from './audit-hash.ts';
import { currentAuditKeys } from './audit-key.ts';
import type { AuditAction } from './audit-actions.ts';
import { markIdempotentCommit } from '../../shared/idempotency-commit.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { dayAfter, shardLinkHash, shardOf } from './audit-shard.rules.ts';

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

// Every audited write runs these three (#13: compiled once, src/db/hot-query.ts).
/** Takes the next place in the shard (creating its head on the shard's first event); none if sealed. */
const bumpShard = hotQuery(
  (db: Kysely<Database>, p: { shard: string; town: string; day: string; genesis: string }) =>
    db
      .insertInto('audit_shard_heads')
      .values({ shard: p.shard, town: p.town, day: p.day, seq: 1, hash: p.genesis })
      .onConflict((oc) =>
        oc
          .column('shard')
          .doUpdateSet((eb) => ({ seq: eb('audit_shard_heads.seq', '+', 1) }))
          .where('audit_shard_heads.sealed_seq', 'is', null),
      )
      .returning(['seq', 'hash']),
);
/** The global row number: a sequence on PostgreSQL (no lock), max + 1 under SQLite's one writer. */
const nextRowSeq = (db: Kysely<Database>) =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<number>`nextval('audit_events_seq')`
    : sql<number>`(select coalesce(max(seq), 0) + 1 from audit_events)`;
const insertEvent = hotQuery((db: Kysely<Database>, p: Omit<AuditEventTable, 'seq'>) =>
  db
    .insertInto('audit_events')
    .values({
      seq: nextRowSeq(db),
      occurred_at: p.occurred_at,
      actor_id: p.actor_id,
      actor_role: p.actor_role,
      station_id: p.station_id,
      action: p.action,
      entity_type: p.entity_type,
      entity_id: p.entity_id,
      region_code: p.region_code,
      before_json: p.before_json,
      after_json: p.after_json,
      request_id: p.request_id,
      prev_hash: p.prev_hash,
      hash: p.hash,
      shard: p.shard,
      shard_seq: p.shard_seq,
    })
    .returning('seq'),
);
const setShardHash = hotQuery((db: Kysely<Database>, p: { shard: string; hash: string }) =>
  db.updateTable('audit_shard_heads').set({ hash: p.hash }).where('shard', '=', p.shard),
);

/** A shard-day sealed since `now` (a clock far behind): at most this many days are skipped. */
const MAX_DAYS_AHEAD = 400;

/**
 * Appends one event to its shard's chain inside the caller's transaction (X-4, issue #16 point 3):
 * the shard is the event's town (or the system) and China day, so only writers of the same town
 * and day wait for each other's head row; other towns never touch it. The link is an HMAC with the
 * chain key (not in the database), so edited events cannot be re-chained. An event whose day was
 * already sealed joins the next day's shard (its own time is still the one hashed).
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<number> {
  const keys = currentAuditKeys();
  // An Idempotency-Key held by this request is spent in this same transaction (issue #10 p. 14).
  await markIdempotentCommit(trx, { entityType: input.entityType, entityId: input.entityId });
  let key = shardOf(input.regionCode, chinaDate(input.now));
  let head = await bumpShard.first(trx, { ...key, genesis: GENESIS_HASH });
  for (let i = 0; !head && i < MAX_DAYS_AHEAD; i++) {
    key = shardOf(input.regionCode, dayAfter(key.day));
    head = await bumpShard.first(trx, { ...key, genesis: GENESIS_HASH });
  }
  if (!head) throw new Error(`audit: no open shard for ${key.shard}`);
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
  const hash = shardLinkHash(keys.chain, key.shard, head.hash, event);
  const { seq: shardSeq, ...fields } = event;
  const row = await insertEvent.first(trx, {
    ...fields,
    prev_hash: head.hash,
    hash,
    shard: key.shard,
    shard_seq: shardSeq,
  });
  await setShardHash.rows(trx, { shard: key.shard, hash });
  return Number(row!.seq);
}

export {
  verifyAndCheckpoint,
  verifyAuditChain,
  writeAuditCheckpoint,
  type AuditHead,
  type AuditVerification,
  type CheckpointResult,
} from './audit-verify.ts';

export { listAuditEvents } from './audit-events.view.ts';
