import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { postgresTimeouts, type DatabaseConfig, type PostgresTimeouts } from '../config.ts';
import type { Database } from './schema.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';
import { observeCommittedInserts, type CommittedInserts } from './committed-inserts.ts';
import { copyThroughClient, CopyRows } from './bulk-copy.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Only the driver in use is loaded: a town's SQLite server does not carry pg (and vice versa). */
const requireDriver = createRequire(import.meta.url);
const pgDriver = () => requireDriver('pg') as typeof pg;
const sqliteDriver = () => requireDriver('better-sqlite3') as typeof SQLite;

export interface Db {
  kysely: Kysely<Database>;
  /**
   * Issue #16: the read pool for dashboards and exports — the replicas when DATABASE_READ_URL is
   * set (rows may be slightly stale: see DatabaseConfig.readUrl), else the same as `kysely`. Never
   * write through it: a replica refuses (25006, answered 503).
   */
  reader: Kysely<Database>;
  dialect: Dialect;
  /** Issue #15: rows of a table once their transaction committed (the outbox wakes its sender). */
  inserts: CommittedInserts;
  close(): Promise<void>;
}

/** PostgreSQL values mapped to what SQLite returns, so rows look the same on both dialects. */
function postgresTypes(driver: typeof pg): pg.CustomTypesConfig {
  const parsers = new Map<number, (value: string) => unknown>([
    [1184, (v) => new Date(v).toISOString()], // timestamptz → ISO-8601 UTC text
    [1114, (v) => new Date(`${v}Z`).toISOString()], // timestamp
    [20, (v) => Number(v)], // int8 (count(*)) → number
    [1082, (v) => v], // date stays YYYY-MM-DD
  ]);
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      parsers.get(oid) ??
      (driver.types.getTypeParser(oid, format) as (
        value: string,
      ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export function openDatabase(config: DatabaseConfig): Db {
  if (config.dialect === 'postgres') {
    const { kysely, inserts } = postgresKysely(config.url, config.poolSize, config.timeouts);
    if (!config.readUrl)
      return {
        kysely,
        reader: kysely,
        dialect: 'postgres',
        inserts,
        close: () => kysely.destroy(),
      };
    const reader = postgresKysely(config.readUrl, config.readPoolSize ?? 5, config.timeouts).kysely;
    return {
      kysely,
      reader,
      dialect: 'postgres',
      inserts,
      close: async () => {
        await Promise.all([kysely.destroy(), reader.destroy()]);
      },
    };
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new (sqliteDriver())(config.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const { dialect, inserts } = observeCommittedInserts(
    new SqliteDialect({ database: withStatementCache(sqlite) }),
  );
  const kysely = new Kysely<Database>({ dialect });
  return { kysely, reader: kysely, dialect: 'sqlite', inserts, close: () => kysely.destroy() };
}

/** One pg pool with the timeouts of #10 p. 15, as a Kysely instance. */
function postgresKysely(
  url: string,
  poolSize: number,
  given: PostgresTimeouts | undefined,
): { kysely: Kysely<Database>; inserts: CommittedInserts } {
  const driver = pgDriver();
  const timeouts = given ?? postgresTimeouts();
  // pg-pool uses `connectionTimeoutMillis` both for the wait for a free connection and (passed on
  // to each client) for opening one. They differ: a burst of 2,000 sign-ups queues for the pool and
  // is served, while a database that is down or stalled must answer 503 quickly (#10 p. 15).
  const connectMs = timeouts.connectMs;
  class TimedClient extends driver.Client {
    constructor(options?: pg.ClientConfig) {
      super({ ...options, connectionTimeoutMillis: connectMs });
      // Issue #16: a connection lost while checked out between two queries of a transaction (a
      // failover; pgbouncer's FATAL "server conn crashed?") is emitted as 'error' on the client,
      // which pg-pool listens to only while the client is idle: without this listener the node
      // crashed. The next query on it fails ("not queryable" → 503) and the pool discards it.
      this.on('error', (err: Error) => {
        process.emitWarning(`PostgreSQL connection lost while in use: ${err.message}`);
      });
      // Issue #16: bulkInsert's COPY arrives as a raw query whose one parameter is the rows.
      const plain = this.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((...args: unknown[]) => {
        const params = args[1];
        if (Array.isArray(params) && params.length === 1 && params[0] instanceof CopyRows)
          return copyThroughClient(plain, args[0] as string, params[0]);
        return plain(...args);
      }) as typeof this.query;
    }
  }
  const pool = new driver.Pool({
    connectionString: url,
    max: poolSize,
    types: postgresTypes(driver),
    Client: TimedClient,
    connectionTimeoutMillis: timeouts.poolWaitMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection error: ${err.message}`);
  });
  const { dialect, inserts } = observeCommittedInserts(new PostgresDialect({ pool }));
  return { kysely: new Kysely<Database>({ dialect }), inserts };
}

/** `SELECT 1` — used by /readyz; rejects after `timeoutMs` when the database does not answer. */
export async function pingDatabase(db: Db, timeoutMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
  });
  const ping = db.kysely.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  ping.catch(() => undefined); // a late failure after the timer won must not go unhandled
  try {
    await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}
