import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  appendCheckpoint,
  lastCheckpoint,
  readCheckpoints,
  type Checkpoint,
} from './audit-checkpoint.ts';
import { GENESIS_HASH, type ChainBreak } from './audit-hash.ts';
import { currentAuditKeys } from './audit-key.ts';
import { readLegacyHead, walkLegacyChain, type AuditHead } from './audit-legacy-chain.ts';
import type { ShardBreak, ShardTail } from './audit-shard.rules.ts';
import { checkLegacySeal, readSealHead, walkSeals, walkShards } from './audit-shard-walk.ts';

export type { AuditHead } from './audit-legacy-chain.ts';

export interface AuditVerification {
  ok: boolean;
  /** Events verified (legacy chain and every shard). */
  checked: number;
  /** The global seq of the first broken event (or the seal seq for a seal fault). */
  firstBrokenSeq: number | null;
  reason: ChainBreak | ShardBreak | null;
  /** The shard where it broke (`legacy` for the chain before 0048), if any. */
  shard: string | null;
  /** Events in the unkeyed legacy prefix (verifiable only as plain SHA-256). */
  legacyEvents: number;
  /** Checkpoints compared (lines of the checkpoint file). */
  checkpoints: number;
  /** Shards walked, seals verified. */
  shards: number;
  seals: number;
  /** The legacy chain's head (no longer moves after 0048). */
  head: AuditHead;
  /** The seal chain's head: what a checkpoint signs now. */
  sealHead: ShardTail;
}

/**
 * Checks everything: the legacy chain, the seal chain against its head and the signed checkpoints,
 * every shard's chain against its head row and its seal, and that no closed shard-day before the
 * last sealed one lacks its seal. Names the first fault.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  opts: { checkpointFile?: string | null; pageSize?: number } = {},
): Promise<AuditVerification> {
  const keys = currentAuditKeys();
  const pageSize = opts.pageSize ?? 5000;
  const head = await readLegacyHead(db);
  const sealHead = await readSealHead(db);
  const lines = opts.checkpointFile ? readCheckpoints(opts.checkpointFile, keys.checkpoint) : [];
  const base = {
    legacyEvents: Math.min(head.legacyThrough, head.seq),
    checkpoints: lines.length,
    shards: 0,
    seals: 0,
    head,
    sealHead,
  };
  let checked = 0;
  const fail = (
    reason: ChainBreak | ShardBreak,
    seq: number | null,
    shard: string | null,
  ): AuditVerification => ({ ...base, ok: false, checked, firstBrokenSeq: seq, reason, shard });
  const signedLegacy = new Map<number, string>();
  const signedSeals = new Map<number, string>();
  let highestLegacy = 0;
  let highestSeal = 0;
  for (const l of lines) {
    if (!l.ok) return fail('checkpoint_forged', l.seq, null);
    const c = l.checkpoint;
    if (c.legacyThrough !== head.legacyThrough)
      return fail(
        'legacy_boundary_moved',
        Math.min(c.legacyThrough, head.legacyThrough) + 1,
        'legacy',
      );
    if (c.chain === 'legacy') {
      signedLegacy.set(c.seq, c.hash);
      highestLegacy = Math.max(highestLegacy, c.seq);
    } else {
      signedSeals.set(c.seq, c.hash);
      highestSeal = Math.max(highestSeal, c.seq);
    }
  }
  const legacy = await walkLegacyChain(
    db,
    head,
    { prevHash: GENESIS_HASH, prevSeq: 0 },
    signedLegacy,
    pageSize,
  );
  checked += legacy.checked;
  if (!legacy.ok) return fail(legacy.reason!, legacy.firstBrokenSeq, 'legacy');
  if (highestLegacy > head.seq) return fail('checkpoint_beyond_head', head.seq + 1, 'legacy');

  const seals = await walkSeals(db, signedSeals, pageSize);
  base.seals = seals.checked;
  if (seals.mismatchedCheckpoint !== null)
    return fail('checkpoint_mismatch', seals.mismatchedCheckpoint, seals.shard);
  if (!seals.ok) return fail(seals.reason!, seals.at, seals.shard);
  if (highestSeal > sealHead.seq) return fail('checkpoint_beyond_head', sealHead.seq + 1, null);
  const legacySeal = checkLegacySeal(seals.seals, head);
  if (legacySeal) return fail(legacySeal.reason!, legacySeal.at, legacySeal.shard);

  const shards = await walkShards(db, seals.seals, pageSize);
  checked += shards.checked;
  base.shards = shards.shards;
  if (!shards.ok) return fail(shards.reason!, shards.at, shards.shard);
  return { ...base, ok: true, checked, firstBrokenSeq: null, reason: null, shard: null };
}

export type CheckpointResult =
  | { written: true; checkpoint: Checkpoint }
  | { written: false; unchanged: true }
  | { written: false; unchanged: false; problem: AuditVerification };

function sameAsHead(c: Checkpoint | null, v: { head: AuditHead; sealHead: ShardTail }): boolean {
  return (
    !!c &&
    c.chain === 'seals' &&
    c.seq === v.sealHead.seq &&
    c.hash === v.sealHead.hash &&
    c.legacyThrough === v.head.legacyThrough
  );
}

function appendHead(
  file: string,
  v: { head: AuditHead; sealHead: ShardTail },
  now: Date,
): Checkpoint {
  const checkpoint: Checkpoint = {
    seq: v.sealHead.seq,
    hash: v.sealHead.hash,
    at: now.toISOString(),
    legacyThrough: v.head.legacyThrough,
    chain: 'seals',
  };
  appendCheckpoint(file, currentAuditKeys().checkpoint, checkpoint);
  return checkpoint;
}

/**
 * Signs the seal chain's head into the checkpoint file — only after the whole check passed, so a
 * tampered chain is never signed. Nothing is written when the seal head has not moved.
 */
export async function writeAuditCheckpoint(
  db: Kysely<Database>,
  opts: { file: string; now: Date },
): Promise<CheckpointResult> {
  const last = lastCheckpoint(opts.file, currentAuditKeys().checkpoint);
  const current = { head: await readLegacyHead(db), sealHead: await readSealHead(db) };
  if (sameAsHead(last, current)) return { written: false, unchanged: true };
  const check = await verifyAuditChain(db, { checkpointFile: opts.file });
  if (!check.ok) return { written: false, unchanged: false, problem: check };
  return { written: true, checkpoint: appendHead(opts.file, check, opts.now) };
}

/** `audit verify` (CLI and API): the full check, then a checkpoint of the verified seal head. */
export async function verifyAndCheckpoint(
  db: Kysely<Database>,
  opts: { checkpointFile: string; now: Date },
): Promise<AuditVerification & { checkpointWritten: boolean }> {
  const result = await verifyAuditChain(db, { checkpointFile: opts.checkpointFile });
  if (!result.ok) return { ...result, checkpointWritten: false };
  const last = lastCheckpoint(opts.checkpointFile, currentAuditKeys().checkpoint);
  if (sameAsHead(last, result)) return { ...result, checkpointWritten: false };
  appendHead(opts.checkpointFile, result, opts.now);
  return { ...result, checkpointWritten: true };
}
