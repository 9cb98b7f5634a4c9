import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #10 point 16: the audit chain becomes keyed and append-only.
 *
 * - `audit_head.legacy_through`: the events chained before this migration (plain SHA-256) stay
 *   verifiable as a legacy prefix; every later event is linked with HMAC-SHA256 under a key that
 *   is not in the database (see src/modules/audit/audit-key.ts).
 * - Triggers refuse UPDATE and DELETE of audit events (and TRUNCATE on PostgreSQL) for every role,
 *   the application's included. A superuser (or whoever owns the SQLite file) can still drop the
 *   triggers: the signed checkpoints outside the database are what catch that.
 */
export const auditKeyed: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .alterTable('audit_head')
      .addColumn('legacy_through', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update audit_head set legacy_through = seq where id = 1`.execute(db);

    if (dialect === 'postgres') {
      await sql`
        create function audit_events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_events is append-only: % refused', tg_op
            using errcode = 'insufficient_privilege';
        end
        $$`.execute(db);
      await sql`create trigger audit_events_no_change before update or delete on audit_events
        for each row execute function audit_events_append_only()`.execute(db);
      await sql`create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only()`.execute(db);
    } else {
      await sql`create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit_events is append-only: UPDATE refused'); end`.execute(db);
      await sql`create trigger audit_events_no_delete before delete on audit_events
        begin select raise(abort, 'audit_events is append-only: DELETE refused'); end`.execute(db);
    }
  },
};
