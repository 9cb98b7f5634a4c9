/**
 * Issue #15 point 5: "after commit" for rows written by code that does not know who listens. The
 * dialect's driver is wrapped: an INSERT into a watched table is remembered per connection and
 * handed to the table's listeners once its transaction COMMITs (at once when it ran outside a
 * transaction); a ROLLBACK forgets it. The business transaction never waits for a listener: they
 * run after the commit has returned, and a listener's failure is only reported (`onError`).
 *
 * The outbox uses it to wake its sender through the job queue for each message just committed,
 * without the modules that queue messages (cases, programs, orders …) knowing about the queue.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  OperationNode,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/** One inserted row as column → value (the parameters as bound, e.g. ISO text for instants). */
export type InsertedRow = Readonly<Record<string, unknown>>;
export type CommittedInsertListener = (rows: InsertedRow[]) => void;

export interface CommittedInserts {
  /** Calls `listener` with the rows of `table` each transaction committed; returns "stop". */
  on(table: string, listener: CommittedInsertListener): () => void;
  /**
   * Issue #16 point 5: calls `listener` with every statement that wrote (insert, update, delete,
   * truncate — built by Kysely or raw SQL) into one of `tables`, once its transaction committed
   * (at once outside one). Statements that changed no row are left out. Returns "stop".
   */
  onWrite(tables: readonly string[], listener: CommittedWriteListener): () => void;
}

/** A statement that wrote into watched tables: which of them, and its SQL text as sent. */
export interface WrittenStatement {
  tables: readonly string[];
  sql: string;
}
export type CommittedWriteListener = (writes: WrittenStatement[]) => void;

/** The target of every writing clause in a statement's SQL (either dialect, CTEs included). */
const WRITE_TARGET =
  /\b(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from|truncate(?:\s+table)?(?:\s+only)?)\s+(?:"?\w+"?\.)?"?(\w+)"?/gi;

/**
 * The tables a statement writes into, read from its SQL text — one rule for Kysely's statements
 * and raw SQL alike. It may name a word that is no table (`for update skip locked` → "skip",
 * `do update set` → "set"): listeners only ask about tables they watch, so that costs nothing.
 */
export function writtenTables(sql: string): string[] {
  const found = new Set<string>();
  for (const m of sql.matchAll(WRITE_TARGET)) found.add(m[1]!.toLowerCase());
  return [...found];
}

interface ValueNodeLike {
  kind: string;
  value?: unknown;
  values?: readonly unknown[];
}

/** The rows of a single- or multi-row `insert … values (…)` (other shapes: none). */
export function insertedRows(node: OperationNode): { table: string; rows: InsertedRow[] } | null {
  if (node.kind !== 'InsertQueryNode') return null;
  const insert = node as OperationNode & {
    into?: { table: { identifier: { name: string } } };
    columns?: readonly { column: { name: string } }[];
    values?: ValueNodeLike;
  };
  const table = insert.into?.table.identifier.name;
  const columns = insert.columns?.map((c) => c.column.name);
  if (!table || !columns || insert.values?.kind !== 'ValuesNode') return null;
  const rows: InsertedRow[] = [];
  for (const list of (insert.values.values ?? []) as ValueNodeLike[]) {
    const values =
      list.kind === 'PrimitiveValueListNode'
        ? (list.values ?? [])
        : ((list.values ?? []) as ValueNodeLike[]).map((v) =>
            v.kind === 'ValueNode' ? v.value : undefined,
          );
    rows.push(Object.fromEntries(columns.map((c, i) => [c, values[i]])));
  }
  return { table, rows };
}

/** Wraps `dialect` so that committed inserts reach the listeners of the returned registry. */
export function observeCommittedInserts(
  dialect: Dialect,
  onError: (err: unknown) => void = (err) => process.emitWarning(String(err)),
): { dialect: Dialect; inserts: CommittedInserts } {
  const listeners = new Map<string, Set<CommittedInsertListener>>();
  const pending = new WeakMap<DatabaseConnection, Map<string, InsertedRow[]>>();
  const inTransaction = new WeakSet<DatabaseConnection>();
  const writeListeners = new Set<{
    tables: ReadonlySet<string>;
    listener: CommittedWriteListener;
  }>();
  const pendingWrites = new WeakMap<DatabaseConnection, WrittenStatement[]>();

  const deliverWrites = (writes: WrittenStatement[]) => {
    for (const w of writeListeners) {
      const mine = writes.filter((s) => s.tables.some((t) => w.tables.has(t)));
      if (mine.length === 0) continue;
      try {
        w.listener(mine);
      } catch (err) {
        onError(err);
      }
    }
  };

  const noteWrite = (
    connection: DatabaseConnection,
    compiled: CompiledQuery,
    affected?: bigint,
  ) => {
    if (writeListeners.size === 0 || affected === 0n) return;
    const tables = writtenTables(compiled.sql);
    if (tables.length === 0) return;
    const statement = { tables, sql: compiled.sql };
    if (!inTransaction.has(connection)) return deliverWrites([statement]);
    const list = pendingWrites.get(connection) ?? [];
    list.push(statement);
    pendingWrites.set(connection, list);
  };

  const deliver = (byTable: Map<string, InsertedRow[]>) => {
    for (const [table, rows] of byTable)
      for (const l of listeners.get(table) ?? []) {
        try {
          l(rows);
        } catch (err) {
          onError(err);
        }
      }
  };

  const watch = (connection: DatabaseConnection): DatabaseConnection => ({
    executeQuery: async <R>(compiled: CompiledQuery): Promise<QueryResult<R>> => {
      const result = await connection.executeQuery<R>(compiled);
      noteWrite(connection, compiled, result.numAffectedRows);
      const found = listeners.size ? insertedRows(compiled.query) : null;
      if (!found || !listeners.has(found.table)) return result;
      if (result.numAffectedRows !== undefined && result.numAffectedRows === 0n) return result;
      if (!inTransaction.has(connection)) {
        deliver(new Map([[found.table, found.rows]]));
        return result;
      }
      const byTable = pending.get(connection) ?? new Map<string, InsertedRow[]>();
      byTable.set(found.table, [...(byTable.get(found.table) ?? []), ...found.rows]);
      pending.set(connection, byTable);
      return result;
    },
    streamQuery: (compiled, chunkSize) => connection.streamQuery(compiled, chunkSize),
  });

  // The wrapper handed to Kysely for each real connection (one per checkout).
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const real = new WeakMap<DatabaseConnection, DatabaseConnection>();

  const wrapDriver = (driver: Driver): Driver => ({
    init: () => driver.init(),
    async acquireConnection() {
      const c = await driver.acquireConnection();
      let w = wrapped.get(c);
      if (!w) {
        w = watch(c);
        wrapped.set(c, w);
        real.set(w, c);
      }
      return w;
    },
    async beginTransaction(w: DatabaseConnection, settings: TransactionSettings) {
      const c = real.get(w)!;
      await driver.beginTransaction(c, settings);
      inTransaction.add(c);
      pending.delete(c);
      pendingWrites.delete(c);
    },
    async commitTransaction(w: DatabaseConnection) {
      const c = real.get(w)!;
      await driver.commitTransaction(c);
      inTransaction.delete(c);
      const byTable = pending.get(c);
      const writes = pendingWrites.get(c);
      pending.delete(c);
      pendingWrites.delete(c);
      if (writes) deliverWrites(writes);
      if (byTable) deliver(byTable);
    },
    async rollbackTransaction(w: DatabaseConnection) {
      const c = real.get(w)!;
      inTransaction.delete(c);
      pending.delete(c);
      pendingWrites.delete(c);
      await driver.rollbackTransaction(c);
    },
    ...(driver.savepoint && {
      savepoint: (w, name, compile) => driver.savepoint!(real.get(w)!, name, compile),
    }),
    ...(driver.rollbackToSavepoint && {
      rollbackToSavepoint: (w, name, compile) =>
        driver.rollbackToSavepoint!(real.get(w)!, name, compile),
    }),
    ...(driver.releaseSavepoint && {
      releaseSavepoint: (w, name, compile) => driver.releaseSavepoint!(real.get(w)!, name, compile),
    }),
    releaseConnection: (w: DatabaseConnection) => driver.releaseConnection(real.get(w)!),
    destroy: () => driver.destroy(),
  });

  return {
    dialect: {
      createAdapter: () => dialect.createAdapter(),
      createDriver: () => wrapDriver(dialect.createDriver()),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (db) => dialect.createIntrospector(db),
    },
    inserts: {
      on(table, listener) {
        const set = listeners.get(table) ?? new Set<CommittedInsertListener>();
        set.add(listener);
        listeners.set(table, set);
        return () => {
          set.delete(listener);
          if (set.size === 0) listeners.delete(table);
        };
      },
      onWrite(tables, listener) {
        const entry = { tables: new Set(tables.map((t) => t.toLowerCase())), listener };
        writeListeners.add(entry);
        return () => void writeListeners.delete(entry);
      },
    },
  };
}
