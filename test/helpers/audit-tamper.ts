import { sql, type Kysely } from 'kysely';
import type { Db } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/schema.ts';
import { auditHash, GENESIS_HASH } from '../../src/modules/audit/audit-hash.ts';

const APPEND_ONLY = ['audit_events', 'audit_seals'] as const;

/**
 * What an intruder with full database rights does: lifts the append-only triggers of the events
 * and the seals (a PostgreSQL superuser, or whoever holds the SQLite file), changes the tables,
 * puts the triggers back.
 */
export async function asIntruder(db: Db, change: (k: Kysely<Database>) => Promise<void>) {
  const k = db.kysely;
  if (db.dialect === 'postgres') {
    for (const table of APPEND_ONLY)
      await sql`alter table ${sql.raw(table)} disable trigger user`.execute(k);
    try {
      await change(k);
    } finally {
      for (const table of APPEND_ONLY)
        await sql`alter table ${sql.raw(table)} enable trigger user`.execute(k);
    }
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger'
      and tbl_name in ('audit_events', 'audit_seals')`.execute(k);
  for (const t of triggers.rows) await sql`drop trigger ${sql.raw(t.name)}`.execute(k);
  try {
    await change(k);
  } finally {
    for (const t of triggers.rows) await sql.raw(t.sql).execute(k);
  }
}

/**
 * Recomputes every hash from global `fromSeq` on with plain SHA-256 — all one can do without the
 * key — chain by chain (the legacy chain in seq order, each shard in shard_seq order; or only
 * `onlyShard`), and moves the heads along.
 */
export async function rechainWithoutKey(
  k: Kysely<Database>,
  fromSeq: number,
  opts: { onlyShard?: string } = {},
) {
  const rows = (await k.selectFrom('audit_events').selectAll().execute()).filter(
    (r) => opts.onlyShard === undefined || r.shard === opts.onlyShard,
  );
  const place = (r: (typeof rows)[number]) => Number(r.shard_seq ?? r.seq);
  rows.sort((a, b) =>
    (a.shard ?? '') === (b.shard ?? '')
      ? place(a) - place(b)
      : (a.shard ?? '') < (b.shard ?? '')
        ? -1
        : 1,
  );
  const tails = new Map<string, string>();
  for (const r of rows) {
    const chain = r.shard ?? '';
    const prev = tails.get(chain) ?? GENESIS_HASH;
    if (r.seq >= fromSeq) {
      const hash = auditHash(prev, { ...r, seq: place(r) });
      await k
        .updateTable('audit_events')
        .set({ prev_hash: prev, hash })
        .where('seq', '=', r.seq)
        .execute();
      tails.set(chain, hash);
    } else tails.set(chain, r.hash);
  }
  for (const [chain, hash] of tails) {
    if (chain === '') await k.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
    else
      await k.updateTable('audit_shard_heads').set({ hash }).where('shard', '=', chain).execute();
  }
}
