/**
 * One seeded database per dialect, copied byte for byte for the app and the floor (a copied
 * SQLite file, or CREATE DATABASE … TEMPLATE on PostgreSQL). The services to rate are made by the
 * real app, in-process on the template database, through its HTTP routes (app.inject), so counters,
 * case actions and the audit chain are what a day leaves behind: per station of 魏善庄镇 a clerk, a
 * resident, L cases filed, routed, decided by the town centre, delivered at the window, each with a
 * QR rating link; the window's rating device registered and paired; and last, one case delivered
 * at the window for the device to wake with.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { SEED_CALLER } from '../../src/modules/auth/actor.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { PILOT_TOWN, seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { registerResident } from '../../src/modules/residents/residents.service.ts';
import { buildApp } from '../../src/server/app.ts';
import { IdSource, residentBody } from '../lib/ids.ts';
import type { Args } from './args.ts';

export interface StationWorld {
  id: string;
  deviceToken: string;
  /** The case delivered last at the window: what the device wakes with. */
  deviceCaseId: string;
  linkTokens: string[];
}
export interface World {
  stations: StationWorld[];
}

type Kysely = ReturnType<typeof openDatabase>['kysely'];

async function bearer(k: Kysely, accountId: string): Promise<string> {
  const token = crypto.randomBytes(24).toString('base64url');
  const now = new Date();
  await k
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      account_id: accountId,
      kind: 'bearer',
      label: 'bench',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 24 * 3600_000).toISOString(),
      last_seen_at: now.toISOString(),
      revoked_at: null,
    })
    .execute();
  return token;
}

function caller(app: FastifyInstance) {
  return async <T>(token: string | null, url: string, body: unknown): Promise<T> => {
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      payload: JSON.stringify(body),
    });
    if (r.statusCode >= 300) throw new Error(`seed ${url}: ${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
}

async function seed(databaseUrl: string, key: string, dir: string, args: Args): Promise<World> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    DOORSTEP_DATA_KEY: key,
    DOORSTEP_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
  });
  const db = openDatabase(config.database);
  const k = db.kysely;
  const pii = createPiiCipher(parseMasterKey(key));
  installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(key) }));
  await migrateToLatest(db);
  const now = new Date();
  const iso = now.toISOString();
  await seedDemo({ db: k, pii, now, residents: 0 });
  const app = await buildApp({ config, db, pii, now: () => new Date() });
  try {
    const post = caller(app);
    const template = await k
      .selectFrom('accounts')
      .select(['id', 'password_hash'])
      .where('username', '=', 'town')
      .executeTakeFirstOrThrow();
    const town = await bearer(k, template.id);
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
    const world: World = { stations: [] };
    const finished: (() => Promise<string>)[] = [];
    for (const [s, station] of stations.entries()) {
      const account = crypto.randomUUID();
      await k
        .insertInto('accounts')
        .values({
          id: account,
          username: `burst-clerk-${s}`,
          display_name: `评价压测专管员${s}`,
          password_hash: template.password_hash,
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
      const clerk = await bearer(k, account);
      const resident = await registerResident(
        { db: k, pii },
        {
          resident: { ...residentBody(ids), homeRegionCode: station.region_code },
          actor: SEED_CALLER,
          requestId: null,
          now,
        },
      );
      const { pairCode } = await post<{ pairCode: string }>(clerk, '/ratings/devices', {
        name: '1号窗口',
      });
      const { token: deviceToken } = await post<{ token: string }>(null, '/ratings/device/pair', {
        code: pairCode,
      });
      const delivered = async () => {
        type K = { id: string; version: number };
        const move = (who: string, c: K, body: Record<string, unknown>) =>
          post<K>(who, `/cases/${c.id}/transitions`, { expectedVersion: c.version, ...body });
        let c = await post<K>(clerk, '/cases', {
          residentId: resident.id,
          itemCode: 'DX-SB-001',
          presented: ['id_card', 'photo_1inch'],
        });
        c = await move(clerk, c, { action: 'route' });
        c = await move(town, c, { action: 'decide', result: 'approved', resultText: '准予' });
        c = await move(clerk, c, { action: 'deliver' });
        return c.id;
      };
      const linkTokens: string[] = [];
      for (let i = 0; i < args.links; i++) {
        const caseId = await delivered();
        const { url } = await post<{ url: string }>(clerk, '/ratings/links', {
          subjectType: 'case',
          subjectId: caseId,
          channel: 'qr',
        });
        linkTokens.push(new URL(url).searchParams.get('t')!);
      }
      world.stations.push({ id: station.id, deviceToken, deviceCaseId: '', linkTokens });
      finished.push(delivered);
    }
    // Last, station by station: the case each window just finished (the device wakes with it):
    // delivered after every link case, so it is each station's latest.
    for (const [i, st] of world.stations.entries()) st.deviceCaseId = await finished[i]!();
    return world;
  } finally {
    await app.close();
    await db.close();
  }
}

export async function prepare(
  dialect: 'sqlite' | 'postgres',
  key: string,
  args: Args,
): Promise<{
  world: World;
  urls: Record<'app' | 'floor', string>;
  dir: string;
  drop: () => Promise<void>;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-rating-burst-'));
  if (dialect === 'sqlite') {
    const template = path.join(dir, 'template.sqlite');
    const world = await seed(`sqlite:${template}`, key, dir, args);
    const urls = {} as Record<'app' | 'floor', string>;
    for (const name of ['app', 'floor'] as const) {
      fs.copyFileSync(template, path.join(dir, `${name}.sqlite`));
      urls[name] = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    }
    return { world, urls, dir, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const prefix = `doorstep_rburst_${crypto.randomBytes(4).toString('hex')}`;
  const names = { seed: `${prefix}_seed`, app: `${prefix}_app`, floor: `${prefix}_floor` };
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
    const world = await seed(dbUrl(names.seed), key, dir, args);
    for (const n of ['app', 'floor'] as const)
      await admin(`create database "${names[n]}" template "${names.seed}"`);
    return { world, urls: { app: dbUrl(names.app), floor: dbUrl(names.floor) }, dir, drop };
  } catch (e) {
    await drop();
    throw e;
  }
}
