/**
 * Issue #16 point 5: native monthly RANGE partitions of the largest tables on PostgreSQL (SQLite
 * keeps plain tables: one town on one machine). Migration 0054 converts the tables
 * (convertToPartitioned); the maintenance job (partition-maintenance.job.ts) keeps the partitions
 * of this month and the next months made ahead of time (ensurePartitions). A DEFAULT partition
 * catches a row no monthly partition holds (a clock far ahead, a date typed as 2028): the write
 * never fails, and the next run moves those rows into their own month's partition.
 */
import { PostgresAdapter, sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import {
  defaultPartitionName,
  monthBounds,
  monthOfPartition,
  monthsWanted,
  partitionName,
  type PartitionSpec,
} from './partitions.rules.ts';

/** The partitioned tables (cases are not: see docs/operations.md, "Partitions"). */
export const PARTITIONED: readonly PartitionSpec[] = [
  { table: 'audit_events', column: 'occurred_at', kind: 'instant' },
  { table: 'vs_service_records', column: 'service_date', kind: 'china-date' },
];

/** Months made ahead of the current one. */
export const MONTHS_AHEAD = 3;

/** Serialises partition maintenance across nodes (pg_advisory_xact_lock key; any fixed number). */
const MAINTENANCE_LOCK = 1_600_005_401;

// The names come from PARTITIONED and partitionName (letters, digits, _), never from input.
const ident = (name: string) => sql.id(name);

function monthExpression(spec: PartitionSpec) {
  return spec.kind === 'instant'
    ? sql<string>`to_char(${sql.ref(spec.column)} at time zone 'Asia/Shanghai', 'YYYY-MM')`
    : sql<string>`substr(${sql.ref(spec.column)}, 1, 7)`;
}

function boundsSql(spec: PartitionSpec, month: string) {
  const b = monthBounds(spec.kind, month);
  return sql`for values from (${sql.lit(b.from)}) to (${sql.lit(b.to)})`;
}

async function distinctMonths(trx: QueryExecutorProvider, spec: PartitionSpec, table: string) {
  const { rows } = await sql<{ m: string | null }>`
    select distinct ${monthExpression(spec)} as m from ${ident(table)}`.execute(trx);
  return rows.flatMap((r) => (r.m ? [r.m] : []));
}

/** The partitions a table has now, by name. */
async function partitionsOf(trx: QueryExecutorProvider, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass(${table})`.execute(trx);
  return rows.map((r) => r.name);
}

async function isPartitioned(trx: QueryExecutorProvider, table: string): Promise<boolean> {
  const { rows } = await sql<{ kind: string }>`
    select relkind as kind from pg_class where oid = to_regclass(${table})`.execute(trx);
  return rows[0]?.kind === 'p';
}

/**
 * Statement-level triggers (the audit's TRUNCATE guard) fire only for the table they are on, not
 * for its partitions: each partition gets its own copy (row-level ones PostgreSQL clones itself).
 */
async function copyStatementTriggers(trx: QueryExecutorProvider, table: string, partition: string) {
  const { rows } = await sql<{ name: string; def: string }>`
    select tgname as name, pg_get_triggerdef(oid) as def from pg_trigger
    where tgrelid = to_regclass(${table}) and not tgisinternal and (tgtype & 1) = 0`.execute(trx);
  for (const t of rows) {
    const head = `CREATE TRIGGER ${t.name} `;
    const on = new RegExp(` ON (public\\.)?${table} `);
    if (!t.def.startsWith(head) || !on.test(t.def))
      throw new Error(`partitions: cannot copy trigger ${t.name}: ${t.def}`);
    const def = t.def
      .replace(head, `CREATE TRIGGER ${partition}_${t.name} `)
      .replace(on, ` ON ${partition} `);
    await sql.raw(def).execute(trx);
  }
}

/**
 * Makes the partition of `month`. Rows of that month already in DEFAULT are moved into it first
 * (a new partition cannot be attached while DEFAULT holds rows of its range): the partition is
 * built beside the table, the rows moved in one statement — the append-only guard of DEFAULT lifted
 * for that statement only, inside this transaction — and then attached.
 */
async function createMonth(
  trx: QueryExecutorProvider,
  spec: PartitionSpec,
  month: string,
  inDefault: boolean,
) {
  const name = partitionName(spec.table, month);
  const table = ident(spec.table);
  if (!inDefault) {
    await sql`create table ${ident(name)} partition of ${table} ${boundsSql(spec, month)}`.execute(
      trx,
    );
  } else {
    const b = monthBounds(spec.kind, month);
    const dflt = ident(defaultPartitionName(spec.table));
    const col = sql.ref(spec.column);
    await sql`create table ${ident(name)} (like ${table} including defaults including constraints)`.execute(
      trx,
    );
    await sql`alter table ${dflt} disable trigger user`.execute(trx);
    await sql`with moved as (
        delete from ${dflt} where ${col} >= ${sql.lit(b.from)} and ${col} < ${sql.lit(b.to)}
        returning *)
      insert into ${ident(name)} select * from moved`.execute(trx);
    await sql`alter table ${dflt} enable trigger user`.execute(trx);
    await sql`alter table ${table} attach partition ${ident(name)} ${boundsSql(spec, month)}`.execute(
      trx,
    );
  }
  await copyStatementTriggers(trx, spec.table, name);
  return name;
}

/**
 * The months of `wanted` (and of the rows in DEFAULT) that have no partition yet get one. Run
 * inside a transaction holding the maintenance lock.
 */
async function ensureTable(
  trx: QueryExecutorProvider,
  spec: PartitionSpec,
  now: Date,
  ahead: number,
) {
  const existing = new Set(
    (await partitionsOf(trx, spec.table)).flatMap((p) => monthOfPartition(spec.table, p) ?? []),
  );
  const dflt = defaultPartitionName(spec.table);
  const inDefault = new Set(await distinctMonths(trx, spec, dflt));
  const created: string[] = [];
  for (const month of monthsWanted(now, ahead, [...inDefault])) {
    if (existing.has(month)) continue;
    created.push(await createMonth(trx, spec, month, inDefault.has(month)));
  }
  return created;
}

export interface MaintenanceResult {
  /** The partitions this call made (none when another node had made them). */
  created: string[];
}

/**
 * Partition maintenance, safe on any number of nodes: one transaction holding an advisory lock, so
 * a second node waits, then finds the partitions made and makes none. Does nothing on SQLite or
 * before migration 0054. Past the advisory lock, a table lock its users hold longer than
 * `lockTimeoutMs` makes this run fail (the next one tries again: the partitions are made months ahead), rather than queue every
 * writer of the table behind it.
 */
export async function ensurePartitions<DB>(
  db: Kysely<DB>,
  opts: { now: Date; ahead?: number; lockTimeoutMs?: number },
): Promise<MaintenanceResult> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return { created: [] };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MAINTENANCE_LOCK})`.execute(trx);
    await sql`select set_config('lock_timeout', ${String(opts.lockTimeoutMs ?? 5_000)}, true)`.execute(
      trx,
    );
    const created: string[] = [];
    for (const spec of PARTITIONED) {
      if (!(await isPartitioned(trx, spec.table))) continue;
      created.push(...(await ensureTable(trx, spec, opts.now, opts.ahead ?? MONTHS_AHEAD)));
    }
    return { created };
  });
}

interface KeyConstraint {
  name: string;
  def: string;
}

/** PRIMARY KEY (a) → PRIMARY KEY (a, col): PostgreSQL's unique keys on a partitioned table hold its key. */
function withPartitionKey(def: string, column: string): string {
  const m = /^(PRIMARY KEY|UNIQUE) \((.+)\)$/.exec(def);
  if (!m) throw new Error(`partitions: cannot extend key ${def}`);
  const columns = m[2]!.split(', ');
  return columns.includes(column) ? def : `${m[1]} (${[...columns, column].join(', ')})`;
}

/** CREATE UNIQUE INDEX … (a, b) [WHERE …] → … (a, b, col) [WHERE …]. */
function uniqueIndexWithPartitionKey(def: string, column: string): string {
  const where = def.indexOf(' WHERE ');
  const head = where < 0 ? def : def.slice(0, where);
  const tail = where < 0 ? '' : def.slice(where);
  if (!head.endsWith(')')) throw new Error(`partitions: cannot extend index ${def}`);
  return `${head.slice(0, -1)}, ${column})${tail}`;
}

/**
 * Migration 0054: turns a plain table into a partitioned one in the migration's transaction —
 * rename the old table, create the partitioned one like it, make the partitions its rows need
 * (plus this month and the months ahead, and DEFAULT), copy the rows, drop the old table, then
 * re-create what the old table had: its primary and unique keys extended by the partition key,
 * its other indexes, its foreign keys, its triggers (as read from the catalog, so an index a later
 * change added before this runs is kept). Foreign keys pointing INTO the table must have been
 * dropped by the caller (the drop fails otherwise); they can only come back with the partition key.
 */
export async function convertToPartitioned(
  trx: QueryExecutorProvider,
  spec: PartitionSpec,
  now: Date,
): Promise<{ rows: number; partitions: string[] }> {
  const table = spec.table;
  const old = `${table}_unpartitioned`;
  const keys = await sql<KeyConstraint & { kind: 'p' | 'u' }>`
    select conname as name, pg_get_constraintdef(oid) as def, contype as kind from pg_constraint
    where conrelid = to_regclass(${table}) and contype in ('p', 'u') order by contype`.execute(trx);
  const indexes = await sql<{ def: string; unique: boolean }>`
    select pg_get_indexdef(i.indexrelid) as def, i.indisunique as unique from pg_index i
    where i.indrelid = to_regclass(${table})
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid
                        and c.conrelid = i.indrelid)`.execute(trx);
  const foreign = await sql<KeyConstraint>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = to_regclass(${table}) and contype = 'f' order by conname`.execute(trx);
  const triggers = await sql<{ def: string; row: boolean }>`
    select pg_get_triggerdef(oid) as def, (tgtype & 1) = 1 as row from pg_trigger
    where tgrelid = to_regclass(${table}) and not tgisinternal order by tgname`.execute(trx);

  await sql`alter table ${ident(table)} rename to ${ident(old)}`.execute(trx);
  await sql`create table ${ident(table)} (like ${ident(old)} including defaults including constraints)
    partition by range (${sql.ref(spec.column)})`.execute(trx);
  await sql`create table ${ident(defaultPartitionName(table))} partition of ${ident(table)} default`.execute(
    trx,
  );
  const partitions = [defaultPartitionName(table)];
  for (const month of monthsWanted(now, MONTHS_AHEAD, await distinctMonths(trx, spec, old))) {
    const name = partitionName(table, month);
    await sql`create table ${ident(name)} partition of ${ident(table)} ${boundsSql(spec, month)}`.execute(
      trx,
    );
    partitions.push(name);
  }
  const moved = await sql`insert into ${ident(table)} select * from ${ident(old)}`.execute(trx);
  await sql`drop table ${ident(old)}`.execute(trx);

  for (const k of keys.rows)
    await sql`alter table ${ident(table)} add constraint ${ident(k.name)} ${sql.raw(
      withPartitionKey(k.def, spec.column),
    )}`.execute(trx);
  for (const i of indexes.rows)
    await sql.raw(i.unique ? uniqueIndexWithPartitionKey(i.def, spec.column) : i.def).execute(trx);
  for (const f of foreign.rows)
    await sql`alter table ${ident(table)} add constraint ${ident(f.name)} ${sql.raw(f.def)}`.execute(
      trx,
    );
  for (const t of triggers.rows) await sql.raw(t.def).execute(trx);
  for (const p of partitions) await copyStatementTriggers(trx, table, p);
  await sql`analyze ${ident(table)}`.execute(trx);
  return { rows: Number(moved.numAffectedRows ?? 0), partitions };
}
