/**
 * Issue #16 point 4: bulk rows into a table inside the caller's transaction — PostgreSQL's COPY FROM
 * STDIN (text format, through pg-copy-streams) on PostgreSQL, multi-row INSERTs on SQLite.
 *
 * Kysely hands a driver only SQL text and parameters, so a COPY travels as a raw query whose one
 * parameter is a `CopyRows` payload; the pg client of connection.ts recognises it and streams the
 * rows with the copy protocol on the transaction's own connection (`copyThroughClient`). Nothing
 * else changes: the rows commit or roll back with the transaction around them.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.ts';

type Conn = Kysely<Database> | Transaction<Database>;
type Cell = string | number | boolean | null | undefined | Date;

/** Rows per multi-row INSERT on SQLite (its bound-parameter limit is 32,766). */
const SQLITE_CHUNK = 400;
/** Rows per chunk of the COPY stream. */
const COPY_CHUNK = 1000;

/** The payload of a COPY: the column list and the rows, rendered lazily in chunks. */
export class CopyRows {
  constructor(
    readonly columns: readonly string[],
    readonly rows: readonly Record<string, unknown>[],
  ) {}

  *chunks(): Generator<string> {
    for (let i = 0; i < this.rows.length; i += COPY_CHUNK) {
      let out = '';
      for (const row of this.rows.slice(i, i + COPY_CHUNK)) {
        if (Object.keys(row).length !== this.columns.length)
          throw new Error(`COPY: row ${i} has other columns than ${this.columns.join(', ')}`);
        out += this.columns.map((c) => copyText(row[c] as Cell)).join('\t') + '\n';
      }
      yield out;
    }
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One value in COPY's text format: `\N` for null, backslash escapes for the delimiters. */
export function copyText(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY: not a finite number: ${value}`);
    return String(value);
  }
  return value.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!);
}

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`COPY: unexpected identifier ${name}`);
  return `"${name}"`;
};

/**
 * Writes `rows` into `table` through `db` (a transaction, usually). Every row must carry the same
 * keys; the first row's keys are the column list.
 */
export async function bulkInsert<T extends keyof Database>(
  db: Conn,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const records = rows as unknown as readonly Record<string, unknown>[];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const columns = Object.keys(records[0]!);
    const text = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
    await db.executeQuery(CompiledQuery.raw(text, [new CopyRows(columns, records)]));
    return;
  }
  for (let i = 0; i < rows.length; i += SQLITE_CHUNK)
    await (db as Kysely<Database>)
      .insertInto(table)
      .values(rows.slice(i, i + SQLITE_CHUNK) as never)
      .execute();
}

const requireDriver = createRequire(import.meta.url);

/**
 * The pg client's side: streams a `CopyRows` payload with the copy protocol and answers like a
 * query (`rowCount` = rows copied). Loaded only on PostgreSQL.
 */
export async function copyThroughClient(
  query: (q: unknown) => unknown,
  text: string,
  payload: CopyRows,
): Promise<Pick<pg.QueryResult, 'command' | 'rowCount' | 'rows'>> {
  const { from } = requireDriver('pg-copy-streams') as typeof import('pg-copy-streams');
  const sink = query(from(text)) as ReturnType<typeof from>;
  await pipeline(Readable.from(payload.chunks()), sink);
  return { command: 'COPY', rowCount: Number(sink.rowCount), rows: [] };
}
