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

export function auditHash(prevHash: string, e: HashedAuditFields): string {
  const canonical = JSON.stringify([
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
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match, if any. */
  firstBrokenSeq: number | null;
  reason: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' | 'head_mismatch' | null;
}

/** Walks events in seq order; pure so it can be tested without a database. */
export function verifyChain(
  events: Iterable<HashedAuditFields & { prev_hash: string; hash: string }>,
  start: { prevHash: string; prevSeq: number } = { prevHash: GENESIS_HASH, prevSeq: 0 },
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
    if (auditHash(prevHash, e) !== e.hash) return broken('hash_mismatch');
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
