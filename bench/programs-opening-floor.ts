/**
 * The floor for bench/programs-opening.bench.ts: a bare node:http server answering
 * `POST /api/v1/programs/classes/:id/enrolments {childId}` with the app's database work for one
 * enrolment — same driver, same statements in the same order, the same conditional update in the
 * same transaction — without Fastify, zod, Kysely, helmet or hooks:
 *
 *   Bearer session + account, grants (guardian), the guardian's own child, the class with its
 *   program (one join), the live-enrolment check, then in one transaction: UPDATE program_classes
 *   SET confirmed_count +1, queue_seq +1 WHERE confirmed_count + 1 <= capacity AND nobody waits
 *   RETURNING queue_seq; on a miss UPDATE … queue_seq + 1 RETURNING; the insert; the audit event
 *   (floor-audit.ts: the shard head bump … returning, insert, shard head update). Answered as the app's EnrolmentView from the row
 *   just written and the child read before (the app does not read them back either). Age and
 *   catchment are checked with the app's pure rule (`eligibilityRefusal`). When the app's
 *   statements change, this list changes with them (it is the floor only while it is the same work).
 *
 * By hand: DATABASE_URL=sqlite:/tmp/x.sqlite node --import tsx bench/programs-opening-floor.ts
 */
import crypto from 'node:crypto';
import http from 'node:http';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import { hashToken } from '../src/modules/auth/session.service.ts';
import { eligibilityRefusal } from '../src/modules/programs/enrolment.rules.ts';
import { availableEnrolmentActions } from '../src/modules/programs/enrolment.workflow.ts';
import { parseMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { serveUntilStopped } from './lib/child.ts';
import { floorAppendAudit, floorAuditSql } from './lib/floor-audit.ts';

const config = loadConfig(process.env);
if (!config.dataKey) throw new Error('DOORSTEP_DATA_KEY is required');
installAuditKeys(
  deriveAuditKeys({ dataKey: parseMasterKey(config.dataKey), auditKey: config.auditKey }),
);

/** The app's statements, written with `?`, and the audit chain's for this dialect (floor-audit.ts). */
const SQL = {
  session:
    'select s.expires_at, s.revoked_at, a.id, a.status from sessions as s inner join accounts as a on a.id = s.account_id where s.id = ? and s.kind = ?',
  grants:
    'select g.role, g.region_code, r.level from role_grants as g inner join regions as r on r.code = g.region_code left join stations as s on s.id = g.station_id where g.account_id = ? order by g.created_at, g.id',
  child: 'select * from children where id = ? and guardian_account_id = ?',
  klass:
    'select program_classes.*, programs.status as program_status, programs.season_starts_on from program_classes left join programs on programs.id = program_classes.program_id where program_classes.id = ?',
  live: "select id from enrolments where class_id = ? and child_id = ? and status in ('applied', 'enrolled', 'waitlisted', 'offered')",
  take: "update program_classes set confirmed_count = confirmed_count + 1, queue_seq = queue_seq + 1 where id = ? and confirmed_count + 1 <= capacity and not exists (select enrolments.id from enrolments where enrolments.class_id = program_classes.id and enrolments.status = 'waitlisted') returning queue_seq",
  queue: 'update program_classes set queue_seq = queue_seq + 1 where id = ? returning queue_seq',
  insert:
    'insert into enrolments (id, class_id, child_id, guardian_account_id, region_code, status, priority_groups, priority_rank, position, applied_at, offer_expires_at, reasons, updated_at, sibling_group) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ...floorAuditSql(config.database.dialect),
} as const;
type Name = keyof typeof SQL;
type Row = Record<string, unknown>;

interface Tx {
  get(name: Name, params: unknown[]): Promise<Row | undefined>;
  run(name: Name, params: unknown[]): Promise<void>;
}
interface Driver extends Tx {
  tx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function sqliteDriver(file: string): Driver {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const st = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, db.prepare(v)])) as Record<
    Name,
    SQLite.Statement
  >;
  const inner: Tx = {
    get: async (n, p) =>
      st[n].reader ? (st[n].get(...p) as Row | undefined) : (st[n].run(...p), undefined),
    run: async (n, p) => void st[n].run(...p),
  };
  // One connection, one user at a time: a transaction holds it until COMMIT, as Kysely's driver.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    get: (n, p) => exclusive(() => inner.get(n, p)),
    run: (n, p) => exclusive(() => inner.run(n, p)),
    tx: (work) =>
      exclusive(async () => {
        db.prepare('BEGIN').run();
        try {
          const out = await work(inner);
          db.prepare('COMMIT').run();
          return out;
        } catch (e) {
          db.prepare('ROLLBACK').run();
          throw e;
        }
      }),
    close: async () => {
      db.close();
    },
  };
}

function postgresDriver(url: string, poolSize: number): Driver {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(20, (v) => Number(v));
  let i = 0;
  const numbered = Object.fromEntries(
    Object.entries(SQL).map(([k, v]) => [k, ((i = 0), v.replace(/\?/g, () => `$${++i}`))]),
  ) as Record<Name, string>;
  const on = (c: pg.Pool | pg.PoolClient): Tx => ({
    get: async (n, p) => (await c.query(numbered[n], p)).rows[0] as Row | undefined,
    run: async (n, p) => void (await c.query(numbered[n], p)),
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
    close: () => pool.end(),
  };
}

const driver =
  config.database.dialect === 'sqlite'
    ? sqliteDriver(config.database.file)
    : postgresDriver(config.database.url, config.database.poolSize);

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json') {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
const problem = (res: http.ServerResponse, status: number, code: string) =>
  send(res, status, { status, code }, 'application/problem+json');

async function enrol(res: http.ServerResponse, classId: string, token: string, raw: string) {
  let body: { childId?: unknown };
  try {
    body = JSON.parse(raw) as { childId?: unknown };
  } catch {
    return problem(res, 400, 'MALFORMED_JSON');
  }
  if (typeof body.childId !== 'string' || !/^[0-9a-f-]{36}$/.test(body.childId))
    return problem(res, 400, 'VALIDATION_FAILED');
  const now = new Date();
  const at = now.toISOString();
  const s = await driver.get('session', [hashToken(token), 'bearer']);
  if (!s || s.revoked_at || s.status !== 'active' || String(s.expires_at) <= at)
    return problem(res, 401, 'UNAUTHENTICATED');
  const accountId = String(s.id);
  const grant = await driver.get('grants', [accountId]);
  if (!grant || grant.role !== 'guardian') return problem(res, 403, 'FORBIDDEN');
  const child = await driver.get('child', [body.childId, accountId]);
  if (!child) return problem(res, 404, 'CP_CHILD_NOT_FOUND');
  const klass = await driver.get('klass', [classId]);
  if (!klass) return problem(res, 404, 'CP_CLASS_NOT_FOUND');
  if (klass.program_status === null) return problem(res, 404, 'CP_PROGRAM_NOT_FOUND');
  if (klass.program_status !== 'published' || now.getTime() < Date.parse(String(klass.opens_at)))
    return problem(res, 409, 'CP_CLASS_NOT_OPEN');
  const refusal = eligibilityRefusal(
    { birthDate: String(child.birth_date), regionCode: String(child.region_code) },
    {
      minAge: klass.min_age as number | null,
      maxAge: klass.max_age as number | null,
      catchmentCodes: JSON.parse(String(klass.catchment_codes)) as string[],
    },
    String(klass.season_starts_on),
  );
  if (refusal) return problem(res, 422, refusal);
  if (await driver.get('live', [classId, child.id]))
    return problem(res, 409, 'CP_ENROLMENT_DUPLICATE');
  const id = crypto.randomUUID();
  const row = await driver.tx(async (tx) => {
    let status = 'enrolled';
    let seq = await tx.get('take', [classId]);
    if (!seq) {
      status = 'waitlisted';
      seq = await tx.get('queue', [classId]);
    }
    const position = Number(seq!.queue_seq);
    await tx.run('insert', [
      id,
      classId,
      child.id,
      accountId,
      klass.region_code,
      status,
      '[]',
      1,
      position,
      at,
      null,
      '[]',
      at,
      null,
    ]);
    await floorAppendAudit(tx, {
      occurred_at: at,
      actor_id: accountId,
      actor_role: 'guardian',
      station_id: null,
      action: 'enrolment.created',
      entity_type: 'enrolment',
      entity_id: id,
      region_code: String(klass.region_code),
      before_json: null,
      after_json: JSON.stringify({
        classId,
        childId: child.id,
        status,
        position,
        siblingGroup: null,
        priorityGroups: [],
      }),
      request_id: crypto.randomUUID(),
    });
    return { status, position, priorityGroups: '[]' };
  });
  send(res, 201, {
    id,
    classId,
    childId: child.id,
    childName: child.real_name,
    status: row.status,
    priorityGroups: JSON.parse(row.priorityGroups) as unknown[],
    position: row.position,
    appliedAt: at,
    offerExpiresAt: null,
    siblingGroup: null,
    availableActions: availableEnrolmentActions(row.status as 'enrolled', 'guardian'),
  });
}

const ROUTE = /^\/api\/v1\/programs\/classes\/([0-9a-f-]{36})\/enrolments$/;
const server = http.createServer((req, res) => {
  const m = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
  const auth = req.headers.authorization;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (!m) return problem(res, 404, 'NOT_FOUND');
    if (!auth?.startsWith('Bearer ')) return problem(res, 401, 'UNAUTHENTICATED');
    enrol(res, m[1]!, auth.slice(7), Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
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
