import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { currentAuditKeys } from './audit-key.ts';
import { verifyChain, type ChainCheck, type CheckpointHashes } from './audit-hash.ts';

/**
 * The chain written before migration 0048: one global chain headed by `audit_head` (id 1), its
 * events the ones with no shard. It no longer grows; it is verified as before and sealed first.
 */
export interface AuditHead {
  seq: number;
  hash: string;
  /** Events up to here were chained before the key existed (migration 0017). */
  legacyThrough: number;
}

export async function readLegacyHead(db: Kysely<Database>): Promise<AuditHead> {
  const h = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'legacy_through'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash, legacyThrough: Number(h.legacy_through) };
}

/** Walks (from.prevSeq, head.seq] of the legacy chain in pages; the last event must be the head. */
export async function walkLegacyChain(
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
      .where('shard', 'is', null)
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
