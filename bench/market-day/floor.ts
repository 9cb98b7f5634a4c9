/**
 * The market-day floor (a child process started with MARKET_FLOOR=1): bare node:http answering
 * the queue's two hot routes with the app's database work — same driver, same statements in the
 * same order, the same transactions, the app's pure rules (stationGrant, callOrder, ticketLabel,
 * ticketActions) — without Fastify, zod, Kysely, helmet or hooks:
 *
 *   POST /api/v1/queue/stations/:id/tickets   session, grants, station, resident; in one
 *     transaction the day's counter (insert … do nothing, value + 1 … returning), the ticket, the
 *     audit event (floor-audit.ts: the shard head bump … returning, insert, shard head hash); then
 *     the ticket re-read with the name.
 *   POST /api/v1/queue/stations/:id/call-next  session, grants, station, the waiting tickets; in
 *     one transaction the conditional claim (status = 'waiting') and the audit event; on a lost
 *     race the next candidate; then the ticket re-read with the name.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { loadConfig } from '../../src/config.ts';
import { stationGrant } from '../../src/modules/appointments/appointments.access.ts';
import {
  callOrder,
  minutesBetween,
  ticketActions,
  ticketCounterName,
  ticketLabel,
} from '../../src/modules/appointments/queue.rules.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import type { QueueTicketTable, StationTable } from '../../src/db/schema.ts';
import { auditActor, reachOf, type Actor, type Grant } from '../../src/shared/actor.ts';
import { chinaDate } from '../../src/shared/china-time.ts';
import { AppError, problemBody } from '../../src/shared/problem.ts';
import { isRole } from '../../src/shared/roles.ts';
import { serveUntilStopped } from '../lib/child.ts';
import { floorAppendAudit, floorAuditSql, type FloorAuditStatement } from '../lib/floor-audit.ts';
import {
  floorPostgres,
  floorSqlite,
  type FloorDb as Db,
  type Tx as AnyTx,
} from '../lib/floor-db.ts';

const TICKET_COLUMNS =
  'id, station_id, region_code, date, lane, number, label, booking_id, resident_id, priority, window_starts_at, status, issued_at, called_at, called_by, desk, started_at, finished_at, case_id, updated_at';

/**
 * The app's statements for a walk-in ticket and 'call next', written with `?`; numbered ($1, $2, …)
 * for PostgreSQL. The audit chain's (floor-audit.ts) join them once the dialect is known.
 */
const SQL = {
  session:
    'select s.expires_at, s.revoked_at, s.last_seen_at, a.id, a.username, a.display_name, a.status, a.resident_id ' +
    'from sessions as s inner join accounts as a on a.id = s.account_id where s.id = ? and s.kind = ?',
  grants:
    'select g.role, g.region_code, r.level, r.name as region_name, g.station_id, s.kind as station_kind, s.name as station_name ' +
    'from role_grants as g inner join regions as r on r.code = g.region_code left join stations as s on s.id = g.station_id ' +
    'where g.account_id = ? order by g.created_at, g.id',
  station: 'select * from stations where id = ?',
  resident: 'select id from residents where id = ?',
  counterInsert: 'insert into counters (name, value) values (?, ?) on conflict (name) do nothing',
  counterBump: 'update counters set value = value + 1 where name = ? returning value',
  ticketInsert: `insert into queue_tickets (${TICKET_COLUMNS}) values (${TICKET_COLUMNS.split(',')
    .map(() => '?')
    .join(', ')})`,
  waiting:
    "select id, lane, number, priority, window_starts_at, issued_at from queue_tickets where station_id = ? and date = ? and status = 'waiting'",
  claim:
    "update queue_tickets set status = 'called', called_at = ?, called_by = ?, desk = ?, updated_at = ? where id = ? and status = 'waiting'",
  ticket: 'select * from queue_tickets where id = ?',
  names: 'select id, full_name from residents where id in (?)',
} as const;
type Name = keyof typeof SQL | FloorAuditStatement;
type FloorDb = Db<Name>;
type Tx = AnyTx<Name>;

interface GrantRow {
  role: string;
  region_code: string;
  level: never;
  region_name: string;
  station_id: string | null;
  station_kind: never;
  station_name: string | null;
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
  const rows = await db.all<GrantRow>('grants', [s.id]);
  return {
    accountId: s.id,
    username: s.username,
    displayName: s.display_name,
    residentId: s.resident_id,
    grants: rows.flatMap((g) =>
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

async function audit(
  tx: Tx,
  e: {
    actor: Actor;
    grant: Grant;
    action: string;
    entityId: string;
    regionCode: string;
    before?: unknown;
    after: unknown;
    now: Date;
  },
) {
  const who = auditActor(e.actor, e.grant);
  await floorAppendAudit(tx, {
    occurred_at: e.now.toISOString(),
    actor_id: who.accountId,
    actor_role: who.role,
    station_id: who.stationId,
    action: e.action,
    entity_type: 'queue_ticket',
    entity_id: e.entityId,
    region_code: e.regionCode,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: JSON.stringify(e.after),
    request_id: crypto.randomUUID(),
  });
}

async function present(db: FloorDb, id: string, now: Date) {
  const r = (await db.get<QueueTicketTable>('ticket', [id]))!;
  const names = r.resident_id
    ? await db.all<{ id: string; full_name: string }>('names', [r.resident_id])
    : [];
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  const calledAt = iso(r.called_at);
  const issuedAt = new Date(r.issued_at).toISOString();
  return {
    id: r.id,
    stationId: r.station_id,
    date: r.date,
    lane: r.lane,
    label: r.label,
    status: r.status,
    priority: r.priority,
    bookingId: r.booking_id,
    residentId: r.resident_id,
    residentName: names.find((n) => n.id === r.resident_id)?.full_name ?? null,
    windowStartsAt: iso(r.window_starts_at),
    issuedAt,
    calledAt,
    desk: r.desk,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    waitMinutes: minutesBetween(
      issuedAt,
      calledAt ?? (r.status === 'waiting' ? now.toISOString() : null),
    ),
    serviceMinutes: minutesBetween(iso(r.started_at), iso(r.finished_at)),
    caseId: r.case_id,
    availableActions: [...ticketActions(r.status, r.case_id !== null)],
  };
}

async function loadStation(db: FloorDb, id: string) {
  const s = await db.get<StationTable>('station', [id]);
  if (!s) throw new AppError('APPT_STATION_NOT_FOUND');
  return s;
}

async function walkIn(db: FloorDb, actor: Actor, stationId: string, body: unknown, now: Date) {
  const residentId =
    typeof body === 'object' && body !== null && 'residentId' in body
      ? String(body.residentId)
      : null;
  const station = await loadStation(db, stationId);
  const grant = stationGrant(actor, station);
  if (residentId && !(await db.get('resident', [residentId])))
    throw new AppError('APPT_RESIDENT_NOT_FOUND');
  const date = chinaDate(now);
  const id = crypto.randomUUID();
  await db.tx(async (tx) => {
    const name = ticketCounterName(station.id, date, 'B');
    await tx.run('counterInsert', [name, 0]);
    const number = Number((await tx.get<{ value: number }>('counterBump', [name]))!.value);
    const at = now.toISOString();
    const label = ticketLabel('B', number);
    await tx.run('ticketInsert', [
      id,
      station.id,
      station.region_code,
      date,
      'B',
      number,
      label,
      null,
      residentId,
      null,
      null,
      'waiting',
      at,
      null,
      null,
      null,
      null,
      null,
      null,
      at,
    ]);
    await audit(tx, {
      actor,
      grant,
      action: 'queue.ticket_issued',
      entityId: id,
      regionCode: station.region_code,
      after: { label, lane: 'B', bookingId: null, priority: null },
      now,
    });
  });
  return present(db, id, now);
}

async function callNext(db: FloorDb, actor: Actor, stationId: string, body: unknown, now: Date) {
  const desk =
    typeof body === 'object' && body !== null && 'desk' in body ? String(body.desk) : null;
  const station = await loadStation(db, stationId);
  const grant = stationGrant(actor, station);
  const date = chinaDate(now);
  for (let attempt = 0; attempt < 8; attempt++) {
    const waiting = await db.all<
      Pick<
        QueueTicketTable,
        'id' | 'lane' | 'number' | 'priority' | 'window_starts_at' | 'issued_at'
      >
    >('waiting', [station.id, date]);
    const order = callOrder(
      waiting.map((w) => ({
        id: w.id,
        lane: w.lane,
        number: Number(w.number),
        priority: w.priority,
        windowStartsAt:
          w.window_starts_at === null ? null : new Date(w.window_starts_at).toISOString(),
        issuedAt: new Date(w.issued_at).toISOString(),
      })),
      now,
    );
    if (order.length === 0) return { ticket: null };
    for (const candidate of order.slice(0, 4)) {
      const won = await db.tx(async (tx) => {
        const at = now.toISOString();
        if ((await tx.run('claim', [at, actor.accountId, desk, at, candidate.id])) !== 1)
          return false;
        await audit(tx, {
          actor,
          grant,
          action: 'queue.ticket_called',
          entityId: candidate.id,
          regionCode: station.region_code,
          before: { status: 'waiting' },
          // As the app's: the bench's clerks sit at no window (they call with a desk).
          after: { status: 'called', desk, windowId: null },
          now,
        });
        return true;
      });
      if (won) return { ticket: await present(db, candidate.id, now) };
    }
  }
  return { ticket: null };
}

export function runFloor() {
  const config = loadConfig(process.env);
  if (!config.dataKey) throw new Error('DOORSTEP_DATA_KEY is required');
  installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(config.dataKey) }));
  const statements: Record<Name, string> = {
    ...SQL,
    ...floorAuditSql(config.database.dialect),
  };
  const db =
    config.database.dialect === 'sqlite'
      ? floorSqlite(config.database.file, statements)
      : floorPostgres(config.database.url, config.database.poolSize, statements);
  const route = /^\/api\/v1\/queue\/stations\/([0-9a-f-]{36})\/(tickets|call-next)$/;
  const send = (res: http.ServerResponse, status: number, body: unknown, type: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const m = req.method === 'POST' ? route.exec(req.url ?? '') : null;
          if (!m) throw new AppError('ROUTE_NOT_FOUND');
          const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
          const token = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(
            req.headers.authorization ?? '',
          )?.[1];
          const now = new Date();
          const actor = token ? await floorActor(db, token, now) : null;
          if (!actor) throw new AppError('UNAUTHENTICATED');
          if (m[2] === 'tickets')
            send(res, 201, await walkIn(db, actor, m[1]!, body, now), 'application/json');
          else send(res, 200, await callNext(db, actor, m[1]!, body, now), 'application/json');
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
