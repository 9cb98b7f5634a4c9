/**
 * GS-13: the window rating device (评价器). A clerk registers a tablet for their station and reads
 * a 6-digit pairing code off the staff page; the tablet trades the code for a device token (stored
 * hashed) — a narrow capability, not a staff session: it can only see the case its window just
 * finished and rate it. After a rating (or a skip) it returns to idle.
 *
 * Issue #14: a device is bound to a window (1号窗口…) when registered with one: it wakes only with a
 * case delivered by the clerk sitting at that window at the moment of delivery (window_seats), never
 * with another window's. A device registered without a window is bound to the station, as before.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { auditActor, authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DEVICE_WINDOW_MINUTES, PAIR_CODE_MINUTES } from './ratings.rules.ts';
import { RATING_HANDLERS } from './ratings.access.ts';
import { rateableSubject } from './rating-subjects.ts';
import { newDeviceToken, newPairCode, tokenHash } from './rating-tokens.ts';
import { submitRating, type RatingInput } from './submit-rating.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export async function createDevice(
  db: Kysely<Database>,
  input: { name: string; windowId?: string | null; actor: Actor; now: Date; requestId?: string },
) {
  const grant = input.actor.grants.find(
    (g) => g.stationId && (RATING_HANDLERS as readonly string[]).includes(g.role),
  );
  if (!grant?.stationId) throw new AppError('RATING_DEVICE_NO_STATION');
  const station = await db
    .selectFrom('stations')
    .select(['id', 'region_code', 'name'])
    .where('id', '=', grant.stationId)
    .executeTakeFirstOrThrow();
  const window = input.windowId
    ? await db
        .selectFrom('station_windows')
        .select(['id', 'name'])
        .where('id', '=', input.windowId)
        .where('station_id', '=', station.id)
        .where('archived_at', 'is', null)
        .executeTakeFirst()
    : null;
  if (input.windowId && !window) throw new AppError('RATING_DEVICE_WINDOW');
  const id = crypto.randomUUID();
  const pairCode = newPairCode();
  const pairExpiresAt = new Date(input.now.getTime() + PAIR_CODE_MINUTES * 60_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rating_devices')
      .values({
        id,
        station_id: station.id,
        region_code: station.region_code,
        name: input.name,
        pair_code_hash: tokenHash(pairCode),
        pair_expires_at: pairExpiresAt,
        token_hash: null,
        paired_at: null,
        idle_since: null,
        last_seen_at: null,
        revoked_at: null,
        created_by: input.actor.accountId,
        created_at: input.now.toISOString(),
        window_id: window?.id ?? null,
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'rating_device.created',
      entityType: 'rating_device',
      entityId: id,
      regionCode: station.region_code,
      after: { name: input.name, station: station.id, window: window?.id ?? null },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return {
    id,
    pairCode,
    pairExpiresAt,
    stationName: station.name,
    windowName: window?.name ?? null,
  };
}

/** The tablet trades a live pairing code for its device token (answered once, never stored). */
export async function pairDevice(
  db: Kysely<Database>,
  input: { code: string; now: Date; requestId?: string },
) {
  const nowIso = input.now.toISOString();
  const device = await db
    .selectFrom('rating_devices as d')
    .innerJoin('stations as s', 's.id', 'd.station_id')
    .select(['d.id', 'd.region_code', 's.name as station_name'])
    .where('d.pair_code_hash', '=', tokenHash(input.code))
    .where('d.pair_expires_at', '>', nowIso)
    .where('d.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!device) throw new AppError('RATING_PAIR_CODE_WRONG');
  const token = newDeviceToken();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('rating_devices')
      .set({
        token_hash: tokenHash(token),
        pair_code_hash: null,
        pair_expires_at: null,
        paired_at: nowIso,
        idle_since: nowIso,
      })
      .where('id', '=', device.id)
      .where('pair_code_hash', '=', tokenHash(input.code))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('RATING_PAIR_CODE_WRONG');
    await recordAudit(trx, {
      actor: { accountId: null, role: null, stationId: null },
      action: 'rating_device.paired',
      entityType: 'rating_device',
      entityId: device.id,
      regionCode: device.region_code,
      requestId: input.requestId,
      now: input.now,
    });
  });
  return { deviceId: device.id, token, stationName: device.station_name };
}

async function deviceOf(db: Kysely<Database>, token: string | undefined) {
  if (!token) throw new AppError('RATING_DEVICE_INVALID');
  const d = await db
    .selectFrom('rating_devices')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!d) throw new AppError('RATING_DEVICE_INVALID');
  return d;
}

/**
 * The case this window finished last, within DEVICE_WINDOW_MINUTES, since idle, and not yet rated.
 * Bound to a window: only a case delivered by the clerk who sat at that window at that moment.
 */
async function waitingCase(
  db: Kysely<Database>,
  device: { station_id: string; window_id: string | null; idle_since: string | null },
  now: Date,
) {
  const since = new Date(now.getTime() - DEVICE_WINDOW_MINUTES * 60_000).toISOString();
  const from = device.idle_since && device.idle_since > since ? device.idle_since : since;
  return db
    .selectFrom('case_actions as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('catalog_items as i', 'i.code', 'c.item_code')
    .leftJoin('accounts as st', 'st.id', 'a.actor_id')
    .select(['c.id', 'c.number', 'i.name_zh', 'i.name_en', 'st.display_name as staff_name', 'a.at'])
    .where('a.action', '=', 'deliver')
    .where('a.station_id', '=', device.station_id)
    .where('a.at', '>=', from)
    .where('a.at', '<=', now.toISOString())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ratings as r')
            .select('r.id')
            .whereRef('r.subject_id', '=', 'c.id')
            .where('r.subject_type', '=', 'case'),
        ),
      ),
    )
    .$if(device.window_id !== null, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('window_seats as s')
            .select('s.id')
            .where('s.window_id', '=', device.window_id!)
            .whereRef('s.account_id', '=', 'a.actor_id')
            .whereRef('s.sat_at', '<=', 'a.at')
            .where((w) => w.or([w('s.left_at', 'is', null), w('s.left_at', '>=', w.ref('a.at'))])),
        ),
      ),
    )
    .orderBy('a.at', 'desc')
    .executeTakeFirst();
}

/** What the kiosk shows now: idle, or the case just finished at its window. */
export async function deviceCurrent(
  db: Kysely<Database>,
  input: { token: string | undefined; now: Date },
) {
  const device = await deviceOf(db, input.token);
  await db
    .updateTable('rating_devices')
    .set({ last_seen_at: input.now.toISOString() })
    .where('id', '=', device.id)
    .execute();
  const c = await waitingCase(db, device, input.now);
  const station = await db
    .selectFrom('stations')
    .select('name')
    .where('id', '=', device.station_id)
    .executeTakeFirstOrThrow();
  const window = device.window_id
    ? await db
        .selectFrom('station_windows')
        .select('name')
        .where('id', '=', device.window_id)
        .executeTakeFirst()
    : undefined;
  return {
    deviceName: device.name,
    stationName: station.name,
    windowName: window?.name ?? null,
    case: c
      ? {
          id: c.id,
          number: c.number,
          itemName: c.name_zh ? { zh: c.name_zh, en: c.name_en ?? c.name_zh } : null,
          staffName: c.staff_name,
        }
      : null,
  };
}

export async function rateAtDevice(
  db: Kysely<Database>,
  input: {
    token: string | undefined;
    caseId: string;
    rating: RatingInput;
    now: Date;
    requestId?: string;
  },
) {
  const device = await deviceOf(db, input.token);
  const c = await waitingCase(db, device, input.now);
  if (!c || c.id !== input.caseId) throw new AppError('RATING_DEVICE_NO_CASE');
  const subject = await rateableSubject(db, 'case', c.id);
  return db.transaction().execute(async (trx) => {
    const r = await submitRating(trx, {
      subject,
      rating: { ...input.rating, followUp: false },
      channel: 'device',
      rater: { residentId: subject.applicantResidentId, accountId: null },
      auditAccountId: null,
      now: input.now,
      requestId: input.requestId,
    });
    await trx
      .updateTable('rating_devices')
      .set({ idle_since: input.now.toISOString() })
      .where('id', '=', device.id)
      .execute();
    return r;
  });
}

/** The resident walked away: the device goes back to idle (what was waiting is not offered again). */
export async function skipAtDevice(
  db: Kysely<Database>,
  input: { token: string | undefined; now: Date },
) {
  const device = await deviceOf(db, input.token);
  await db
    .updateTable('rating_devices')
    .set({ idle_since: input.now.toISOString() })
    .where('id', '=', device.id)
    .execute();
}

export async function listDevices(db: Kysely<Database>, input: { actor: Actor }) {
  const prefixes = reachPrefixes(input.actor, RATING_HANDLERS);
  if (prefixes.length === 0) return [];
  const rows = await db
    .selectFrom('rating_devices as d')
    .innerJoin('stations as s', 's.id', 'd.station_id')
    .leftJoin('station_windows as w', 'w.id', 'd.window_id')
    .select([
      'd.id',
      'd.name',
      's.name as station_name',
      'w.name as window_name',
      'd.paired_at',
      'd.last_seen_at',
      'd.revoked_at',
      'd.pair_expires_at',
    ])
    .where(underAnyPrefix('d.region_code', prefixes))
    .orderBy('d.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    stationName: r.station_name,
    windowName: r.window_name,
    pairedAt: r.paired_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    pairExpiresAt: r.pair_expires_at,
    availableActions: r.revoked_at ? [] : ['revoke' as const],
  }));
}

export async function revokeDevice(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date; requestId?: string },
) {
  const d = await db
    .selectFrom('rating_devices')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!d) throw new AppError('RATING_DEVICE_NOT_FOUND');
  const grant = authorize(input.actor, RATING_HANDLERS, d.region_code);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('rating_devices')
      .set({ revoked_at: input.now.toISOString(), token_hash: null, pair_code_hash: null })
      .where('id', '=', d.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return;
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'rating_device.revoked',
      entityType: 'rating_device',
      entityId: d.id,
      regionCode: d.region_code,
      requestId: input.requestId,
      now: input.now,
    });
  });
}
