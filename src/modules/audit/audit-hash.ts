import crypto from 'node:crypto';

/** The fields an audit hash covers, in a fixed order. */
export interface HashedAuditFields {
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  station_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

function canonical(prevHash: string, e: HashedAuditFields): string {
  return JSON.stringify([
    prevHash,
    e.seq,
    e.occurred_at,
    e.actor_id,
    e.actor_role,
    e.station_id,
    e.action,
    e.entity_type,
    e.entity_id,
    e.region_code,
    e.before_json,
    e.after_json,
    e.request_id,
  ]);
}

/** Legacy (before migration 0017): a plain SHA-256 anyone can recompute. */
export function auditHash(prevHash: string, e: HashedAuditFields): string {
  return crypto.createHash('sha256').update(canonical(prevHash, e)).digest('hex');
}

/** Keyed: HMAC-SHA256 with the chain key, which is not in the database. */
export function auditMac(key: Buffer, prevHash: string, e: HashedAuditFields): string {
  return crypto.createHmac('sha256', key).update(canonical(prevHash, e)).digest('hex');
}

/** Events up to `legacyThrough` were chained unkeyed (before 0017); later ones with the key. */
export interface ChainRule {
  key: Buffer;
  legacyThrough: number;
}

export function linkHash(rule: ChainRule, prevHash: string, e: HashedAuditFields): string {
  return e.seq <= rule.legacyThrough ? auditHash(prevHash, e) : auditMac(rule.key, prevHash, e);
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match, if any. */
  firstBrokenSeq: number | null;
  reason: ChainBreak | null;
}

export type ChainBreak =
  | 'hash_mismatch'
  | 'link_mismatch'
  | 'sequence_gap'
  | 'head_mismatch'
  /** A signed checkpoint holds another hash for this seq: the chain was rewritten. */
  | 'checkpoint_mismatch'
  /** A signed checkpoint is past the head: the tail was cut and the head rewound. */
  | 'checkpoint_beyond_head'
  /** The boundary of the unkeyed legacy prefix differs from the one the checkpoints signed. */
  | 'legacy_boundary_moved'
  /** A checkpoint line whose signature does not verify (edited file or another key). */
  | 'checkpoint_forged';

/** Signed hashes the chain must match, by seq (from the checkpoint file). */
export type CheckpointHashes = ReadonlyMap<number, string>;

/** Walks events in seq order; pure so it can be tested without a database. */
export function verifyChain(
  events: Iterable<HashedAuditFields & { prev_hash: string; hash: string }>,
  rule: ChainRule,
  start: { prevHash: string; prevSeq: number } = { prevHash: GENESIS_HASH, prevSeq: 0 },
  checkpoints: CheckpointHashes = new Map(),
): ChainCheck & { lastHash: string; lastSeq: number } {
  let prevHash = start.prevHash;
  let prevSeq = start.prevSeq;
  let checked = 0;
  for (const e of events) {
    const broken = (reason: ChainCheck['reason']) => ({
      ok: false,
      checked,
      firstBrokenSeq: e.seq,
      reason,
      lastHash: prevHash,
      lastSeq: prevSeq,
    });
    if (e.seq !== prevSeq + 1) return broken('sequence_gap');
    if (e.prev_hash !== prevHash) return broken('link_mismatch');
    if (linkHash(rule, prevHash, e) !== e.hash) return broken('hash_mismatch');
    const signed = checkpoints.get(e.seq);
    if (signed !== undefined && signed !== e.hash) return broken('checkpoint_mismatch');
    prevHash = e.hash;
    prevSeq = e.seq;
    checked++;
  }
  return {
    ok: true,
    checked,
    firstBrokenSeq: null,
    reason: null,
    lastHash: prevHash,
    lastSeq: prevSeq,
  };
}
