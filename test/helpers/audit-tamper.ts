import { sql, type Kysely } from 'kysely';
import type { Db } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/schema.ts';
import { auditHash, GENESIS_HASH } from '../../src/modules/audit/audit-hash.ts';

/**
 * What an intruder with full database rights does: lifts the append-only triggers (a PostgreSQL
 * superuser, or whoever holds the SQLite file), changes the table, puts the triggers back.
 */
export async function asIntruder(db: Db, change: (k: Kysely<Database>) => Promise<void>) {
  const k = db.kysely;
  if (db.dialect === 'postgres') {
    await sql`alter table audit_events disable trigger user`.execute(k);
    try {
      await change(k);
    } finally {
      await sql`alter table audit_events enable trigger user`.execute(k);
    }
    return;
  }
  const triggers = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'`.execute(k);
  for (const name of ['audit_events_no_update', 'audit_events_no_delete'])
    await sql`drop trigger ${sql.raw(name)}`.execute(k);
  try {
    await change(k);
  } finally {
    for (const t of triggers.rows) await sql.raw(t.sql).execute(k);
  }
}

/** Recomputes every hash from `fromSeq` on with plain SHA-256 — all one can do without the key. */
export async function rechainWithoutKey(k: Kysely<Database>, fromSeq: number) {
  const rows = await k.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.seq >= fromSeq) {
      const hash = auditHash(prev, r);
      await k
        .updateTable('audit_events')
        .set({ prev_hash: prev, hash })
        .where('seq', '=', r.seq)
        .execute();
      prev = hash;
    } else prev = r.hash;
  }
  await k.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}
