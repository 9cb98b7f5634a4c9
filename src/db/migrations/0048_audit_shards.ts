import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #16 point 3: no global serialisation point in the audit chain.
 *
 * - Events are chained per shard (`<9-digit town>:<YYYYMMDD>` or `system:<YYYYMMDD>`, China day):
 *   `audit_events.shard` and `shard_seq`, one head row per shard in `audit_shard_heads`. Events
 *   written before this migration keep `shard` null: they are the legacy chain, still headed by
 *   `audit_head` (id 1), verified as before.
 * - `audit_events.seq` stays the global row number (paging, references) but is now drawn from a
 *   sequence on PostgreSQL (no row lock); on SQLite the single writer takes max + 1.
 * - `audit_seals`: the sealing job seals each closed shard-day once, in (day, shard) order, each
 *   seal chaining the previous seal and the shard's last hash; `audit_seal_head` is the seal
 *   chain's head (what the signed checkpoints now cover). Seals are append-only like events.
 */
export const auditShards: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('audit_events').addColumn('shard', 'text').execute();
    await db.schema.alterTable('audit_events').addColumn('shard_seq', 'integer').execute();
    await db.schema
      .createIndex('audit_events_shard_seq')
      .on('audit_events')
      .columns(['shard', 'shard_seq'])
      .unique()
      .execute();
    if (dialect === 'postgres') {
      await sql`create sequence audit_events_seq`.execute(db);
      await sql`select setval('audit_events_seq', coalesce((select max(seq) from audit_events), 0) + 1, false)`.execute(
        db,
      );
    }

    await db.schema
      .createTable('audit_shard_heads')
      .addColumn('shard', 'text', (c) => c.primaryKey())
      .addColumn('town', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('sealed_seq', 'integer')
      .execute();
    await db.schema
      .createIndex('audit_shard_heads_unsealed')
      .on('audit_shard_heads')
      .columns(['sealed_seq', 'day', 'shard'])
      .execute();

    await db.schema
      .createTable('audit_seals')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('shard', 'text', (c) => c.notNull().unique())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .addColumn('sealed_at', t.timestamp, (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_seal_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into audit_seal_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(
      db,
    );

    if (dialect === 'postgres') {
      await sql`create trigger audit_seals_no_change before update or delete on audit_seals
        for each row execute function audit_events_append_only()`.execute(db);
      await sql`create trigger audit_seals_no_truncate before truncate on audit_seals
        for each statement execute function audit_events_append_only()`.execute(db);
    } else {
      await sql`create trigger audit_seals_no_update before update on audit_seals
        begin select raise(abort, 'audit_seals is append-only: UPDATE refused'); end`.execute(db);
      await sql`create trigger audit_seals_no_delete before delete on audit_seals
        begin select raise(abort, 'audit_seals is append-only: DELETE refused'); end`.execute(db);
    }
  },
};
