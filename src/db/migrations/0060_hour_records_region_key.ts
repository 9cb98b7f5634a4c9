import { sql, type Kysely } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: the region code in the hour records' keys, so they can be distributed by
 * region later (e.g. Citus) without a redesign.
 *
 * - `vs_service_records.region_code` (NOT NULL): the 12-digit code of the region the hour was served
 *   in — its activity's `region_code`. Every writer has an activity (check-in, programme staff hours
 *   under the session's activity, imported hours under their import activity, generate, demo), so
 *   the fill of existing rows is exact: no fallback is needed.
 * - The keys start with it: primary key (region_code, id, service_date) and "one record per
 *   volunteer and activity" (region_code, volunteer_id, activity_id[, service_date]) — on
 *   PostgreSQL the partition key (service_date, 0054) stays in both; SQLite (no partitions) keeps
 *   its key without the date, as before. The region is a function of the activity, so the unique
 *   key means what it meant.
 * - A lookup by id alone (a record's page, confirmation) no longer finds it through the primary
 *   key: `vs_service_records_id` indexes `id` (not unique: a key without the region would not be
 *   distributable).
 * - `program_staff` references the record by the whole key: `service_record_region_code` joins
 *   `service_record_id` and `service_record_date` (as 0054 did with the date). Referencing another
 *   unique key instead would need a unique key without the region first — exactly what this
 *   migration removes — and a distributed table accepts only foreign keys that carry its
 *   distribution column.
 *
 * SQLite cannot change a primary key or add a NOT NULL column without a default in place: the two
 * tables are rebuilt (new table, copy, drop, rename; indexes and triggers re-created as the catalog
 * held them) with foreign keys off for the swap and checked before commit.
 */
export const hourRecordsRegionKey: DialectMigration = {
  async up(db, dialect) {
    if (dialect === 'postgres') await postgres(db);
    else await sqlite(db);
  },
};

async function postgres(db: Kysely<unknown>) {
  // The migrator runs this in one transaction (transactional DDL).
  await sql`alter table vs_service_records add column region_code text`.execute(db);
  // The fill changes nothing the figure rollups count, and their UPDATE trigger takes an advisory
  // lock per volunteer in the statement: a city's 50,000 volunteers exhaust the lock table
  // ("out of shared memory", max_locks_per_transaction). So it runs with that trigger off — inside
  // this transaction, so no other writer ever sees it off.
  await sql`alter table vs_service_records disable trigger rollup_vs_service_records_update`.execute(
    db,
  );
  await sql`update vs_service_records r set region_code = a.region_code
    from vs_activities a where a.id = r.activity_id`.execute(db);
  await sql`alter table vs_service_records enable trigger rollup_vs_service_records_update`.execute(
    db,
  );
  await sql`alter table vs_service_records alter column region_code set not null`.execute(db);

  await sql`alter table program_staff add column service_record_region_code text`.execute(db);
  await sql`update program_staff s set service_record_region_code = r.region_code
    from vs_service_records r
    where r.id = s.service_record_id and r.service_date = s.service_record_date`.execute(db);

  await sql`alter table program_staff drop constraint program_staff_service_record_fkey`.execute(
    db,
  );
  await sql`alter table vs_service_records drop constraint vs_service_records_pkey`.execute(db);
  await sql`alter table vs_service_records add constraint vs_service_records_pkey
    primary key (region_code, id, service_date)`.execute(db);
  await sql`alter table vs_service_records drop constraint vs_service_records_once`.execute(db);
  await sql`alter table vs_service_records add constraint vs_service_records_once
    unique (region_code, volunteer_id, activity_id, service_date)`.execute(db);
  await sql`create index vs_service_records_id on vs_service_records (id)`.execute(db);

  await sql`alter table program_staff add constraint program_staff_service_record_fkey
    foreign key (service_record_region_code, service_record_id, service_record_date)
    references vs_service_records (region_code, id, service_date)`.execute(db);
  await sql`alter table program_staff add constraint program_staff_service_record_region_set
    check ((service_record_id is null) = (service_record_region_code is null))`.execute(db);
}

interface CatalogEntry {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

/** The indexes and triggers a table has (not the automatic key indexes), as created. */
async function dependentsOf(db: Kysely<unknown>, table: string): Promise<CatalogEntry[]> {
  const { rows } = await sql<CatalogEntry>`
    select type, name, sql from sqlite_master
    where tbl_name = ${table} and type in ('index', 'trigger') and sql is not null
    order by type, name`.execute(db);
  return rows;
}

/** new table (made by `create`) ← copy ← old; then drop old, rename, re-create its dependents. */
async function rebuild(
  db: Kysely<unknown>,
  table: string,
  create: (name: string) => Promise<void>,
  copy: (into: string) => Promise<void>,
) {
  const dependents = await dependentsOf(db, table);
  const next = `${table}_rebuilt`;
  await create(next);
  await copy(next);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(next)} rename to ${sql.table(table)}`.execute(db);
  for (const d of dependents) await sql.raw(d.sql).execute(db);
}

async function sqlite(db: Kysely<unknown>) {
  // Not transactional DDL on SQLite: the migrator gives one connection; foreign keys can only be
  // switched outside a transaction, and legacy_alter_table keeps the renames from rewriting the
  // other tables' triggers and foreign keys (they name the final tables already).
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`pragma legacy_alter_table = on`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await rebuild(trx, 'vs_service_records', createServiceRecords(trx), async (into) => {
        await sql`insert into ${sql.table(into)} (region_code, ${sql.join(
          SERVICE_RECORD_COLUMNS.map((c) => sql.ref(c)),
        )})
          select a.region_code, ${sql.join(SERVICE_RECORD_COLUMNS.map((c) => sql.ref(`r.${c}`)))}
          from vs_service_records r join vs_activities a on a.id = r.activity_id`.execute(trx);
      });
      await sql`create index vs_service_records_id on vs_service_records (id)`.execute(trx);

      await sql`alter table program_staff add column service_record_region_code text`.execute(trx);
      await sql`update program_staff set service_record_region_code = (
          select r.region_code from vs_service_records r
          where r.id = program_staff.service_record_id
            and r.service_date = program_staff.service_record_date)
        where service_record_id is not null`.execute(trx);
      const staff = await sql<{ sql: string }>`
        select sql from sqlite_master where type = 'table' and name = 'program_staff'`.execute(trx);
      await rebuild(
        trx,
        'program_staff',
        async (name) => {
          await sql.raw(programStaffWithRecordKey(staff.rows[0]!.sql, name)).execute(trx);
        },
        async (into) => {
          await sql`insert into ${sql.table(into)} select * from program_staff`.execute(trx);
        },
      );

      // The references this swap could break: those into the rebuilt hour records.
      const broken = (
        await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(trx)
      ).rows.filter((r) => r.parent === 'vs_service_records');
      if (broken.length > 0)
        throw new Error(`0060: foreign keys broken: ${JSON.stringify(broken.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma legacy_alter_table = off`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** The hour record's columns before this migration, in their order (0008 + 0010). */
const SERVICE_RECORD_COLUMNS = [
  'id',
  'volunteer_id',
  'activity_id',
  'team_id',
  'service_date',
  'checked_in_at',
  'checked_out_at',
  'check_in_method',
  'check_out_method',
  'travel_minutes',
  'half_hours',
  'content',
  'place',
  'status',
  'evaluation',
  'confirmed_by',
  'confirmed_at',
  'created_at',
  'updated_at',
  'reject_reason',
] as const;

const createServiceRecords = (db: Kysely<unknown>) => async (name: string) => {
  await db.schema
    .createTable(name)
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('vs_activities.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('checked_out_at', 'text')
    .addColumn('check_in_method', 'text', (c) => c.notNull())
    .addColumn('check_out_method', 'text')
    .addColumn('travel_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('half_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evaluation', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reject_reason', 'text')
    .addPrimaryKeyConstraint('vs_service_records_pkey', ['region_code', 'id', 'service_date'])
    .addUniqueConstraint('vs_service_records_once', ['region_code', 'volunteer_id', 'activity_id'])
    .execute();
};

/**
 * program_staff's CREATE TABLE as the catalog holds it, renamed, with its reference to the record
 * by id replaced by one by the record's whole key (region, id, date).
 */
export function programStaffWithRecordKey(createSql: string, name: string): string {
  const head = /^CREATE TABLE "?program_staff"? \(/;
  const byId = / references "?vs_service_records"? \("?id"?\)/;
  if (!head.test(createSql) || !byId.test(createSql) || !createSql.endsWith(')'))
    throw new Error(`0060: unexpected program_staff definition: ${createSql}`);
  return `${createSql
    .replace(head, `CREATE TABLE "${name}" (`)
    .replace(byId, '')
    .slice(0, -1)}, constraint "program_staff_service_record_fkey" foreign key (
      "service_record_region_code", "service_record_id", "service_record_date")
      references "vs_service_records" ("region_code", "id", "service_date"))`;
}
