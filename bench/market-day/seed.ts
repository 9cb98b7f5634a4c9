/**
 * One seeded database per dialect, copied byte for byte for each measured target (a copied SQLite
 * file, or CREATE DATABASE … TEMPLATE on PostgreSQL): the demo data; N village stations of 魏善庄镇
 * with a slot template (30-minute slots, 2 places, every weekday); K clerks per station with Bearer
 * tokens; per station the day's residents: walk-ins, residents booked for today (their bookings
 * written as the module writes them), and phone callers for the next bookable day.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { saveTemplate } from '../../src/modules/appointments/template.service.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { hashToken, loadGrants } from '../../src/modules/auth/session.service.ts';
import { SEED_CALLER } from '../../src/modules/auth/actor.ts';
import { PILOT_TOWN, seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { registerResident } from '../../src/modules/residents/residents.service.ts';
import { chinaDate } from '../../src/shared/china-time.ts';
import { IdSource, residentBody } from '../lib/ids.ts';
import { SLOT_CAPACITY, type Args } from './args.ts';

export interface StationWorld {
  id: string;
  regionCode: string;
  clerkTokens: string[];
  /** Today's bookings (checked in during the day). */
  bookingIds: string[];
  walkIns: string[];
  callers: string[];
}
export interface World {
  stations: StationWorld[];
}

const DAY = [{ start: '08:00', end: '18:00' }];

async function seed(config: DatabaseConfig, key: string, args: Args): Promise<World> {
  const db = openDatabase(config);
  const k = db.kysely;
  try {
    await migrateToLatest(db);
    const pii = createPiiCipher(parseMasterKey(key));
    installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(key) }));
    const now = new Date();
    const iso = now.toISOString();
    const today = chinaDate(now);
    await seedDemo({ db: k, pii, now, residents: 0 });
    const admin = await k
      .selectFrom('accounts')
      .select(['id', 'username', 'display_name', 'password_hash'])
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const adminActor = {
      accountId: admin.id,
      username: admin.username,
      displayName: admin.display_name,
      residentId: null,
      grants: await loadGrants(k, admin.id),
    };
    const stations = await k
      .selectFrom('stations')
      .select(['id', 'region_code'])
      .where('kind', '=', 'village_station')
      .where('region_code', 'like', `${PILOT_TOWN.slice(0, 9)}%`)
      .orderBy('region_code')
      .limit(args.stations)
      .execute();
    if (stations.length < args.stations)
      throw new Error(`only ${stations.length} village stations in 魏善庄镇`);
    const ids = new IdSource();
    const expires = new Date(now.getTime() + 24 * 3600_000).toISOString();
    const world: World = { stations: [] };
    for (const [s, station] of stations.entries()) {
      await saveTemplate(k, {
        stationId: station.id,
        body: {
          slotMinutes: 30,
          capacity: SLOT_CAPACITY,
          weekly: { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY, '6': DAY, '7': DAY },
          exceptions: [],
          itemMinutes: {},
          leadWorkingDays: 1,
          horizonWorkingDays: 5,
          cancelCutoffHours: 2,
          noShowGraceMinutes: 15,
          noShowLimit: 2,
          noShowWindowDays: 90,
        },
        actor: adminActor,
        requestId: 'bench-market-day',
        now,
      });
      const residents: string[] = [];
      for (let i = 0; i < args.walkIns + args.booked + args.callers; i++) {
        const body = { ...residentBody(ids), homeRegionCode: station.region_code };
        const r = await registerResident(
          { db: k, pii },
          { resident: body, actor: SEED_CALLER, requestId: null, now },
        );
        residents.push(r.id);
      }
      const clerkTokens: string[] = [];
      for (let c = 0; c < args.clerks; c++) {
        const account = crypto.randomUUID();
        const token = crypto.randomBytes(24).toString('base64url');
        await k
          .insertInto('accounts')
          .values({
            id: account,
            username: `market-${s}-${c}`,
            display_name: `集日窗口${s}-${c}`,
            password_hash: admin.password_hash,
            status: 'active',
            resident_id: null,
            preferences: '{}',
            is_demo: 0,
            password_changed_at: iso,
            created_at: iso,
            updated_at: iso,
          })
          .execute();
        await k
          .insertInto('role_grants')
          .values({
            id: crypto.randomUUID(),
            account_id: account,
            role: 'clerk',
            region_code: station.region_code,
            station_id: station.id,
            created_at: iso,
          })
          .execute();
        await k
          .insertInto('sessions')
          .values({
            id: hashToken(token),
            account_id: account,
            kind: 'bearer',
            label: 'bench',
            created_at: iso,
            expires_at: expires,
            last_seen_at: iso,
            revoked_at: null,
          })
          .execute();
        clerkTokens.push(token);
      }
      // Today's bookings, one slot of one place each, as bookSlot writes them (made earlier in the
      // week by phone; the lead time keeps today's slots from being booked today).
      const booked = residents.slice(args.walkIns, args.walkIns + args.booked);
      const bookingIds: string[] = [];
      for (const [i, residentId] of booked.entries()) {
        const startsAt = new Date(now.getTime() + (i + 1) * 60_000).toISOString();
        const slotId = crypto.randomUUID();
        const id = crypto.randomUUID();
        await k
          .insertInto('appt_slots')
          .values({
            id: slotId,
            station_id: station.id,
            region_code: station.region_code,
            date: today,
            starts_at: startsAt,
            ends_at: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
            capacity: 1,
            booked_count: 1,
          })
          .execute();
        await k
          .insertInto('appt_bookings')
          .values({
            id,
            slot_id: slotId,
            station_id: station.id,
            region_code: station.region_code,
            resident_id: residentId,
            date: today,
            starts_at: startsAt,
            ends_at: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
            item_code: 'DX-SB-001',
            channel: 'phone',
            booked_by: admin.id,
            status: 'booked',
            reminded_at: null,
            created_at: iso,
            updated_at: iso,
          })
          .execute();
        bookingIds.push(id);
      }
      world.stations.push({
        id: station.id,
        regionCode: station.region_code,
        clerkTokens,
        bookingIds,
        walkIns: residents.slice(0, args.walkIns),
        callers: residents.slice(args.walkIns + args.booked),
      });
    }
    return world;
  } finally {
    await db.close();
  }
}

export const TARGETS = ['coreApp', 'coreFloor', 'day'] as const;
export type Target = (typeof TARGETS)[number];

export async function prepare(
  dialect: 'sqlite' | 'postgres',
  key: string,
  args: Args,
): Promise<{ world: World; urls: Record<Target, string>; dir: string; drop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-market-'));
  if (dialect === 'sqlite') {
    const template = path.join(dir, 'template.sqlite');
    const world = await seed({ dialect: 'sqlite', file: template }, key, args);
    const urls = {} as Record<Target, string>;
    for (const name of TARGETS) {
      fs.copyFileSync(template, path.join(dir, `${name}.sqlite`));
      urls[name] = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    }
    return { world, urls, dir, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const prefix = `doorstep_market_${crypto.randomBytes(4).toString('hex')}`;
  const names = {
    seed: `${prefix}_seed`,
    coreApp: `${prefix}_core_app`,
    coreFloor: `${prefix}_core_floor`,
    day: `${prefix}_day`,
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
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await admin(`create database "${names.seed}"`);
    const world = await seed(
      { dialect: 'postgres', url: dbUrl(names.seed), poolSize: 10 },
      key,
      args,
    );
    for (const n of TARGETS) await admin(`create database "${names[n]}" template "${names.seed}"`);
    return {
      world,
      urls: {
        coreApp: dbUrl(names.coreApp),
        coreFloor: dbUrl(names.coreFloor),
        day: dbUrl(names.day),
      },
      dir,
      drop,
    };
  } catch (e) {
    await drop();
    throw e;
  }
}
