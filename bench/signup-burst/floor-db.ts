/**
 * The floor's database access for one sign-up: the app's statements, in the app's order, on the
 * same driver (better-sqlite3 prepared once, or a pg pool), with a transaction helper.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface SignupRow {
  id: string;
  activity_id: string;
  volunteer_id: string;
  status: string;
  queue_position: number | null;
  created_at: string;
  promoted_at: string | null;
  cancelled_at: string | null;
}

/** Same statements, in the same order, as the app's Kysely queries for one sign-up. */
export const SQL = {
  session:
    'select s.expires_at, s.revoked_at, s.last_seen_at, a.id, a.username, a.display_name, a.status, a.resident_id ' +
    'from sessions as s inner join accounts as a on a.id = s.account_id where s.id = ? and s.kind = ?',
  grants:
    'select g.role, g.region_code, r.level, r.name as region_name, g.station_id, s.kind as station_kind, s.name as station_name ' +
    'from role_grants as g inner join regions as r on r.code = g.region_code left join stations as s on s.id = g.station_id ' +
    'where g.account_id = ? order by g.created_at, g.id',
  volunteer: 'select id, status from vs_volunteers where account_id = ?',
  activity: 'select * from vs_activities where id = ?',
  live: "select id from vs_signups where activity_id = ? and volunteer_id = ? and status <> 'cancelled'",
  clash:
    "select o.id from vs_signups as s inner join vs_activities as o on o.id = s.activity_id where s.volunteer_id = ? and s.status = 'confirmed' and o.status = 'open' and o.id <> ? and o.starts_at < ? and o.ends_at > ?",
  take: "update vs_activities set confirmed_count = confirmed_count + 1 where id = ? and status = 'open' and confirmed_count < capacity",
  queue:
    "update vs_activities set queue_seq = queue_seq + 1 where id = ? and status = 'open' returning queue_seq",
  insert:
    'insert into vs_signups (id, activity_id, volunteer_id, status, queue_position, created_at, promoted_at, cancelled_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  // The app's sharded chain (issue #16 point 3): one head per town and China day.
  bumpHead:
    'insert into audit_shard_heads (shard, town, day, seq, hash) values (?, ?, ?, 1, ?) on conflict (shard) do update set seq = audit_shard_heads.seq + 1 where audit_shard_heads.sealed_seq is null returning seq, hash',
  insertAudit:
    'insert into audit_events (seq, occurred_at, actor_id, actor_role, station_id, action, entity_type, entity_id, region_code, before_json, after_json, request_id, prev_hash, hash, shard, shard_seq) values (NEXT_ROW_SEQ, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  setHead: 'update audit_shard_heads set hash = ? where shard = ?',
  signup: 'select * from vs_signups where id = ?',
  rank: "select count(*) as n from vs_signups where activity_id = ? and status = 'waitlisted' and queue_position <= ?",
} as const;
export type Name = keyof typeof SQL;

export interface Tx {
  run(name: Name, params: unknown[]): Promise<number>;
  get<T>(name: Name, params: unknown[]): Promise<T | undefined>;
}
export interface FloorDb extends Tx {
  tx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export function floorSqlite(file: string): FloorDb {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const st = Object.fromEntries(
    Object.entries(SQL).map(([k, v]) => [
      k,
      db.prepare(v.replace('NEXT_ROW_SEQ', '(select coalesce(max(seq), 0) + 1 from audit_events)')),
    ]),
  ) as Record<Name, SQLite.Statement>;
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const inner: Tx = {
    run: async (n, p) => st[n].run(...p).changes,
    get: async <T>(n: Name, p: unknown[]) => st[n].get(...p) as T | undefined,
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

export function floorPostgres(url: string, poolSize: number): FloorDb {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(20, (v) => Number(v));
  let i = 0;
  const numbered = Object.fromEntries(
    Object.entries(SQL).map(([k, v]) => [
      k,
      ((i = 0),
      v.replace('NEXT_ROW_SEQ', "nextval('audit_events_seq')").replace(/\?/g, () => `$${++i}`)),
    ]),
  ) as Record<Name, string>;
  const on = (c: pg.Pool | pg.PoolClient): Tx => ({
    run: async (n, p) => (await c.query(numbered[n], p)).rowCount ?? 0,
    get: async <T>(n: Name, p: unknown[]) =>
      (await c.query(numbered[n], p)).rows[0] as T | undefined,
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
