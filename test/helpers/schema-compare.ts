/**
 * Compares a migrated database (Kysely's introspection) with the row types' manifest and names
 * every difference as `table.column`: a missing or extra table or column, another type family, or
 * another nullability. Empty when the hand-written types tell the truth.
 */
import { sql, type TableMetadata } from 'kysely';
import type { Db } from '../../src/db/connection.ts';
import type { ColumnFamily, ManifestColumn, ManifestTable } from './schema-manifest.ts';

export type SchemaDialect = 'sqlite' | 'postgres';

/**
 * The tables and columns of a migrated database. SQLite reports a primary-key column declared
 * without NOT NULL as nullable (its historical quirk lets such a key hold NULL); PostgreSQL makes
 * every key column NOT NULL and the application never stores a null key, so a key column counts
 * as not null on both. A PostgreSQL partition is left out (its table stands for it).
 */
export async function introspectTables(db: Db): Promise<TableMetadata[]> {
  const tables = await db.kysely.introspection.getTables();
  if (db.dialect !== 'sqlite') {
    // #16 p5: a partition (audit_events_p2026_03, …) is its partitioned table's storage, not a
    // table of the schema.
    const { rows } = await sql<{ name: string }>`
      SELECT relname AS name FROM pg_class WHERE relispartition`.execute(db.kysely);
    const partitions = new Set(rows.map((r) => r.name));
    return tables.filter((t) => !partitions.has(t.name));
  }
  const out: TableMetadata[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM pragma_table_info(${table.name}) WHERE pk > 0`.execute(db.kysely);
    const keys = new Set(rows.map((r) => r.name));
    out.push({
      ...table,
      columns: table.columns.map((c) => (keys.has(c.name) ? { ...c, isNullable: false } : c)),
    });
  }
  return out;
}

/** The family of a database type as each dialect reports it. */
export function databaseFamily(dataType: string): ColumnFamily | undefined {
  const t = dataType.toLowerCase();
  if (['text', 'varchar', 'character varying', 'char', 'bpchar', 'date'].includes(t)) return 'text';
  if (['integer', 'int', 'int2', 'int4', 'int8', 'bigint', 'smallint'].includes(t)) return 'int';
  if (['real', 'double', 'float4', 'float8', 'numeric'].includes(t)) return 'real';
  if (['bool', 'boolean'].includes(t)) return 'bool';
  if (['json', 'jsonb'].includes(t)) return 'json';
  if (['timestamptz', 'timestamp'].includes(t)) return 'timestamp';
  if (['blob', 'bytea'].includes(t)) return 'binary';
  return undefined;
}

/** What a row type's family is stored as: SQLite keeps timestamps and JSON as text. */
function storedAs(family: ColumnFamily, dialect: SchemaDialect): readonly ColumnFamily[] {
  if (family === 'timestamp') return dialect === 'postgres' ? ['timestamp'] : ['text'];
  if (family === 'json') return dialect === 'postgres' ? ['text', 'json'] : ['text'];
  return [family];
}

const describeColumn = (c: ManifestColumn) => `${c.family}${c.nullable ? ' | null' : ''}`;

export function compareSchema(
  manifest: ReadonlyMap<string, ManifestTable>,
  tables: readonly TableMetadata[],
  dialect: SchemaDialect,
): string[] {
  const problems: string[] = [];
  const actual = new Map(tables.filter((t) => !t.isView).map((t) => [t.name, t]));
  for (const [name, table] of manifest) {
    if (!actual.has(name))
      problems.push(`${name}: in ${table.interfaceName} (${table.file}) but not in the database`);
  }
  for (const [name, meta] of actual) {
    const table = manifest.get(name);
    if (!table) {
      problems.push(
        `${name}: in the database but not in \`interface Database\` (src/db/schema.ts)`,
      );
      continue;
    }
    const where = `${table.interfaceName} (${table.file})`;
    const seen = new Set<string>();
    for (const col of meta.columns) {
      seen.add(col.name);
      const id = `${name}.${col.name}`;
      const family = databaseFamily(col.dataType);
      const expected = table.columns.get(col.name);
      if (!expected) {
        problems.push(
          `${id}: in the database (${col.dataType}${col.isNullable ? ' null' : ' not null'}) but not in ${where}`,
        );
        continue;
      }
      if (!family || !storedAs(expected.family, dialect).includes(family))
        problems.push(
          `${id}: ${where} says ${describeColumn(expected)}, the database has ${col.dataType}`,
        );
      if (expected.nullable !== col.isNullable)
        problems.push(
          `${id}: ${where} says ${describeColumn(expected)}, the database column is ${col.isNullable ? 'nullable' : 'not null'}`,
        );
    }
    for (const column of table.columns.keys()) {
      if (!seen.has(column))
        problems.push(`${name}.${column}: in ${where} but not in the database`);
    }
  }
  return problems;
}
