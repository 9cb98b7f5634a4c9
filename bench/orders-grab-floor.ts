/**
 * The floor for bench/orders-grab.bench.ts: a bare node:http server answering
 * `POST /api/v1/vs/orders/:id/grab` with the app's database work for a grab — same driver, same
 * statements in the same order, the same conditional update in the same transaction — without
 * Fastify, zod, Kysely, helmet or hooks:
 *
 *   Bearer session + account, grants (role check), the order, the leader's teams and their
 *   sub-teams, eligibility (teamMayGrab, the app's pure rule), then in one transaction:
 *   UPDATE vs_orders … WHERE id = ? AND state IN ('open') AND version = ?; on a miss → 409;
 *   the timeline row (max(at) read, insert), the requesters' notifications, the audit event
 *   (floor-audit.ts: the shard head bump … returning, insert, shard head update). Answers
 *   {id, state, teamId} (the app answers the full order detail it re-reads; that difference is
 *   part of what the ratio shows).
 *
 * By hand: DATABASE_URL=sqlite:/tmp/x.sqlite node --import tsx bench/orders-grab-floor.ts
 */
import crypto from 'node:crypto';
import http from 'node:http';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import { hashToken } from '../src/modules/auth/session.service.ts';
import { teamMayGrab } from '../src/modules/orders/order.rules.ts';
import { parseMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { serveUntilStopped } from './lib/child.ts';
import { floorAuditSql, floorChained, floorShard } from './lib/floor-audit.ts';

interface OrderRow {
  id: string;
  order_number: string;
  title: string;
  state: string;
  version: number;
  category_code: string;
  region_code: string;
  grab_region_code: string | null;
}
interface TeamRow {
  id: string;
  name: string;
  kind: string;
  active: number;
  category_code: string | null;
  region_code: string;
}

const config = loadConfig(process.env);
if (!config.dataKey) throw new Error('DOORSTEP_DATA_KEY is required');
installAuditKeys(
  deriveAuditKeys({ dataKey: parseMasterKey(config.dataKey), auditKey: config.auditKey }),
);

/** The app's statements, written with `?`, and the audit chain's for this dialect (floor-audit.ts). */
const SQL = {
  session:
    'select s.expires_at, s.revoked_at, a.id, a.status from sessions as s inner join accounts as a on a.id = s.account_id where s.id = ? and s.kind = ?',
  grants: 'select role from role_grants where account_id = ?',
  order:
    'select id, order_number, title, state, version, category_code, region_code, grab_region_code from vs_orders where id = ?',
  led: 'select id, name, kind, active, category_code, region_code from vs_teams where leader_account_id = ?',
  grab: "update vs_orders set team_id = ?, accepted_at = ?, window_ends_at = null, state = 'accepted', version = ?, updated_at = ? where id = ? and state in ('open') and version = ?",
  lastAt: 'select max(at) as at from vs_order_actions where order_id = ?',
  action:
    'insert into vs_order_actions (id, order_id, action, from_state, to_state, team_id, reason_code, note, actor_id, at) values (?, ?, ?, ?, ?, ?, null, null, ?, ?)',
  requesters:
    'select requester_account_id from vs_needs where order_id = ? and requester_account_id is not null',
  notify:
    "insert into notifications (id, account_id, kind, params, entity_type, entity_id, created_at, read_at) values (?, ?, 'vs_order_taken', ?, 'vs_order', ?, ?, null)",
  ...floorAuditSql(config.database.dialect),
} as const;
type Stmt = keyof typeof SQL;

interface Result {
  rows: unknown[];
  changes: number;
}
/** The grab's writes as a generator: yields each statement, receives its result (either driver). */
type Work = Generator<[Stmt, unknown[]], boolean, Result>;

/** The queries, on one driver: `all` for reads; `tx` runs the grab's writes in one transaction. */
interface Driver {
  all<T>(s: Stmt, params: unknown[]): Promise<T[]>;
  children(ids: string[]): Promise<TeamRow[]>;
  /** Runs the work's statements (yielded one by one) in one transaction; commits when it returns true. */
  tx(work: () => Work): Promise<boolean>;
  close(): Promise<void>;
}

function sqliteDriver(file: string): Driver {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const prepared = Object.fromEntries(
    Object.entries(SQL).map(([k, v]) => [k, db.prepare(v)]),
  ) as Record<Stmt, SQLite.Statement>;
  const run = (s: Stmt, params: unknown[]) => {
    const st = prepared[s];
    if (st.reader) return { rows: st.all(...params), changes: 0 };
    return { rows: [], changes: st.run(...params).changes };
  };
  return {
    all: async <T>(s: Stmt, params: unknown[]) => prepared[s].all(...params) as T[],
    children: async (ids) =>
      db
        .prepare(
          `select id, name, kind, active, category_code, region_code from vs_teams where parent_id in (${ids.map(() => '?').join(', ')})`,
        )
        .all(...ids) as TeamRow[],
    // better-sqlite3 is synchronous: the whole transaction runs without yielding to the event
    // loop, as the app's single SQLite connection serialises its transactions.
    tx: async (work) =>
      db
        .transaction(() => {
          const it = work();
          let step = it.next(undefined as never);
          while (!step.done) step = it.next(run(step.value[0], step.value[1]));
          if (!step.value) throw new Rollback();
          return true;
        })
        .immediate(),
    close: async () => void db.close(),
  };
}

function numbered(sql: string) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function postgresDriver(url: string, poolSize: number): Driver {
  const parsers = new Map<number, (v: string) => unknown>([
    [1184, (v) => new Date(v).toISOString()],
    [1114, (v) => new Date(`${v}Z`).toISOString()],
    [20, (v) => Number(v)],
  ]);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers.get(oid) ??
        (pg.types.getTypeParser(oid, format) as (
          value: string,
        ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
    },
  });
  const text = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, numbered(v)])) as Record<
    Stmt,
    string
  >;
  return {
    all: async <T>(s: Stmt, params: unknown[]) => (await pool.query(text[s], params)).rows as T[],
    children: async (ids) =>
      (
        await pool.query(
          numbered(
            `select id, name, kind, active, category_code, region_code from vs_teams where parent_id in (${ids.map(() => '?').join(', ')})`,
          ),
          ids,
        )
      ).rows as TeamRow[],
    async tx(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const it = work();
        let step = it.next(undefined as never);
        while (!step.done) {
          const r = await client.query(text[step.value[0]], step.value[1]);
          step = it.next({ rows: r.rows, changes: r.rowCount ?? 0 });
        }
        const ok = step.value;
        await client.query(ok ? 'commit' : 'rollback');
        return ok;
      } catch (e) {
        await client.query('rollback');
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

class Rollback extends Error {}

const driver =
  config.database.dialect === 'sqlite'
    ? sqliteDriver(config.database.file)
    : postgresDriver(config.database.url, config.database.poolSize);

function send(res: http.ServerResponse, status: number, body: unknown, problem = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': problem ? 'application/problem+json' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
const problem = (res: http.ServerResponse, status: number, code: string) =>
  send(res, status, { type: 'about:blank', title: code, status, code }, true);

async function grab(res: http.ServerResponse, orderId: string, token: string) {
  const now = new Date();
  const nowIso = now.toISOString();
  const [s] = await driver.all<{
    expires_at: string;
    revoked_at: string | null;
    id: string;
    status: string;
  }>('session', [hashToken(token), 'bearer']);
  if (!s || s.revoked_at || s.status !== 'active' || s.expires_at <= nowIso)
    return problem(res, 401, 'UNAUTHENTICATED');
  const grants = await driver.all<{ role: string }>('grants', [s.id]);
  if (!grants.some((g) => g.role === 'team_leader')) return problem(res, 403, 'FORBIDDEN');
  const [order] = await driver.all<OrderRow>('order', [orderId]);
  if (!order) return problem(res, 404, 'VS_ORDER_NOT_FOUND');
  if (['accepted', 'in_service', 'completed'].includes(order.state))
    return problem(res, 409, 'ORDER_ALREADY_TAKEN');
  if (order.state !== 'open') return problem(res, 409, 'VS_ORDER_STATE_CONFLICT');
  const led = await driver.all<TeamRow>('led', [s.id]);
  const mine = [...led, ...(led.length ? await driver.children(led.map((t) => t.id)) : [])];
  const team = mine.find((t) => teamMayGrab(t, order));
  if (!team) return problem(res, 422, 'VS_TEAM_NOT_ELIGIBLE');
  const won = await driver
    .tx(function* (): Work {
      const r = yield [
        'grab',
        [team.id, nowIso, order.version + 1, nowIso, order.id, order.version],
      ];
      if (r.changes !== 1) return false;
      const last = (yield ['lastAt', [order.id]]).rows[0] as { at: string | null } | undefined;
      const lastMs = last?.at ? Date.parse(String(last.at)) : -Infinity;
      const at = new Date(Math.max(now.getTime(), lastMs + 1)).toISOString();
      yield [
        'action',
        [crypto.randomUUID(), order.id, 'grabbed', 'open', 'accepted', team.id, s.id, at],
      ];
      const requesters = (yield ['requesters', [order.id]]).rows as {
        requester_account_id: string;
      }[];
      for (const a of new Set(requesters.map((x) => x.requester_account_id)))
        yield [
          'notify',
          [
            crypto.randomUUID(),
            a,
            JSON.stringify({
              orderNumber: order.order_number,
              title: order.title,
              team: team.name,
            }),
            order.id,
            nowIso,
          ],
        ];
      const event = {
        occurred_at: nowIso,
        actor_id: s.id,
        actor_role: 'team_leader',
        station_id: null,
        action: 'vs_order.transitioned',
        entity_type: 'vs_order',
        entity_id: order.id,
        region_code: order.region_code,
        before_json: JSON.stringify({ state: order.state, version: order.version }),
        after_json: JSON.stringify({
          action: 'grabbed',
          state: 'accepted',
          teamId: team.id,
          reasonCode: null,
          note: null,
        }),
        request_id: crypto.randomUUID(),
      };
      const { key, bumpParams } = floorShard(event);
      const head = (yield ['bumpShard', bumpParams]).rows[0] as
        { seq: number; hash: string } | undefined;
      const { insertParams, setParams } = floorChained(key, head, event);
      yield ['insertEvent', insertParams];
      yield ['setShardHash', setParams];
      return true;
    })
    .catch((e: unknown) => {
      if (e instanceof Rollback) return false;
      throw e;
    });
  if (!won) return problem(res, 409, 'ORDER_ALREADY_TAKEN');
  send(res, 200, { id: order.id, state: 'accepted', teamId: team.id });
}

const ROUTE = /^\/api\/v1\/vs\/orders\/([0-9a-f-]{36})\/grab$/;
const server = http.createServer((req, res) => {
  const m = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
  const auth = req.headers.authorization;
  req.resume();
  req.on('end', () => {
    if (!m) return problem(res, 404, 'NOT_FOUND');
    if (!auth?.startsWith('Bearer ')) return problem(res, 401, 'UNAUTHENTICATED');
    grab(res, m[1]!, auth.slice(7)).catch((e: unknown) => {
      console.error(e);
      problem(res, 500, 'INTERNAL');
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  serveUntilStopped(address.port, async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await driver.close();
  });
});
