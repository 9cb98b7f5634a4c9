/**
 * One seeded database per dialect (demo accounts, a team of the demo leader, the activity, N
 * volunteers with Bearer tokens), copied for the app and each floor: a copied SQLite file, or
 * CREATE DATABASE … TEMPLATE on PostgreSQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { ACTIVITY_ID, WARM_ID, type Args } from './args.ts';
import { seedSpread } from './spread.ts';

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
    if (args.spread > 0)
      await seedSpread(k, main, { spread: args.spread, capacity: args.requests, now });
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
            // A spread burst signs up across the whole city.
            region_code: args.spread > 0 ? '110000000000' : '110115110000',
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

export interface Copies {
  urls: Record<'app' | 'floor' | 'floorNoAudit', string> & {
    /** A spread burst on PostgreSQL: the app's copy with 0064's trigger on activities disabled. */
    appNoRollups?: string;
  };
  drop(): Promise<void>;
}

export async function prepare(dialect: 'sqlite' | 'postgres', key: string, args: Args) {
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
    ...(args.spread > 0 ? { appNoRollups: `${prefix}_app_nr` } : {}),
  };
  const dbUrl = (name: string) => {
    const u = new URL(args.pgUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async (sql: string, database = 'postgres') => {
    const c = new pg.Client({ connectionString: dbUrl(database) });
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
    for (const n of [names.app, names.floor, names.floorNoAudit, names.appNoRollups ?? []].flat())
      await admin(`create database "${n}" template "${names.seed}"`);
    if (names.appNoRollups)
      await admin(
        'ALTER TABLE vs_activities DISABLE TRIGGER rollup_vs_activities_update',
        names.appNoRollups,
      );
    return {
      tokens,
      urls: {
        app: dbUrl(names.app),
        floor: dbUrl(names.floor),
        floorNoAudit: dbUrl(names.floorNoAudit),
        ...(names.appNoRollups ? { appNoRollups: dbUrl(names.appNoRollups) } : {}),
      },
      drop,
    };
  } catch (e) {
    await drop();
    throw e;
  }
}
