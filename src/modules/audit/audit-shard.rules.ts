import crypto from 'node:crypto';
import { GENESIS_HASH, type HashedAuditFields } from './audit-hash.ts';

/**
 * The audit chain per shard (issue #16 point 3): every event chains to the previous event of its
 * shard — one town's events of one China day (`330106001:20261205`), or the system's for events
 * with no region (`system:20261205`) — so writers in different towns never take the same head
 * row. A sealing job seals each closed shard-day once, in (day, shard) order; each seal chains the
 * previous seal and the shard's last hash, so a deleted event, a cut shard or a dropped seal shows.
 * Pure: no database.
 */
export const SYSTEM_TOWN = 'system';
/** The chain written before migration 0048 (one global chain); sealed first, as seal #1. */
export const LEGACY_SHARD = 'legacy';

export interface ShardKey {
  shard: string;
  town: string;
  /** China day, YYYY-MM-DD. */
  day: string;
}

/** The shard an event of `regionCode` on China day `day` joins. */
export function shardOf(regionCode: string | null | undefined, day: string): ShardKey {
  const town = regionCode && /^\d{9}/.test(regionCode) ? regionCode.slice(0, 9) : SYSTEM_TOWN;
  return { shard: `${town}:${day.replaceAll('-', '')}`, town, day };
}

/** The next day (YYYY-MM-DD): where an event goes when its day's shard was already sealed. */
export function dayAfter(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** HMAC-SHA256 of one shard event: the shard's name and the place in it are covered too. */
export function shardLinkHash(
  key: Buffer,
  shard: string,
  prevHash: string,
  e: HashedAuditFields,
): string {
  const text = JSON.stringify([
    'shard/v1',
    shard,
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
  return crypto.createHmac('sha256', key).update(text).digest('hex');
}

export interface SealFields {
  seq: number;
  shard: string;
  day: string;
  last_seq: number;
  last_hash: string;
  sealed_at: string;
}

export function sealHash(key: Buffer, prevHash: string, s: SealFields): string {
  const text = JSON.stringify([
    'seal/v1',
    prevHash,
    s.seq,
    s.shard,
    s.day,
    s.last_seq,
    s.last_hash,
    s.sealed_at,
  ]);
  return crypto.createHmac('sha256', key).update(text).digest('hex');
}

export type ShardBreak =
  | 'sequence_gap'
  | 'link_mismatch'
  | 'hash_mismatch'
  | 'head_mismatch'
  /** An event whose shard has no head row (or a head with no events behind it). */
  | 'shard_unknown'
  /** A seal whose last seq/hash is not what its shard holds: events cut or added after sealing. */
  | 'seal_mismatch'
  /** A sealed shard whose seal is gone, or a closed shard left unsealed before a later seal. */
  | 'seal_missing'
  | 'seal_gap'
  | 'seal_link_mismatch'
  | 'seal_hash_mismatch'
  | 'seal_head_mismatch';

export interface ShardCheck {
  ok: boolean;
  checked: number;
  reason: ShardBreak | null;
  /** The shard where it broke, and the global seq of the event (or seal seq) at fault. */
  shard: string | null;
  at: number | null;
}

export interface ShardEvent extends HashedAuditFields {
  /** The global row number, for the report. */
  globalSeq: number;
  prev_hash: string;
  hash: string;
}

export interface ShardTail {
  seq: number;
  hash: string;
}

/** Walks one shard's events (in shard_seq order, as `seq`) from `start`; pure. */
export function verifyShardEvents(
  key: Buffer,
  shard: string,
  events: Iterable<ShardEvent>,
  start: ShardTail = { seq: 0, hash: GENESIS_HASH },
): ShardCheck & { tail: ShardTail } {
  let tail = start;
  let checked = 0;
  for (const e of events) {
    const broken = (reason: ShardBreak) => ({
      ok: false,
      checked,
      reason,
      shard,
      at: e.globalSeq,
      tail,
    });
    if (e.seq !== tail.seq + 1) return broken('sequence_gap');
    if (e.prev_hash !== tail.hash) return broken('link_mismatch');
    if (shardLinkHash(key, shard, tail.hash, e) !== e.hash) return broken('hash_mismatch');
    tail = { seq: e.seq, hash: e.hash };
    checked++;
  }
  return { ok: true, checked, reason: null, shard: null, at: null, tail };
}

export interface StoredSeal extends SealFields {
  prev_hash: string;
  hash: string;
}

/** Walks the seal chain (in seq order) from `start`; pure. */
export function verifySealChain(
  key: Buffer,
  seals: Iterable<StoredSeal>,
  start: ShardTail = { seq: 0, hash: GENESIS_HASH },
): ShardCheck & { tail: ShardTail } {
  let tail = start;
  let checked = 0;
  for (const s of seals) {
    const broken = (reason: ShardBreak) => ({
      ok: false,
      checked,
      reason,
      shard: s.shard,
      at: s.seq,
      tail,
    });
    if (s.seq !== tail.seq + 1) return broken('seal_gap');
    if (s.prev_hash !== tail.hash) return broken('seal_link_mismatch');
    if (sealHash(key, tail.hash, s) !== s.hash) return broken('seal_hash_mismatch');
    tail = { seq: s.seq, hash: s.hash };
    checked++;
  }
  return { ok: true, checked, reason: null, shard: null, at: null, tail };
}

export interface ShardHeadState {
  shard: string;
  day: string;
  seq: number;
  hash: string;
  sealed_seq: number | null;
}

/**
 * What a shard's head, its walked tail and its seal must agree on: the head is the last event;
 * a sealed shard's seal holds that same last event; a shard marked sealed has its seal; and a
 * shard of a day before the last sealed day is sealed (the job seals in day order).
 */
export function checkShardAgainstSeal(
  head: ShardHeadState,
  tail: ShardTail,
  seal: { seq: number; last_seq: number; last_hash: string } | undefined,
  lastSealedDay: string | null,
): ShardBreak | null {
  if (tail.seq !== head.seq || tail.hash !== head.hash) return 'head_mismatch';
  if (seal && (seal.last_seq !== tail.seq || seal.last_hash !== tail.hash)) return 'seal_mismatch';
  if (!seal && head.sealed_seq !== null) return 'seal_missing';
  if (seal && head.sealed_seq !== seal.seq) return 'seal_missing';
  if (!seal && lastSealedDay !== null && head.day < lastSealedDay) return 'seal_missing';
  return null;
}

/** The shard-days the job may seal at `today` (China day): every day before it. */
export function isClosedDay(day: string, today: string): boolean {
  return day < today;
}
