import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { currentAuditKeys } from './audit-key.ts';
import { LEGACY_SHARD, sealHash, type ShardTail } from './audit-shard.rules.ts';

/** The day a legacy seal carries: before every real day, so it sorts (and is sealed) first. */
export const LEGACY_DAY = '0000-00-00';

async function lockSealHead(trx: Transaction<Database>): Promise<ShardTail> {
  // The update takes the row lock: a second node running the job waits here, then sees what the
  // first one sealed (each shard-day is sealed exactly once).
  const h = await trx
    .updateTable('audit_seal_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

async function appendSeal(
  trx: Transaction<Database>,
  prev: ShardTail,
  s: { shard: string; day: string; last_seq: number; last_hash: string; sealed_at: string },
): Promise<ShardTail> {
  const fields = { ...s, seq: prev.seq + 1 };
  const hash = sealHash(currentAuditKeys().chain, prev.hash, fields);
  await trx
    .insertInto('audit_seals')
    .values({ ...fields, prev_hash: prev.hash, hash })
    .execute();
  return { seq: fields.seq, hash };
}

async function sealLegacy(trx: Transaction<Database>, tail: ShardTail, sealedAt: string) {
  const legacy = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return appendSeal(trx, tail, {
    shard: LEGACY_SHARD,
    day: LEGACY_DAY,
    last_seq: Number(legacy.seq),
    last_hash: legacy.hash,
    sealed_at: sealedAt,
  });
}

/**
 * One batch: seals up to `batch` closed shard-days (days before today, China time) in (day,
 * shard) order — the legacy chain first, once. An event still in flight on a shard holds its head
 * row until it commits, so the seal takes the shard's final last event; an event arriving after
 * the seal moves on to the next day's shard (see recordAudit).
 */
async function sealBatch(
  db: Kysely<Database>,
  today: string,
  sealedAt: string,
  batch: number,
): Promise<{ sealed: number; more: boolean }> {
  return db.transaction().execute(async (trx) => {
    let tail = await lockSealHead(trx);
    let sealed = 0;
    if (tail.seq === 0) {
      tail = await sealLegacy(trx, tail, sealedAt);
      sealed++;
    }
    const open = await trx
      .selectFrom('audit_shard_heads')
      .select(['shard', 'day'])
      .where('sealed_seq', 'is', null)
      .where('day', '<', today)
      .orderBy('day')
      .orderBy('shard')
      .limit(batch)
      .execute();
    for (const o of open) {
      const head = await trx
        .updateTable('audit_shard_heads')
        .set({ sealed_seq: tail.seq + 1 })
        .where('shard', '=', o.shard)
        .where('sealed_seq', 'is', null)
        .returning(['seq', 'hash'])
        .executeTakeFirst();
      if (!head) continue;
      tail = await appendSeal(trx, tail, {
        shard: o.shard,
        day: o.day,
        last_seq: Number(head.seq),
        last_hash: head.hash,
        sealed_at: sealedAt,
      });
      sealed++;
    }
    await trx
      .updateTable('audit_seal_head')
      .set({ seq: tail.seq, hash: tail.hash })
      .where('id', '=', 1)
      .execute();
    return { sealed, more: open.length === batch };
  });
}

/** The sealing job's run: every closed, unsealed shard-day, in order, in batches. */
export async function sealClosedShards(
  db: Kysely<Database>,
  opts: { now: Date; batch?: number },
): Promise<{ sealed: number }> {
  const today = chinaDate(opts.now);
  const sealedAt = opts.now.toISOString();
  let total = 0;
  for (;;) {
    const r = await sealBatch(db, today, sealedAt, opts.batch ?? 500);
    total += r.sealed;
    if (!r.more) return { sealed: total };
  }
}
