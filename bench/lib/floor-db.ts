/**
 * A floor's database access: a floor's named statements (written with `?`), on the app's driver
 * (better-sqlite3 prepared once on one connection, or a pg pool of the app's size), with a
 * transaction helper. Used by the market-day and rating-burst floors.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface Tx<Name extends string> {
  run(name: Name, params: unknown[]): Promise<number>;
  get<T>(name: Name, params: unknown[]): Promise<T | undefined>;
  all<T>(name: Name, params: unknown[]): Promise<T[]>;
}
export interface FloorDb<Name extends string> extends Tx<Name> {
  tx<T>(work: (tx: Tx<Name>) => Promise<T>): Promise<T>;
}

export function floorSqlite<Name extends string>(
  file: string,
  SQL: Record<Name, string>,
): FloorDb<Name> {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const st = Object.fromEntries(
    (Object.entries(SQL) as [Name, string][]).map(([k, v]) => [k, db.prepare(v)]),
  ) as Record<Name, SQLite.Statement>;
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const inner: Tx<Name> = {
    run: async (n, p) => st[n].run(...p).changes,
    get: async <T>(n: Name, p: unknown[]) => st[n].get(...p) as T | undefined,
    all: async <T>(n: Name, p: unknown[]) => st[n].all(...p) as T[],
  };
  // One connection, one user at a time: a transaction holds it until COMMIT, as Kysely's SQLite
  // driver does with its connection mutex.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    run: (n, p) => exclusive(() => inner.run(n, p)),
    get: <T>(n: Name, p: unknown[]) => exclusive(() => inner.get<T>(n, p)),
    all: <T>(n: Name, p: unknown[]) => exclusive(() => inner.all<T>(n, p)),
    tx: (work) =>
      exclusive(async () => {
        begin.run();
        try {
          const out = await work(inner);
          commit.run();
          return out;
        } catch (e) {
          rollback.run();
          throw e;
        }
      }),
  };
}

export function floorPostgres<Name extends string>(
  url: string,
  poolSize: number,
  SQL: Record<Name, string>,
): FloorDb<Name> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(20, (v) => Number(v));
  let i = 0;
  const numbered = Object.fromEntries(
    (Object.entries(SQL) as [Name, string][]).map(([k, v]) => [
      k,
      ((i = 0), v.replace(/\?/g, () => `$${++i}`)),
    ]),
  ) as Record<Name, string>;
  const on = (c: pg.Pool | pg.PoolClient): Tx<Name> => ({
    run: async (n, p) => (await c.query(numbered[n], p)).rowCount ?? 0,
    get: async <T>(n: Name, p: unknown[]) =>
      (await c.query(numbered[n], p)).rows[0] as T | undefined,
    all: async <T>(n: Name, p: unknown[]) => (await c.query(numbered[n], p)).rows as T[],
  });
  return {
    ...on(pool),
    async tx(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await work(on(client));
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}
