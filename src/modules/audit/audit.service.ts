import type { Kysely, Transaction } from 'kysely';
import { hotQuery } from '../../db/hot-query.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import type { AuditEventTable, Database } from '../../db/schema.ts';
import {
  appendCheckpoint,
  lastCheckpoint,
  readCheckpoints,
  type Checkpoint,
} from './audit-checkpoint.ts';
import {
  GENESIS_HASH,
  linkHash,
  verifyChain,
  type ChainBreak,
  type ChainCheck,
  type CheckpointHashes,
} from './audit-hash.ts';
import { currentAuditKeys } from './audit-key.ts';
import type { AuditAction } from './audit-actions.ts';
import { markIdempotentCommit } from '../../shared/idempotency-commit.ts';
import { entityLabels } from './audit-entity-labels.ts';
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import { addDays, chinaDayStartUtc } from '../../shared/china-time.ts';

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
const bumpHead = hotQuery((db: Kysely<Database>) =>
  db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash', 'legacy_through']),
);
const insertEvent = hotQuery((db: Kysely<Database>, p: AuditEventTable) =>
  db.insertInto('audit_events').values({
    seq: p.seq,
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
  }),
);
const setHeadHash = hotQuery((db: Kysely<Database>, p: { hash: string }) =>
  db.updateTable('audit_head').set({ hash: p.hash }).where('id', '=', 1),
);

/**
 * Appends one event to the chain inside the caller's transaction. The head row update
 * serialises writers, so the chain stays linear with several app nodes on PostgreSQL. The link is
 * an HMAC with the chain key (not in the database), so edited events cannot be re-chained.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<number> {
  const keys = currentAuditKeys();
  // An Idempotency-Key held by this request is spent in this same transaction (issue #10 p. 14).
  await markIdempotentCommit(trx, { entityType: input.entityType, entityId: input.entityId });
  const head = (await bumpHead.first(trx, {}))!;
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
  const rule = { key: keys.chain, legacyThrough: Number(head.legacy_through) };
  const hash = linkHash(rule, head.hash, event);
  await insertEvent.rows(trx, { ...event, prev_hash: head.hash, hash });
  await setHeadHash.rows(trx, { hash });
  return event.seq;
}

export interface AuditHead {
  seq: number;
  hash: string;
  /** Events up to here were chained before the key existed (migration 0017). */
  legacyThrough: number;
}

export interface AuditVerification extends ChainCheck {
  /** Events in the unkeyed legacy prefix (verifiable only as plain SHA-256). */
  legacyEvents: number;
  /** Checkpoints compared (lines of the checkpoint file). */
  checkpoints: number;
  head: AuditHead;
}

async function readHead(db: Kysely<Database>): Promise<AuditHead> {
  const h = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'legacy_through'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash, legacyThrough: Number(h.legacy_through) };
}

/** Walks (from.prevSeq, head.seq] in pages; the last event must be the head. */
async function walkChain(
  db: Kysely<Database>,
  head: AuditHead,
  from: { prevHash: string; prevSeq: number },
  checkpoints: CheckpointHashes,
  pageSize: number,
): Promise<ChainCheck> {
  const rule = { key: currentAuditKeys().chain, legacyThrough: head.legacyThrough };
  let start = from;
  let checked = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', start.prevSeq)
      .where('seq', '<=', head.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    const result = verifyChain(page, rule, start, checkpoints);
    checked += result.checked;
    if (!result.ok)
      return { ok: false, checked, firstBrokenSeq: result.firstBrokenSeq, reason: result.reason };
    if (page.length < pageSize) {
      if (result.lastSeq !== head.seq || result.lastHash !== head.hash)
        return { ok: false, checked, firstBrokenSeq: result.lastSeq + 1, reason: 'head_mismatch' };
      return { ok: true, checked, firstBrokenSeq: null, reason: null };
    }
    start = { prevHash: result.lastHash, prevSeq: result.lastSeq };
  }
}

/**
 * Checks the whole chain against the key, the head row and every signed checkpoint in
 * `checkpointFile` (when given); names the first broken link.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  opts: { checkpointFile?: string | null; pageSize?: number } = {},
): Promise<AuditVerification> {
  const keys = currentAuditKeys();
  const head = await readHead(db);
  const lines = opts.checkpointFile ? readCheckpoints(opts.checkpointFile, keys.checkpoint) : [];
  const base = {
    legacyEvents: Math.min(head.legacyThrough, head.seq),
    checkpoints: lines.length,
    head,
  };
  const fail = (reason: ChainBreak, seq: number | null): AuditVerification => ({
    ...base,
    ok: false,
    checked: 0,
    firstBrokenSeq: seq,
    reason,
  });
  const signed = new Map<number, string>();
  let highest = 0;
  for (const l of lines) {
    if (!l.ok) return fail('checkpoint_forged', l.seq);
    const c = l.checkpoint;
    if (c.legacyThrough !== head.legacyThrough)
      return fail('legacy_boundary_moved', Math.min(c.legacyThrough, head.legacyThrough) + 1);
    signed.set(c.seq, c.hash);
    highest = Math.max(highest, c.seq);
  }
  const walked = await walkChain(
    db,
    head,
    { prevHash: GENESIS_HASH, prevSeq: 0 },
    signed,
    opts.pageSize ?? 5000,
  );
  if (!walked.ok) return { ...base, ...walked };
  if (highest > head.seq)
    return {
      ...base,
      ...walked,
      ok: false,
      firstBrokenSeq: head.seq + 1,
      reason: 'checkpoint_beyond_head',
    };
  return { ...base, ...walked };
}

export type CheckpointResult =
  | { written: true; checkpoint: Checkpoint }
  | { written: false; unchanged: true }
  | { written: false; unchanged: false; problem: ChainCheck };

function sameAsHead(c: Checkpoint | null, head: AuditHead): boolean {
  return (
    !!c && c.seq === head.seq && c.hash === head.hash && c.legacyThrough === head.legacyThrough
  );
}

/**
 * Signs the current head into the checkpoint file — only after checking the events since the last
 * checkpoint (or the whole chain when there is none or it does not line up), so a tampered chain
 * is never signed. Nothing is written when the head has not moved.
 */
export async function writeAuditCheckpoint(
  db: Kysely<Database>,
  opts: { file: string; now: Date },
): Promise<CheckpointResult> {
  const keys = currentAuditKeys();
  const last = lastCheckpoint(opts.file, keys.checkpoint);
  const head = await readHead(db);
  if (sameAsHead(last, head)) return { written: false, unchanged: true };
  let check: ChainCheck;
  if (last && last.seq < head.seq && last.legacyThrough === head.legacyThrough) {
    check = await walkChain(db, head, { prevHash: last.hash, prevSeq: last.seq }, new Map(), 5000);
  } else {
    check = await verifyAuditChain(db, { checkpointFile: opts.file });
  }
  if (!check.ok) return { written: false, unchanged: false, problem: check };
  return { written: true, checkpoint: appendHead(opts.file, keys.checkpoint, head, opts.now) };
}

function appendHead(file: string, key: Buffer, head: AuditHead, now: Date): Checkpoint {
  const checkpoint = {
    seq: head.seq,
    hash: head.hash,
    at: now.toISOString(),
    legacyThrough: head.legacyThrough,
  };
  appendCheckpoint(file, key, checkpoint);
  return checkpoint;
}

/** `audit verify` (CLI and API): the full check, then a checkpoint of the verified head. */
export async function verifyAndCheckpoint(
  db: Kysely<Database>,
  opts: { checkpointFile: string; now: Date },
): Promise<AuditVerification & { checkpointWritten: boolean }> {
  const result = await verifyAuditChain(db, { checkpointFile: opts.checkpointFile });
  if (!result.ok) return { ...result, checkpointWritten: false };
  const last = lastCheckpoint(opts.checkpointFile, currentAuditKeys().checkpoint);
  if (sameAsHead(last, result.head)) return { ...result, checkpointWritten: false };
  appendHead(opts.checkpointFile, currentAuditKeys().checkpoint, result.head, opts.now);
  return { ...result, checkpointWritten: true };
}

/** Events inside the caller's reach, newest first, with who did it and where in words. */
export async function listAuditEvents(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    roles: readonly Role[];
    entityType?: string | undefined;
    entityId?: string | undefined;
    action?: string | undefined;
    actorId?: string | undefined;
    /** China dates, inclusive: events on or after `from`, on or before `to`. */
    from?: string | undefined;
    to?: string | undefined;
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
  if (input.action) q = q.where('e.action', '=', input.action);
  if (input.actorId) q = q.where('e.actor_id', '=', input.actorId);
  if (input.from) q = q.where('e.occurred_at', '>=', chinaDayStartUtc(input.from));
  if (input.to) q = q.where('e.occurred_at', '<', chinaDayStartUtc(addDays(input.to, 1)));
  if (input.beforeSeq) q = q.where('e.seq', '<', input.beforeSeq);
  const rows = await q.orderBy('e.seq', 'desc').limit(input.limit).execute();
  const labels = await entityLabels(
    db,
    rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id })),
  );
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
    entityLabel: labels.get(`${r.entity_type}:${r.entity_id}`) ?? null,
    regionCode: r.region_code,
    before: r.before_json
      ? parseJsonColumn(z.unknown(), r.before_json, 'audit_events.before_json')
      : null,
    after: r.after_json
      ? parseJsonColumn(z.unknown(), r.after_json, 'audit_events.after_json')
      : null,
    requestId: r.request_id,
    hash: r.hash,
  }));
}
