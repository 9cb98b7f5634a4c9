import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { GENESIS_HASH, type CheckpointHashes } from './audit-hash.ts';
import { currentAuditKeys } from './audit-key.ts';
import type { AuditHead } from './audit-legacy-chain.ts';
import {
  checkShardAgainstSeal,
  LEGACY_SHARD,
  verifySealChain,
  verifyShardEvents,
  type ShardBreak,
  type ShardCheck,
  type ShardHeadState,
  type ShardTail,
} from './audit-shard.rules.ts';

interface SealRef {
  seq: number;
  day: string;
  last_seq: number;
  last_hash: string;
}

export interface SealWalk extends ShardCheck {
  head: ShardTail;
  seals: Map<string, SealRef>;
  /** Checkpoint hashes (by seal seq) that did not match, or a checkpoint past the head. */
}

const fail = (reason: ShardBreak, shard: string | null, at: number | null, checked = 0) => ({
  ok: false,
  checked,
  reason,
  shard,
  at,
});

export async function readSealHead(db: Kysely<Database>): Promise<ShardTail> {
  const h = await db
    .selectFrom('audit_seal_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

/**
 * Walks the seal chain against its head row and the signed checkpoint hashes (by seal seq);
 * returns the seals by shard for the shard walk.
 */
export async function walkSeals(
  db: Kysely<Database>,
  signed: CheckpointHashes,
  pageSize: number,
): Promise<SealWalk & { mismatchedCheckpoint: number | null }> {
  const key = currentAuditKeys().chain;
  const head = await readSealHead(db);
  const seals = new Map<string, SealRef>();
  let tail: ShardTail = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_seals')
      .selectAll()
      .where('seq', '>', tail.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    const rows = page.map((s) => ({ ...s, seq: Number(s.seq), last_seq: Number(s.last_seq) }));
    const r = verifySealChain(key, rows, tail);
    checked += r.checked;
    if (!r.ok) return { ...r, checked, head, seals, mismatchedCheckpoint: null };
    for (const s of rows) {
      const want = signed.get(s.seq);
      if (want !== undefined && want !== s.hash)
        return {
          ...fail('seal_hash_mismatch', s.shard, s.seq, checked),
          head,
          seals,
          mismatchedCheckpoint: s.seq,
        };
      seals.set(s.shard, s);
    }
    tail = r.tail;
    if (page.length < pageSize) break;
  }
  if (tail.seq !== head.seq || tail.hash !== head.hash)
    return {
      ...fail('seal_head_mismatch', null, tail.seq + 1, checked),
      head,
      seals,
      mismatchedCheckpoint: null,
    };
  return {
    ok: true,
    checked,
    reason: null,
    shard: null,
    at: null,
    head,
    seals,
    mismatchedCheckpoint: null,
  };
}

/** The legacy chain's seal (written first) must hold its head. */
export function checkLegacySeal(seals: Map<string, SealRef>, legacy: AuditHead): ShardCheck | null {
  const s = seals.get(LEGACY_SHARD);
  if (seals.size > 0 && !s) return fail('seal_missing', LEGACY_SHARD, 1);
  if (s && (s.last_seq !== legacy.seq || s.last_hash !== legacy.hash))
    return fail('seal_mismatch', LEGACY_SHARD, s.seq);
  return null;
}

async function loadHeads(db: Kysely<Database>): Promise<Map<string, ShardHeadState>> {
  const rows = await db
    .selectFrom('audit_shard_heads')
    .select(['shard', 'day', 'seq', 'hash', 'sealed_seq'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.shard,
      {
        ...r,
        seq: Number(r.seq),
        sealed_seq: r.sealed_seq === null ? null : Number(r.sealed_seq),
      },
    ]),
  );
}

/**
 * Walks every shard's events in (shard, shard_seq) order, in pages, and checks each shard against
 * its head row and its seal; then the shards with no events and the seals with no shard.
 */
export async function walkShards(
  db: Kysely<Database>,
  seals: Map<string, SealRef>,
  pageSize: number,
): Promise<ShardCheck & { shards: number }> {
  const key = currentAuditKeys().chain;
  const heads = await loadHeads(db);
  let lastSealedDay: string | null = null;
  for (const [shard, s] of seals)
    if (shard !== LEGACY_SHARD && (lastSealedDay === null || s.day > lastSealedDay))
      lastSealedDay = s.day;
  const done = new Set<string>();
  let checked = 0;
  let current: { shard: string; tail: ShardTail } | null = null;
  const finish = (shard: string, tail: ShardTail, at: number | null): ShardCheck | null => {
    done.add(shard);
    const head = heads.get(shard);
    if (!head) return fail('shard_unknown', shard, at, checked);
    const broken = checkShardAgainstSeal(head, tail, seals.get(shard), lastSealedDay);
    return broken ? fail(broken, shard, at, checked) : null;
  };
  let after: { shard: string; seq: number } | null = null;
  for (;;) {
    let q = db.selectFrom('audit_events').selectAll().where('shard', 'is not', null);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([
          eb('shard', '>', a.shard),
          eb.and([eb('shard', '=', a.shard), eb('shard_seq', '>', a.seq)]),
        ]),
      );
    }
    const page = await q.orderBy('shard').orderBy('shard_seq').limit(pageSize).execute();
    let i = 0;
    while (i < page.length) {
      const shard = page[i]!.shard!;
      const run = [];
      while (i < page.length && page[i]!.shard === shard) {
        const e = page[i]!;
        run.push({ ...e, globalSeq: Number(e.seq), seq: Number(e.shard_seq) });
        i++;
      }
      if (current && current.shard !== shard) {
        const bad = finish(current.shard, current.tail, null);
        if (bad) return { ...bad, shards: done.size };
        current = null;
      }
      const r = verifyShardEvents(key, shard, run, current?.tail);
      checked += r.checked;
      if (!r.ok) return { ...r, checked, shards: done.size };
      current = { shard, tail: r.tail };
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { shard: last.shard!, seq: Number(last.shard_seq) };
  }
  if (current) {
    const bad = finish(current.shard, current.tail, null);
    if (bad) return { ...bad, shards: done.size };
  }
  for (const shard of heads.keys()) {
    if (done.has(shard)) continue;
    const bad = finish(shard, { seq: 0, hash: GENESIS_HASH }, null);
    if (bad) return { ...bad, shards: done.size };
  }
  for (const [shard, s] of seals)
    if (shard !== LEGACY_SHARD && !heads.has(shard))
      return { ...fail('shard_unknown', shard, s.seq, checked), shards: done.size };
  return { ok: true, checked, reason: null, shard: null, at: null, shards: done.size };
}
