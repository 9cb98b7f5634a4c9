/**
 * Issue #10 point 15: which errors mean "the database is not there right now" (down, stalled,
 * restarting, overloaded, locked) rather than a bug. Those answer 503 with Retry-After, never 500.
 */

/** Node socket errors on the way to the database. */
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs outside class 08 (connection exception) that mean "try again later". */
const PG_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '40P01', // deadlock_detected (retry is safe: the transaction rolled back)
  // Issue #16, failover: a write reached a server that is (still, or now) a read-only replica —
  // the old leader being demoted, or a pooled connection not yet moved to the new leader.
  '25006', // read_only_sql_transaction
  '57P04', // database_dropped (a pooler's server connection to a replaced instance)
]);

/** node-postgres and pg-pool raise these without a code. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'timeout expired', // a client's own connect timeout (the pool's wait for a free client is separate)
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/** better-sqlite3: the database file is locked by another writer past busy_timeout, or unreadable. */
const SQLITE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

export interface DatabaseFault {
  /** A short, stack-free reason for the log line. */
  reason: string;
}

export function databaseFault(error: unknown, depth = 0): DatabaseFault | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (NODE_CODES.has(code) || PG_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return { reason: code };
    if (SQLITE_PREFIXES.some((p) => code.startsWith(p))) return { reason: code };
  }
  if (typeof message === 'string' && PG_MESSAGES.some((m) => message.startsWith(m)))
    return { reason: message };
  // AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1) and wrapped causes.
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = databaseFault(inner, depth + 1);
      if (found) return found;
    }
  }
  return databaseFault(cause, depth + 1);
}

/**
 * A unique key (or primary key) refused the row: PostgreSQL SQLSTATE 23505, SQLite
 * SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_PRIMARYKEY. The one test for "someone else won".
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
