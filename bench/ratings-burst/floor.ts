/**
 * The rating-burst floor (a child process started with RATINGS_FLOOR=1): bare node:http answering
 * the two rating routes with the app's database work — same driver, same statements in the same
 * order, the same transactions, the app's pure rules (checkLevelReasons, isRateable) — without
 * Fastify, zod, Kysely, helmet or hooks:
 *
 *   POST /api/v1/ratings/public/links/:token  the link by its hash, the case and its delivery; in
 *     one transaction the link spent (used_at is null and not expired), the rating inserted
 *     (on conflict do nothing: one per subject) and the audit event.
 *   POST /api/v1/ratings/device/ratings (X-Rating-Device)  the device by its token hash, the case
 *     its window finished last (the app's join), the case and its delivery; in one transaction the
 *     rating, the audit event and the device back to idle.
 *
 * The bench sends good ratings only (a 差评 would also open a ticket on the working-day calendar).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { loadConfig } from '../../src/config.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { tokenHash } from '../../src/modules/ratings/rating-tokens.ts';
import {
  checkLevelReasons,
  DEVICE_WINDOW_MINUTES,
  isRateable,
  type RatingLevel,
} from '../../src/modules/ratings/ratings.rules.ts';
import { parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { AppError, problemBody } from '../../src/shared/problem.ts';
import { serveUntilStopped } from '../lib/child.ts';
import { floorAppendAudit, floorAuditSql, type FloorAuditStatement } from '../lib/floor-audit.ts';
import { floorPostgres, floorSqlite, type FloorDb, type Tx } from '../lib/floor-db.ts';

const RATING_COLUMNS =
  'id, subject_type, subject_id, kind, level, reason_codes, comment, channel, service_channel, subject_number, item_code, region_code, station_id, staff_account_id, agent_account_id, rater_resident_id, rater_account_id, completed_at, excluded, rated_at';

/** The app's statements, written with `?`; the audit chain's (floor-audit.ts) join them per dialect. */
const SQL = {
  link: 'select * from rating_links where token_hash = ?',
  kase: 'select id, number, state, item_code, home_region_code, accepting_region_code, accepting_station_id, agent_account_id, applicant_id, first_responder_id, channel from cases where id = ?',
  delivered:
    "select actor_id, station_id, at from case_actions where case_id = ? and action = 'deliver' order by seq desc",
  spend: 'update rating_links set used_at = ? where id = ? and used_at is null and expires_at > ?',
  rating: `insert into ratings (${RATING_COLUMNS}) values (${RATING_COLUMNS.split(',')
    .map(() => '?')
    .join(', ')}) on conflict (subject_type, subject_id, kind) do nothing`,
  device: 'select * from rating_devices where token_hash = ? and revoked_at is null',
  waiting:
    'select c.id, c.number, i.name_zh, i.name_en, st.display_name as staff_name, a.at from case_actions as a ' +
    'inner join cases as c on c.id = a.case_id left join catalog_items as i on i.code = c.item_code ' +
    'left join accounts as st on st.id = a.actor_id ' +
    "where a.action = 'deliver' and a.station_id = ? and a.at >= ? and a.at <= ? " +
    "and not exists (select r.id from ratings as r where r.subject_id = c.id and r.subject_type = 'case') " +
    'order by a.at desc',
  idle: 'update rating_devices set idle_since = ? where id = ?',
};
type Name = keyof typeof SQL | FloorAuditStatement;

interface Subject {
  id: string;
  number: string;
  itemCode: string | null;
  regionCode: string;
  stationId: string | null;
  staffAccountId: string | null;
  agentAccountId: string | null;
  applicantResidentId: string | null;
  serviceChannel: string;
  completedAt: string;
}

async function rateableCase(db: FloorDb<Name>, id: string): Promise<Subject> {
  const c = await db.get<{
    id: string;
    number: string;
    state: string;
    item_code: string | null;
    accepting_region_code: string;
    accepting_station_id: string | null;
    agent_account_id: string | null;
    applicant_id: string | null;
    first_responder_id: string | null;
    channel: string;
  }>('kase', [id]);
  if (!c) throw new AppError('NOT_FOUND');
  const d = await db.get<{ actor_id: string | null; station_id: string | null; at: string }>(
    'delivered',
    [id],
  );
  if (!isRateable({ type: 'case', state: c.state }) || !d)
    throw new AppError('RATING_NOT_RATEABLE');
  return {
    id: c.id,
    number: c.number,
    itemCode: c.item_code,
    regionCode: c.accepting_region_code,
    stationId: d.station_id ?? c.accepting_station_id,
    staffAccountId: d.actor_id ?? c.first_responder_id,
    agentAccountId: c.agent_account_id,
    applicantResidentId: c.applicant_id,
    serviceChannel: c.agent_account_id ? 'agent' : c.channel,
    completedAt: d.at,
  };
}

interface Rating {
  level: RatingLevel;
  reasons: string[];
  comment: string | null;
}
function ratingOf(body: unknown): Rating {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const level = b.level;
  if (level !== 1 && level !== 2 && level !== 3 && level !== 4 && level !== 5)
    throw new AppError('VALIDATION_FAILED');
  const reasons = Array.isArray(b.reasons) ? b.reasons.map(String) : [];
  return { level, reasons, comment: typeof b.comment === 'string' ? b.comment : null };
}

/** submitRating for a good rating: the row (one per subject) and its audit event. */
async function submit(tx: Tx<Name>, s: Subject, r: Rating, channel: string, now: Date) {
  const refusal = checkLevelReasons(r.level, r.reasons);
  if (refusal) throw new AppError(refusal);
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const inserted = await tx.run('rating', [
    id,
    'case',
    s.id,
    'first',
    r.level,
    JSON.stringify([...new Set(r.reasons)]),
    r.comment,
    channel,
    s.serviceChannel,
    s.number,
    s.itemCode,
    s.regionCode,
    s.stationId,
    s.staffAccountId,
    s.agentAccountId,
    s.applicantResidentId,
    null,
    s.completedAt,
    0,
    at,
  ]);
  if (inserted !== 1) throw new AppError('RATING_ALREADY_GIVEN');
  await floorAppendAudit(tx, {
    occurred_at: at,
    actor_id: null,
    actor_role: null,
    station_id: null,
    action: 'rating.recorded',
    entity_type: 'rating',
    entity_id: id,
    region_code: s.regionCode,
    before_json: null,
    after_json: JSON.stringify({
      subject: `case:${s.number}`,
      kind: 'first',
      level: r.level,
      channel,
    }),
    request_id: crypto.randomUUID(),
  });
  return { id, kind: 'first' as const, ticketId: null };
}

async function byLink(db: FloorDb<Name>, token: string, body: unknown, now: Date) {
  const rating = ratingOf(body);
  const link = await db.get<{
    id: string;
    subject_id: string;
    channel: string;
    expires_at: string;
    used_at: string | null;
  }>('link', [tokenHash(token)]);
  if (!link || link.expires_at <= now.toISOString()) throw new AppError('RATING_LINK_INVALID');
  if (link.used_at) throw new AppError('RATING_LINK_USED');
  const subject = await rateableCase(db, link.subject_id);
  return db.tx(async (tx) => {
    const at = now.toISOString();
    if ((await tx.run('spend', [at, link.id, at])) !== 1) throw new AppError('RATING_LINK_USED');
    return submit(tx, subject, rating, link.channel, now);
  });
}

async function atDevice(db: FloorDb<Name>, token: string | undefined, body: unknown, now: Date) {
  const rating = ratingOf(body);
  const caseId = (body as { caseId?: unknown }).caseId;
  if (!token) throw new AppError('RATING_DEVICE_INVALID');
  const device = await db.get<{ id: string; station_id: string; idle_since: string | null }>(
    'device',
    [tokenHash(token)],
  );
  if (!device) throw new AppError('RATING_DEVICE_INVALID');
  const since = new Date(now.getTime() - DEVICE_WINDOW_MINUTES * 60_000).toISOString();
  const from = device.idle_since && device.idle_since > since ? device.idle_since : since;
  const c = await db.get<{ id: string }>('waiting', [device.station_id, from, now.toISOString()]);
  if (!c || c.id !== caseId) throw new AppError('RATING_DEVICE_NO_CASE');
  const subject = await rateableCase(db, c.id);
  return db.tx(async (tx) => {
    const r = await submit(tx, subject, rating, 'device', now);
    await tx.run('idle', [now.toISOString(), device.id]);
    return r;
  });
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
  const linkRoute = /^\/api\/v1\/ratings\/public\/links\/([A-Za-z0-9_-]{16,64})$/;
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
          if (req.method !== 'POST') throw new AppError('ROUTE_NOT_FOUND');
          const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
          const now = new Date();
          const link = linkRoute.exec(req.url ?? '');
          const device = req.headers['x-rating-device'];
          if (link) send(res, 201, await byLink(db, link[1]!, body, now), 'application/json');
          else if (req.url === '/api/v1/ratings/device/ratings')
            send(
              res,
              201,
              await atDevice(db, typeof device === 'string' ? device : undefined, body, now),
              'application/json',
            );
          else throw new AppError('ROUTE_NOT_FOUND');
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
