import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';
import { convertToPartitioned, PARTITIONED } from '../partitions.ts';

/**
 * Issue #16 point 5: the largest tables partitioned by time, natively, on PostgreSQL — by China
 * month, a DEFAULT partition for anything else, the next months made ahead by the maintenance job
 * (src/db/partitions.ts, partition-maintenance.job.ts):
 *
 * - `audit_events` by `occurred_at`: primary key (seq, occurred_at), the shard's unique key
 *   (shard, shard_seq, occurred_at) — the shard names the town, so the region is in that key.
 *   `seq` stays unique (one sequence); shard_seq stays unique per shard (the shard's head row is
 *   the only writer). The append-only triggers are re-created; each partition gets its own TRUNCATE
 *   guard (a statement trigger on the table does not fire for a partition truncated by name).
 * - `vs_service_records` (the hour records, VS-8) by `service_date`: primary key (id,
 *   service_date), "one record per volunteer and activity" (volunteer_id, activity_id,
 *   service_date) — a second record of the same activity on another day of a multi-day activity is
 *   refused by check-in itself under the volunteer's row lock (attendance.steps.ts). The one
 *   foreign key pointing into it, program_staff.service_record_id, now carries the record's date:
 *   program_staff.service_record_date, and the key is (service_record_id, service_record_date).
 *
 * SQLite (one town, one machine) has no partitioning: there the migration only adds
 * program_staff.service_record_date, so both dialects keep one schema.
 *
 * Cases are not partitioned (yet): 9+ foreign keys point into `cases.id`; see docs/operations.md.
 */
export const partitions: DialectMigration = {
  async up(db, dialect) {
    await db.schema.alterTable('program_staff').addColumn('service_record_date', 'text').execute();
    await sql`
      UPDATE program_staff SET service_record_date = (
        SELECT r.service_date FROM vs_service_records r WHERE r.id = program_staff.service_record_id
      )
      WHERE service_record_id IS NOT NULL`.execute(db);
    if (dialect !== 'postgres') return;

    const incoming = await sql<{ name: string; source: string }>`
      select conname as name, conrelid::regclass::text as source from pg_constraint
      where contype = 'f' and confrelid in (${sql.join(
        PARTITIONED.map((p) => sql`to_regclass(${p.table})`),
      )})`.execute(db);
    const expected = incoming.rows.filter((r) => r.source === 'program_staff');
    if (expected.length !== incoming.rows.length)
      throw new Error(
        `0054: foreign keys into a table to partition that this migration does not know: ${JSON.stringify(
          incoming.rows,
        )}`,
      );
    for (const fk of expected)
      await sql`alter table program_staff drop constraint ${sql.id(fk.name)}`.execute(db);

    // The migrator runs this in its transaction: nothing is half-converted.
    const now = new Date();
    for (const spec of PARTITIONED) await convertToPartitioned(db, spec, now);

    await sql`alter table program_staff add constraint program_staff_service_record_fkey
      foreign key (service_record_id, service_record_date)
      references vs_service_records (id, service_date)`.execute(db);
    await sql`alter table program_staff add constraint program_staff_service_record_date_set
      check ((service_record_id is null) = (service_record_date is null))`.execute(db);
  },
};
