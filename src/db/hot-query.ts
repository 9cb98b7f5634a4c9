import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * A fixed-shape query on a hot path, built and compiled by Kysely once per dialect and then run
 * with each call's values. Kysely otherwise rebuilds the frozen operation tree and compiles it on
 * every call (40–120 µs a query on the bench machine; see bench/README.md, programs-opening).
 *
 * The builder receives placeholders instead of values (`p.id` is a marker, not the string); the
 * compiled query's parameters are then filled in per call, in the order Kysely bound them.
 * Constants written into the builder stay as they were compiled. Only for queries whose SQL text
 * does not depend on the values: no IN-lists of varying length, no clauses added conditionally
 * (a query that varies in shape is several hot queries, or an ordinary one).
 */
class Slot {
  constructor(readonly name: string) {}
}

export interface HotQuery<DB, P, R> {
  /** All rows. Runs on `db` (the database or a transaction of it). */
  rows(db: Kysely<DB>, params: P): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Kysely<DB>, params: P): Promise<R | undefined>;
  /** The statement's SQL for `db`'s dialect (compiled on first use). */
  sqlFor(db: Kysely<DB>): string;
}

export function hotQuery<DB, P extends object, R>(
  build: (db: Kysely<DB>, p: P) => Compilable<R>,
): HotQuery<DB, P, R> {
  type AnyDb = Kysely<DB>;
  /** The dialect's adapter: the same object for a database and its transactions. */
  const dialectOf = (db: AnyDb): object => db.getExecutor().adapter;
  const compiled = new WeakMap<object, CompiledQuery<R>>();
  const placeholders = new Proxy({} as P, {
    get: (_target, name) => {
      if (typeof name !== 'string') throw new Error('hotQuery: placeholder names are strings');
      return new Slot(name);
    },
  });
  const compile = (db: AnyDb): CompiledQuery<R> => {
    const key = dialectOf(db);
    let query = compiled.get(key);
    if (!query) {
      query = build(db, placeholders).compile();
      compiled.set(key, query);
    }
    return query;
  };
  const bind = (db: AnyDb, params: P): CompiledQuery<R> => {
    const query = compile(db);
    return {
      ...query,
      parameters: query.parameters.map((v) => {
        if (!(v instanceof Slot)) return v;
        if (!(v.name in params)) throw new Error(`hotQuery: no value for ${v.name}`);
        return (params as Record<string, unknown>)[v.name];
      }),
    };
  };
  return {
    rows: async (db, params) => (await db.executeQuery(bind(db, params))).rows,
    first: async (db, params) => (await db.executeQuery(bind(db, params))).rows[0],
    sqlFor: (db) => compile(db).sql,
  };
}
