/**
 * The floor server (a child process started with SIGNUP_FLOOR=1): bare node:http doing the same
 * sign-up transaction as the app with the same driver; SIGNUP_FLOOR_AUDIT=0 leaves out the audit
 * append.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { loadConfig } from '../../src/config.ts';
import { GENESIS_HASH } from '../../src/modules/audit/audit-hash.ts';
import {
  currentAuditKeys,
  deriveAuditKeys,
  installAuditKeys,
} from '../../src/modules/audit/audit-key.ts';
import { shardLinkHash, shardOf } from '../../src/modules/audit/audit-shard.rules.ts';
import { chinaDate } from '../../src/shared/china-time.ts';
import { parseMasterKey } from '../../src/shared/pii-crypto.ts';
import {
  auditActor,
  authorize,
  hasAnyRole,
  reachOf,
  type Actor,
} from '../../src/modules/auth/actor.ts';
import { isRole } from '../../src/modules/auth/roles.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { AppError, problemBody } from '../../src/server/problem.ts';
import { serveUntilStopped } from '../lib/child.ts';
import { floorPostgres, floorSqlite, type FloorDb, type SignupRow } from './floor-db.ts';

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
    const key = shardOf(a.region_code, chinaDate(now));
    const head = await tx.get<{ seq: number; hash: string }>('bumpHead', [
      key.shard,
      key.town,
      key.day,
      GENESIS_HASH,
    ]);
    if (!head) throw new Error(`floor: shard ${key.shard} is sealed`);
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
    const hash = shardLinkHash(currentAuditKeys().chain, key.shard, head.hash, event);
    const { seq: shardSeq, ...fields } = event;
    await tx.run('insertAudit', [...Object.values(fields), head.hash, hash, key.shard, shardSeq]);
    await tx.run('setHead', [hash, key.shard]);
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

export async function runFloor() {
  const config = loadConfig(process.env);
  if (!config.dataKey) throw new Error('DOORSTEP_DATA_KEY is required');
  installAuditKeys(
    deriveAuditKeys({ dataKey: parseMasterKey(config.dataKey), auditKey: config.auditKey }),
  );
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
