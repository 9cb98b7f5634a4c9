/**
 * VS-6 sign-up burst over HTTP: N sign-up requests (default 10,000, one per volunteer, each with its
 * own Bearer token) for an activity with P places (default 100), fired with C concurrent
 * connections at the real app and at a floor (bare node:http doing the same transaction with the
 * same driver) in the same run, each on its own copy of one seeded database. A second floor run
 * without the audit append shows what serialising on the audit chain head costs.
 * Prints throughput, p50/p99 and the count check: exactly P confirmed, N − P waitlisted numbered
 * 1 … N − P, none lost. See bench/README.md.
 *
 *   node --import tsx bench/signup-burst.bench.ts [--db sqlite|postgres|both] [--requests 10000]
 *        [--places 100] [--connections 64] [--pg-url postgres://postgres@127.0.0.1:5432]
 *
 * The same file is the floor server when started with SIGNUP_FLOOR=1 (see runFloor below).
 */
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type DatabaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { auditHash } from '../src/modules/audit/audit-hash.ts';
import {
  auditActor,
  authorize,
  hasAnyRole,
  reachOf,
  type Actor,
} from '../src/modules/auth/actor.ts';
import { isRole } from '../src/modules/auth/roles.ts';
import { hashToken } from '../src/modules/auth/session.service.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import {
  createPiiCipher,
  newMasterKey,
  parseMasterKey,
} from '../src/modules/residents/pii-crypto.ts';
import { AppError, problemBody } from '../src/server/problem.ts';
import { serveUntilStopped, startServer, type RunningServer } from './lib/child.ts';
import { postgresReachable } from './lib/databases.ts';
import { machine } from './lib/report.ts';

const SELF = fileURLToPath(import.meta.url);
const APP_SERVER = fileURLToPath(new URL('./lib/app-server.ts', import.meta.url));
const ACTIVITY_ID = '5e1c0000-0000-4000-8000-00000000b057';
/** A second, roomy activity a day later: a short unrecorded warm-up signs up there first. */
const WARM_ID = '5e1c0000-0000-4000-8000-00000000a11a';
const WARM_UP = 200;

/* ------------------------------------------------------------------ floor (child process) */

interface SignupRow {
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
const SQL = {
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
  bumpHead: 'update audit_head set seq = seq + 1 where id = ? returning seq, hash',
  insertAudit:
    'insert into audit_events (seq, occurred_at, actor_id, actor_role, station_id, action, entity_type, entity_id, region_code, before_json, after_json, request_id, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  setHead: 'update audit_head set hash = ? where id = ?',
  signup: 'select * from vs_signups where id = ?',
  rank: "select count(*) as n from vs_signups where activity_id = ? and status = 'waitlisted' and queue_position <= ?",
} as const;
type Name = keyof typeof SQL;

interface Tx {
  run(name: Name, params: unknown[]): Promise<number>;
  get<T>(name: Name, params: unknown[]): Promise<T | undefined>;
}
interface FloorDb extends Tx {
  tx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

function floorSqlite(file: string): FloorDb {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const st = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, db.prepare(v)])) as Record<
    Name,
    SQLite.Statement
  >;
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

function floorPostgres(url: string, poolSize: number): FloorDb {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(20, (v) => Number(v));
  let i = 0;
  const numbered = Object.fromEntries(
    Object.entries(SQL).map(([k, v]) => [k, ((i = 0), v.replace(/\?/g, () => `$${++i}`))]),
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

async function floorActor(db: FloorDb, token: string, now: Date): Promise<Actor | null> {
  const s = await db.get<{
    expires_at: string;
    revoked_at: string | null;
    id: string;
    username: string;
    display_name: string;
    status: string;
    resident_id: string | null;
  }>('session', [hashToken(token), 'bearer']);
  if (!s || s.revoked_at || s.status !== 'active' || s.expires_at <= now.toISOString()) return null;
  // (sessions were created just before the run: the touch-on-stale rule never fires here)
  const grants = await (async () => {
    const rows: {
      role: string;
      region_code: string;
      level: never;
      region_name: string;
      station_id: string | null;
      station_kind: never;
      station_name: string | null;
    }[] = [];
    const row = await db.get<(typeof rows)[number]>('grants', [s.id]);
    if (row) rows.push(row); // bench volunteers hold exactly one grant
    return rows;
  })();
  return {
    accountId: s.id,
    username: s.username,
    displayName: s.display_name,
    residentId: s.resident_id,
    grants: grants.flatMap((g) =>
      isRole(g.role)
        ? [
            {
              role: g.role,
              regionCode: g.region_code,
              regionLevel: g.level,
              regionName: g.region_name,
              stationId: g.station_id,
              stationName: g.station_name,
              stationKind: g.station_kind,
              reachPrefix: reachOf(g.region_code, g.level, g.station_kind),
            },
          ]
        : [],
    ),
  };
}

async function floorSignup(db: FloorDb, actor: Actor, activityId: string, withAudit: boolean) {
  const now = new Date();
  const v = await db.get<{ id: string; status: string }>('volunteer', [actor.accountId]);
  if (!v || v.status !== 'active') throw new AppError('VS_NOT_A_VOLUNTEER');
  const a = await db.get<{
    id: string;
    region_code: string;
    status: string;
    starts_at: string;
    ends_at: string;
  }>('activity', [activityId]);
  if (!a) throw new AppError('VS_ACTIVITY_NOT_FOUND');
  const grant = authorize(actor, ['volunteer'], a.region_code);
  if (a.status !== 'open') throw new AppError('VS_ACTIVITY_NOT_OPEN');
  if (now.getTime() >= Date.parse(a.starts_at)) throw new AppError('VS_ACTIVITY_STARTED');
  if (await db.get('live', [a.id, v.id])) throw new AppError('VS_SIGNUP_DUPLICATE');
  if (await db.get('clash', [v.id, a.id, a.ends_at, a.starts_at]))
    throw new AppError('VS_SIGNUP_OVERLAP');
  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  await db.tx(async (tx) => {
    let status = 'confirmed';
    let queuePosition: number | null = null;
    if ((await tx.run('take', [a.id])) !== 1) {
      const q = await tx.get<{ queue_seq: number }>('queue', [a.id]);
      if (!q) throw new AppError('VS_ACTIVITY_NOT_OPEN');
      status = 'waitlisted';
      queuePosition = Number(q.queue_seq);
    }
    await tx.run('insert', [id, a.id, v.id, status, queuePosition, nowIso, null, null]);
    if (!withAudit) return;
    const head = (await tx.get<{ seq: number; hash: string }>('bumpHead', [1]))!;
    const who = auditActor(actor, grant);
    const event = {
      seq: Number(head.seq),
      occurred_at: nowIso,
      actor_id: who.accountId,
      actor_role: who.role,
      station_id: who.stationId,
      action: 'vs_signup.created',
      entity_type: 'vs_signup',
      entity_id: id,
      region_code: a.region_code,
      before_json: null,
      after_json: JSON.stringify({ activityId: a.id, volunteerId: v.id, status, queuePosition }),
      request_id: crypto.randomUUID(),
    };
    const hash = auditHash(head.hash, event);
    await tx.run('insertAudit', [...Object.values(event), head.hash, hash]);
    await tx.run('setHead', [hash, 1]);
  });
  const row = (await db.get<SignupRow>('signup', [id]))!;
  const rank =
    row.status === 'waitlisted'
      ? Number((await db.get<{ n: number }>('rank', [a.id, row.queue_position]))!.n)
      : null;
  return {
    id: row.id,
    activityId: row.activity_id,
    volunteerId: row.volunteer_id,
    status: row.status,
    waitlistRank: rank,
    createdAt: row.created_at,
    promotedAt: row.promoted_at,
    cancelledAt: row.cancelled_at,
  };
}

async function runFloor() {
  const config = loadConfig(process.env);
  const db =
    config.database.dialect === 'sqlite'
      ? floorSqlite(config.database.file)
      : floorPostgres(config.database.url, config.database.poolSize);
  const withAudit = process.env.SIGNUP_FLOOR_AUDIT !== '0';
  const route = /^\/api\/v1\/vs\/activities\/([0-9a-f-]{36})\/signup$/;
  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    type = 'application/json',
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      void (async () => {
        try {
          const m = req.method === 'POST' ? route.exec(req.url ?? '') : null;
          if (!m) throw new AppError('ROUTE_NOT_FOUND');
          const token = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(
            req.headers.authorization ?? '',
          )?.[1];
          const actor = token ? await floorActor(db, token, new Date()) : null;
          if (!actor) throw new AppError('UNAUTHENTICATED');
          if (!hasAnyRole(actor, ['volunteer'])) throw new AppError('FORBIDDEN');
          send(res, 201, await floorSignup(db, actor, m[1]!, withAudit));
        } catch (error) {
          const e = error instanceof AppError ? error : new AppError('INTERNAL');
          if (!(error instanceof AppError)) console.error(error);
          send(res, e.status, problemBody(e, 'zh-CN', 'floor'), 'application/problem+json');
        }
      })();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    serveUntilStopped(address.port, () => new Promise((r) => server.close(() => r())));
  });
}

/* ------------------------------------------------------------------ the bench (parent) */

interface Args {
  dialects: ('sqlite' | 'postgres')[];
  requests: number;
  places: number;
  connections: number;
  pgUrl: string;
  appFirst: boolean;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      requests: { type: 'string', default: '10000' },
      places: { type: 'string', default: '100' },
      connections: { type: 'string', default: '64' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      'app-first': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const n = (raw: string, min: number, max: number, name: string) => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name}: ${min}…${max}`);
    return v;
  };
  if (!['sqlite', 'postgres', 'both'].includes(values.db))
    throw new Error('--db sqlite|postgres|both');
  const url = new URL(values['pg-url']);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error('--pg-url must point at 127.0.0.1');
  return {
    dialects: values.db === 'both' ? ['sqlite', 'postgres'] : [values.db as 'sqlite' | 'postgres'],
    requests: n(values.requests, 1, 100_000, 'requests'),
    places: n(values.places, 1, 10_000, 'places'),
    connections: n(values.connections, 1, 512, 'connections'),
    pgUrl: url.toString().replace(/\/$/, ''),
    appFirst: values['app-first'],
  };
}

/** Migrates and seeds: demo accounts, a team of the demo leader, the activity, N volunteers with tokens. */
async function seed(config: DatabaseConfig, key: string, args: Args): Promise<string[]> {
  const db = openDatabase(config);
  const k = db.kysely;
  try {
    await migrateToLatest(db);
    const pii = createPiiCipher(parseMasterKey(key));
    installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(key) }));
    const now = new Date();
    const iso = now.toISOString();
    await seedDemo({ db: k, pii, now, residents: 0 });
    const leader = await k
      .selectFrom('accounts')
      .select(['id', 'password_hash'])
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    const teamId = crypto.randomUUID();
    await k
      .insertInto('vs_teams')
      .values({
        id: teamId,
        parent_id: null,
        kind: 'team',
        name: '压测服务队',
        region_code: '110115110000',
        category_code: null,
        colour: null,
        leader_account_id: leader.id,
        organisation_name: '压测',
        person_in_charge: '压测',
        contact_phone: '010-00000000',
        description: '',
        active: 1,
        is_demo: 0,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    const starts = new Date(now.getTime() + 7 * 24 * 3600_000);
    await k
      .insertInto('vs_activities')
      .values({
        id: ACTIVITY_ID,
        order_id: null,
        project_id: null,
        team_id: teamId,
        title: '压测活动',
        description: '',
        place: '伊庄村',
        region_code: '110115110207',
        starts_at: starts.toISOString(),
        ends_at: new Date(starts.getTime() + 3 * 3600_000).toISOString(),
        capacity: args.places,
        confirmed_count: 0,
        queue_seq: 0,
        skills: '[]',
        lead_account_id: leader.id,
        code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
        status: 'open',
        cancel_reason: null,
        version: 1,
        created_by: leader.id,
        is_demo: 0,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    const main = await k
      .selectFrom('vs_activities')
      .selectAll()
      .where('id', '=', ACTIVITY_ID)
      .executeTakeFirstOrThrow();
    const later = (t: string) => new Date(Date.parse(t) + 24 * 3600_000).toISOString();
    await k
      .insertInto('vs_activities')
      .values({
        ...main,
        id: WARM_ID,
        title: '预热活动',
        capacity: 10_000,
        starts_at: later(main.starts_at),
        ends_at: later(main.ends_at),
      })
      .execute();
    const expires = new Date(now.getTime() + 24 * 3600_000).toISOString();
    const idCipher = pii.encrypt('110115199001010000');
    const tokens: string[] = [];
    for (let start = 0; start < args.requests; start += 500) {
      const batch = Array.from({ length: Math.min(500, args.requests - start) }, (_, j) => ({
        i: start + j,
        account: crypto.randomUUID(),
        volunteer: crypto.randomUUID(),
        token: crypto.randomBytes(24).toString('base64url'),
      }));
      await k
        .insertInto('accounts')
        .values(
          batch.map((b) => ({
            id: b.account,
            username: `burst-${b.i}`,
            display_name: `志愿者${b.i}`,
            password_hash: leader.password_hash,
            status: 'active' as const,
            resident_id: null,
            preferences: '{}',
            is_demo: 0,
            password_changed_at: iso,
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute();
      await k
        .insertInto('role_grants')
        .values(
          batch.map((b) => ({
            id: crypto.randomUUID(),
            account_id: b.account,
            role: 'volunteer',
            region_code: '110115110000',
            station_id: null,
            created_at: iso,
          })),
        )
        .execute();
      await k
        .insertInto('sessions')
        .values(
          batch.map((b) => ({
            id: hashToken(b.token),
            account_id: b.account,
            kind: 'bearer' as const,
            label: 'bench',
            created_at: iso,
            expires_at: expires,
            last_seen_at: iso,
            revoked_at: null,
          })),
        )
        .execute();
      await k
        .insertInto('vs_volunteers')
        .values(
          batch.map((b) => ({
            id: b.volunteer,
            volunteer_number: `B${b.i}`,
            account_id: b.account,
            full_name: `志愿者${b.i}`,
            sex: 'female' as const,
            birth_date: '1990-01-01',
            id_hash: `burst-${b.i}`,
            id_cipher: idCipher,
            id_masked: '1****************0',
            phone_cipher: null,
            phone_masked: null,
            home_region_code: '110115110207',
            skills: '[]',
            service_region_codes: '["110115110000"]',
            availability: '{}',
            guardian_consent: null,
            status: 'active' as const,
            registered_by: null,
            is_demo: 0,
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute();
      tokens.push(...batch.map((b) => b.token));
    }
    return tokens;
  } finally {
    await db.close();
  }
}

interface Copies {
  urls: Record<'app' | 'floor' | 'floorNoAudit', string>;
  drop(): Promise<void>;
}

async function prepare(dialect: 'sqlite' | 'postgres', key: string, args: Args) {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-burst-'));
    const template = path.join(dir, 'template.sqlite');
    const tokens = await seed({ dialect: 'sqlite', file: template }, key, args);
    const urls = {} as Copies['urls'];
    for (const name of ['app', 'floor', 'floorNoAudit'] as const) {
      fs.copyFileSync(template, path.join(dir, `${name}.sqlite`));
      urls[name] = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    }
    return { tokens, urls, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const prefix = `doorstep_burst_${crypto.randomBytes(4).toString('hex')}`;
  const names = {
    seed: `${prefix}_seed`,
    app: `${prefix}_app`,
    floor: `${prefix}_floor`,
    floorNoAudit: `${prefix}_floor_na`,
  };
  const dbUrl = (name: string) => {
    const u = new URL(args.pgUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: dbUrl('postgres') });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const drop = async () => {
    for (const n of Object.values(names))
      await admin(`drop database if exists "${n}" with (force)`);
  };
  try {
    await admin(`create database "${names.seed}"`);
    const tokens = await seed(
      { dialect: 'postgres', url: dbUrl(names.seed), poolSize: 10 },
      key,
      args,
    );
    for (const n of [names.app, names.floor, names.floorNoAudit])
      await admin(`create database "${n}" template "${names.seed}"`);
    return {
      tokens,
      urls: {
        app: dbUrl(names.app),
        floor: dbUrl(names.floor),
        floorNoAudit: dbUrl(names.floorNoAudit),
      },
      drop,
    };
  } catch (e) {
    await drop();
    throw e;
  }
}

interface Figures {
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** Fires one sign-up per token, `connections` at a time, over keep-alive HTTP. */
async function burst(
  base: string,
  tokens: string[],
  connections: number,
  activityId = ACTIVITY_ID,
): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(`${base}/api/v1/vs/activities/${activityId}/signup`);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const one = (token: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-length': 0 },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < tokens.length; i = next++) await one(tokens[i]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { seconds, perSecond: tokens.length / seconds, p50: pct(0.5), p99: pct(0.99), statuses };
}

interface Count {
  confirmed: number;
  waitlisted: number;
  rows: number;
  confirmedCount: number;
  queueOk: boolean;
  auditEvents: number;
}

async function countCheck(url: string, args: Args): Promise<Count> {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  try {
    const rows = await db.kysely
      .selectFrom('vs_signups')
      .select(['status', 'queue_position'])
      .where('activity_id', '=', ACTIVITY_ID)
      .execute();
    const a = await db.kysely
      .selectFrom('vs_activities')
      .select('confirmed_count')
      .where('id', '=', ACTIVITY_ID)
      .executeTakeFirstOrThrow();
    const queue = rows
      .filter((r) => r.status === 'waitlisted')
      .map((r) => Number(r.queue_position))
      .sort((x, y) => x - y);
    const audit = await db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'vs_signup.created')
      .where('entity_id', 'in', (eb) =>
        eb.selectFrom('vs_signups').select('id').where('activity_id', '=', ACTIVITY_ID),
      )
      .executeTakeFirstOrThrow();
    return {
      confirmed: rows.filter((r) => r.status === 'confirmed').length,
      waitlisted: queue.length,
      rows: rows.length,
      confirmedCount: a.confirmed_count,
      queueOk:
        queue.every((q, i) => q === i + 1) &&
        queue.length === args.requests - Math.min(args.places, args.requests),
      auditEvents: Number(audit.n),
    };
  } finally {
    await db.close();
  }
}

async function main() {
  const args = parse();
  const key = newMasterKey();
  const m = machine();
  console.log(`Doorstep bench: VS-6 sign-up burst over HTTP, app vs. floor (same run)`);
  console.log(
    `command: node --import tsx bench/signup-burst.bench.ts ${process.argv.slice(2).join(' ')}`,
  );
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, load average ${m.loadAverage.join(' ')}`,
  );
  console.log(
    `load:    ${args.requests} sign-ups (one per volunteer, own Bearer token) for ${args.places} places, ${args.connections} connections, 127.0.0.1, after ${WARM_UP} unrecorded warm-up sign-ups on another activity`,
  );
  const rows: string[][] = [
    [
      'dialect',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'statuses',
      'confirmed',
      'waitlisted',
      'rows',
      'count check',
      'ratio',
    ],
  ];
  let allOk = true;
  for (const dialect of args.dialects) {
    if (dialect === 'postgres') {
      const why = await postgresReachable(args.pgUrl);
      if (why) {
        console.log(`!!! POSTGRES SKIPPED: ${why}`);
        continue;
      }
    }
    console.error(`  … ${dialect}: seeding ${args.requests} volunteers`);
    const dbs = await prepare(dialect, key, args);
    try {
      const results: { target: string; f: Figures; c: Count }[] = [];
      const targets = [
        ['floor', SELF, dbs.urls.floor, { SIGNUP_FLOOR: '1' }],
        [
          'floor, no audit',
          SELF,
          dbs.urls.floorNoAudit,
          { SIGNUP_FLOOR: '1', SIGNUP_FLOOR_AUDIT: '0' },
        ],
        ['app', APP_SERVER, dbs.urls.app, {}],
      ] as const;
      // --app-first runs the app before the floors (on a busy machine the load drifts during a run).
      const order = args.appFirst ? [targets[2], targets[0], targets[1]] : targets;
      for (const [target, entry, url, extra] of order) {
        console.error(`  … ${dialect}: ${target}`);
        let server: RunningServer | null = null;
        try {
          server = await startServer(entry, {
            DATABASE_URL: url,
            DOORSTEP_DATA_KEY: key,
            DOORSTEP_ENV: 'test',
            LOG_LEVEL: 'silent',
            SWEEP_INTERVAL_SECONDS: '0',
            ...extra,
          });
          // Unrecorded warm-up (JIT, statement caches, pool) on the other activity.
          await burst(server.url, dbs.tokens.slice(0, WARM_UP), args.connections, WARM_ID);
          const f = await burst(server.url, dbs.tokens, args.connections);
          await server.stop();
          server = null;
          results.push({ target, f, c: await countCheck(url, args) });
        } finally {
          if (server) await server.stop();
        }
      }
      const floor = results.find((r) => r.target === 'floor')!.f.perSecond;
      for (const { target, f, c } of results) {
        const ok =
          c.confirmed === Math.min(args.places, args.requests) &&
          c.confirmedCount === c.confirmed &&
          c.rows === args.requests &&
          c.queueOk &&
          (f.statuses['201'] ?? 0) === args.requests &&
          (target.includes('no audit') || c.auditEvents === args.requests);
        allOk &&= ok;
        rows.push([
          dialect,
          target,
          f.perSecond.toFixed(0),
          f.p50.toFixed(1),
          f.p99.toFixed(1),
          Object.entries(f.statuses)
            .map(([s, n]) => `${s}×${n}`)
            .join(' '),
          String(c.confirmed),
          String(c.waitlisted),
          String(c.rows),
          ok ? 'OK' : 'FAILED',
          (f.perSecond / floor).toFixed(2),
        ]);
      }
    } finally {
      await dbs.drop();
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    rows
      .map((r) =>
        r
          .map((c, i) => (i < 2 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
          .join('  '),
      )
      .join('\n'),
  );
  console.log(
    'ratio = req/s ÷ the floor (with audit) of the same dialect. count check: exactly `places` confirmed (rows and counter agree), the rest waitlisted 1…N−places, every request answered 201, one audit event per sign-up.',
  );
  if (!allOk) process.exitCode = 1;
}

if (process.env.SIGNUP_FLOOR === '1') await runFloor();
else await main();
