/**
 * The floor: a bare node:http server doing the app's database work for resident registration and
 * lookup, and for filing a case (bench/lib/floor-case.ts) — same driver, same statements, same
 * crypto, same checks — without Fastify, zod, Kysely, helmet or hooks. What the app costs above
 * this is the cost of its framework layers.
 *
 * Run by residents.bench.ts and cases.bench.ts in a child process; by hand:
 *   DATABASE_URL=sqlite:/tmp/x.sqlite DOORSTEP_DATA_KEY=<base64> node --import tsx bench/floor-server.ts
 */
import { deriveAuditKeys, installAuditKeys } from '../src/modules/audit/audit-key.ts';
import crypto from 'node:crypto';
import http from 'node:http';
import { loadConfig } from '../src/config.ts';
import type { Resident } from '../src/db/schema.ts';
import type { FloorAuditEvent } from './lib/floor-audit.ts';
import {
  auditActor,
  authorize,
  hasAnyRole,
  reachOf,
  reachPrefixes,
  type Actor,
} from '../src/modules/auth/actor.ts';
import { isRole, RESIDENT_READERS, RESIDENT_REGISTRARS } from '../src/modules/auth/roles.ts';
import { hashToken } from '../src/modules/auth/session.service.ts';
import { maskIdNumber, maskPhone, parseIdNumber } from '../src/modules/residents/id-number.ts';
import { createPiiCipher, parseMasterKey } from '../src/modules/residents/pii-crypto.ts';
import { AppError, pickLocale, problemBody } from '../src/server/problem.ts';
import { serveUntilStopped } from './lib/child.ts';
import { fileCaseOnFloor } from './lib/floor-case.ts';
import { openFloorStore, type FloorStore, type ResidentRow } from './lib/floor-store.ts';
import { fileCaseInput, lookupInput, newResidentInput } from './lib/floor-validate.ts';

const TOUCH_INTERVAL_MS = 5 * 60 * 1000; // as session.service.ts

const config = loadConfig(process.env);
if (!config.dataKey) throw new Error('DOORSTEP_DATA_KEY is required');
const pii = createPiiCipher(parseMasterKey(config.dataKey));
installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(config.dataKey) }));
const store = openFloorStore(config.database);

/** actorForToken: the session and its account, a touch when stale, then the grants. */
async function actorFor(db: FloorStore, token: string, now: Date): Promise<Actor | null> {
  const id = hashToken(token);
  const row = await db.session(id, 'bearer');
  if (!row || row.revoked_at || row.status !== 'active' || row.expires_at <= now.toISOString()) {
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    await db.touchSession(id, now.toISOString());
  }
  const grants = (await db.grants(row.id)).flatMap((g) =>
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
  );
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    residentId: row.resident_id,
    grants,
  };
}

function view(r: ResidentRow) {
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    birthDate: r.birth_date,
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    homeRegionCode: r.home_region_code,
    homeRegionName: r.home_region_name,
    address: r.address,
    registeredStationId: r.registered_station_id,
    createdAt: r.created_at,
  };
}

function validIdNumber(raw: string, now: Date) {
  const parsed = parseIdNumber(raw, now.toISOString().slice(0, 10));
  if (!parsed.ok) throw new AppError(parsed.problem);
  return parsed;
}

async function register(body: unknown, actor: Actor, requestId: string, now: Date) {
  const input = newResidentInput(body);
  const grant = authorize(actor, RESIDENT_REGISTRARS, input.homeRegionCode);
  const parsed = validIdNumber(input.idNumber, now);
  const idHash = pii.lookupHash(parsed.value);
  const nowIso = now.toISOString();
  let id = '';
  const outcome = await store.register({
    regionCode: input.homeRegionCode,
    idHash,
    resident(): Resident {
      id = crypto.randomUUID();
      return {
        id,
        full_name: input.fullName,
        sex: parsed.sex,
        birth_date: parsed.birthDate,
        id_hash: idHash,
        id_cipher: pii.encrypt(parsed.value),
        id_masked: maskIdNumber(parsed.value),
        phone_cipher: input.phone ? pii.encrypt(input.phone) : null,
        phone_masked: input.phone ? maskPhone(input.phone) : null,
        home_region_code: input.homeRegionCode,
        address: input.address,
        registered_station_id: grant.stationId,
        is_demo: 0,
        created_at: nowIso,
        updated_at: nowIso,
      };
    },
    auditEvent(r): FloorAuditEvent {
      const who = auditActor(actor, grant);
      return {
        occurred_at: nowIso,
        actor_id: who.accountId,
        actor_role: who.role,
        station_id: who.stationId,
        action: 'resident.registered',
        entity_type: 'resident',
        entity_id: r.id,
        region_code: r.home_region_code,
        before_json: null,
        after_json: JSON.stringify({
          id: r.id,
          fullName: r.full_name,
          idMasked: r.id_masked,
          phoneMasked: r.phone_masked,
          homeRegionCode: r.home_region_code,
          address: r.address,
        }),
        request_id: requestId,
      };
    },
  });
  if (outcome.status === 'duplicate') {
    // As the app: inside the caller's reach say so; outside it, only that it is elsewhere.
    const visible = reachPrefixes(actor, RESIDENT_READERS).some((p) =>
      outcome.homeRegionCode.startsWith(p),
    );
    throw new AppError(visible ? 'RESIDENT_EXISTS' : 'RESIDENT_REGISTERED_ELSEWHERE');
  }
  if (outcome.status !== 'ok') throw new AppError(outcome.status);
  // As the app: the answer is built from the row just written.
  return view(outcome.row);
}

async function lookup(body: unknown, actor: Actor, now: Date) {
  const parsed = validIdNumber(lookupInput(body).idNumber, now);
  const row = await store.residentByIdHash(pii.lookupHash(parsed.value));
  const prefixes = reachPrefixes(actor, RESIDENT_READERS);
  if (!row || !prefixes.some((p) => row.home_region_code.startsWith(p)))
    throw new AppError('RESIDENT_NOT_FOUND');
  return view(row);
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Unlike 'data'/'end' listeners, the iterator also ends when the client has already gone.
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > config.bodyLimitBytes) throw new AppError('BODY_TOO_LARGE');
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('MALFORMED_JSON', { detail: 'request aborted' });
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('MALFORMED_JSON');
  }
}

const ROUTES = {
  '/api/v1/residents': { roles: RESIDENT_REGISTRARS, status: 201 },
  '/api/v1/residents/lookup': { roles: RESIDENT_READERS, status: 200 },
  '/api/v1/cases': { roles: ['clerk', 'agent', 'town_officer'], status: 201 },
} as const;

function isRoute(url: string): url is keyof typeof ROUTES {
  return Object.hasOwn(ROUTES, url);
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
  const requestId = crypto.randomUUID();
  const locale = pickLocale(request.headers['accept-language']);
  response.setHeader('x-request-id', requestId);
  const send = (status: number, body: unknown, type = 'application/json') => {
    const payload = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      'content-length': Buffer.byteLength(payload),
    });
    response.end(payload);
  };
  try {
    const url = request.url ?? '';
    if (request.method !== 'POST' || !isRoute(url)) throw new AppError('ROUTE_NOT_FOUND');
    const route = ROUTES[url];
    const now = new Date();
    const bearer = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
    const actor = bearer ? await actorFor(store, bearer[1]!, now) : null;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (!hasAnyRole(actor, route.roles)) throw new AppError('FORBIDDEN');
    const body = await readJson(request);
    const result =
      url === '/api/v1/residents'
        ? await register(body, actor, requestId, now)
        : url === '/api/v1/cases'
          ? await fileCaseOnFloor(store, fileCaseInput(body), actor, requestId, now)
          : await lookup(body, actor, now);
    send(route.status, result);
  } catch (error) {
    const appError = error instanceof AppError ? error : new AppError('INTERNAL');
    if (!(error instanceof AppError)) console.error(error);
    send(appError.status, problemBody(appError, locale, requestId), 'application/problem+json');
  }
}

/** Handlers still running, so shutdown lets them finish before the pool closes. */
const inFlight = new Set<Promise<void>>();
const server = http.createServer((request, response) => {
  const work: Promise<void> = handle(request, response).finally(() => inFlight.delete(work));
  inFlight.add(work);
});
server.keepAliveTimeout = 72_000; // as Fastify's default
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');

serveUntilStopped(address.port, async () => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await Promise.all(inFlight);
  await closed;
  await store.close();
});
