import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hotQuery } from '../../db/hot-query.ts';
import { reachOf, type Actor, type Grant } from '../../shared/actor.ts';
import { isRole } from '../../shared/roles.ts';
import type { WrittenStatement } from '../../db/committed-inserts.ts';
import { ACTOR_TABLES, type ActorCache } from './actor-cache.ts';

export const COOKIE_SESSION_HOURS = 12;
export const BEARER_SESSION_DAYS = 90;
/** last_seen_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  opts: {
    accountId: string;
    kind: 'cookie' | 'bearer';
    label?: string;
    now: Date;
    /** Issue #11: a sliding session (SMS login): lives this long after its last use. */
    slidingHours?: number;
  },
): Promise<{ token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const ttl = opts.slidingHours
    ? opts.slidingHours * 3600_000
    : opts.kind === 'cookie'
      ? COOKIE_SESSION_HOURS * 3600_000
      : BEARER_SESSION_DAYS * 86400_000;
  const expiresAt = new Date(opts.now.getTime() + ttl).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      account_id: opts.accountId,
      kind: opts.kind,
      label: opts.label ?? null,
      created_at: opts.now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: opts.now.toISOString(),
      revoked_at: null,
      sliding_hours: opts.slidingHours ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function revokeSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** Loads the grants of an account with the region level and station kind each needs. */
/** Every request loads its caller (#13: compiled once, src/db/hot-query.ts). */
const grantsQuery = hotQuery((db: Kysely<Database>, p: { accountId: string }) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('regions as r', 'r.code', 'g.region_code')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select([
      'g.role',
      'g.region_code',
      'r.level',
      'r.name as region_name',
      'g.station_id',
      's.kind as station_kind',
      's.name as station_name',
    ])
    .where('g.account_id', '=', p.accountId)
    .orderBy('g.created_at')
    .orderBy('g.id'),
);

/**
 * Issue #16 point 5: the caller of a request in ONE round trip — the session, its account and the
 * account's grants (one row per grant; one row with empty grant columns when it has none).
 */
const actorQuery = hotQuery((db: Kysely<Database>, p: { id: string; kind: 'cookie' | 'bearer' }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('role_grants as g', 'g.account_id', 'a.id')
    .leftJoin('regions as r', 'r.code', 'g.region_code')
    .leftJoin('stations as st', 'st.id', 'g.station_id')
    .select([
      's.expires_at',
      's.revoked_at',
      's.last_seen_at',
      's.sliding_hours',
      'a.id',
      'a.username',
      'a.display_name',
      'a.status',
      'a.resident_id',
      'a.must_change_password',
      'g.role',
      'g.region_code',
      'r.level',
      'r.name as region_name',
      'g.station_id',
      'st.kind as station_kind',
      'st.name as station_name',
    ])
    .where('s.id', '=', p.id)
    .where('s.kind', '=', p.kind)
    .orderBy('g.created_at')
    .orderBy('g.id'),
);

/** A session's last use, and a sliding session's new expiry: the only writes a request makes here. */
const touchQuery = hotQuery((db: Kysely<Database>, p: { id: string; at: string }) =>
  db.updateTable('sessions').set({ last_seen_at: p.at }).where('id', '=', p.id),
);
const touchSlidingQuery = hotQuery(
  (db: Kysely<Database>, p: { id: string; at: string; expiresAt: string }) =>
    db
      .updateTable('sessions')
      .set({ last_seen_at: p.at, expires_at: p.expiresAt })
      .where('id', '=', p.id),
);

/**
 * Whether a committed statement can change an actor that `actorForToken` resolved: every write
 * into the tables it reads does, except a new session (no token resolved to it yet) and the touch
 * above (it only records the use and moves a sliding expiry later; a kept expiry is the earlier).
 */
export function changesActors(db: Kysely<Database>, statement: WrittenStatement): boolean {
  const watched = statement.tables.filter((t) => (ACTOR_TABLES as readonly string[]).includes(t));
  if (watched.length !== 1 || watched[0] !== 'sessions') return watched.length > 0;
  if (statement.sql === touchQuery.sqlFor(db) || statement.sql === touchSlidingQuery.sqlFor(db))
    return false;
  return !/^\s*insert\s+into\s+"sessions"\s*\([^)]*\)\s*values\s*\([^)]*\)\s*$/i.test(
    statement.sql,
  );
}

/** The actor query's SQL on `db`'s dialect: a test checks ACTOR_TABLES names every table it reads. */
export function actorStatementSql(db: Kysely<Database>): string {
  return actorQuery.sqlFor(db);
}

export async function loadGrants(db: Kysely<Database>, accountId: string): Promise<Grant[]> {
  const rows = await grantsQuery.rows(db, { accountId });
  return rows.flatMap((r) =>
    isRole(r.role)
      ? [
          {
            role: r.role,
            regionCode: r.region_code,
            regionLevel: r.level,
            regionName: r.region_name,
            stationId: r.station_id,
            stationName: r.station_name,
            stationKind: r.station_kind,
            reachPrefix: reachOf(r.region_code, r.level, r.station_kind),
          },
        ]
      : [],
  );
}

/** Resolves a token to its actor; null when unknown, expired, revoked or the account is disabled. */
export async function actorForToken(
  db: Kysely<Database>,
  token: string,
  kind: 'cookie' | 'bearer',
  now: Date,
  cache?: ActorCache,
): Promise<Actor | null> {
  const id = hashToken(token);
  const key = `${kind}:${id}`;
  const cached = cache?.find(key, now);
  if (cached) return cached;
  const generation = cache?.generation() ?? 0;
  const rows = await actorQuery.rows(db, { id, kind });
  const row = rows[0];
  if (!row || row.revoked_at || row.status !== 'active' || row.expires_at <= now.toISOString()) {
    return null;
  }
  let expiresAt = row.expires_at;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    const at = now.toISOString();
    if (row.sliding_hours) {
      expiresAt = new Date(now.getTime() + row.sliding_hours * 3600_000).toISOString();
      await touchSlidingQuery.rows(db, { id, at, expiresAt });
    } else await touchQuery.rows(db, { id, at });
  }
  const actor = actorOf(rows);
  cache?.keep(key, generation, actor, expiresAt);
  return actor;
}

type ActorRow = Awaited<ReturnType<typeof actorQuery.rows>>[number];

function actorOf(rows: ActorRow[]): Actor {
  const row = rows[0]!;
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    residentId: row.resident_id,
    grants: rows.flatMap((r) =>
      r.role !== null && r.region_code !== null && r.level !== null && isRole(r.role)
        ? [
            {
              role: r.role,
              regionCode: r.region_code,
              regionLevel: r.level,
              regionName: r.region_name ?? '',
              stationId: r.station_id,
              stationName: r.station_name,
              stationKind: r.station_kind,
              reachPrefix: reachOf(r.region_code, r.level, r.station_kind),
            },
          ]
        : [],
    ),
    ...(row.must_change_password === 1 ? { mustChangePassword: true } : {}),
  };
}
