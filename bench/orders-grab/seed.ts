/**
 * One seeded database per dialect (demo data, one category, `teams` leaders with Bearer tokens each
 * leading one team, open orders), copied for the app and the floor: a copied SQLite file, or
 * CREATE DATABASE … TEMPLATE on PostgreSQL. Each copy registers its own clean-up.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createSession } from '../../src/modules/auth/session.service.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import type { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import type { GrabArgs } from './args.ts';

const TOWN = '110115110000'; // 魏善庄镇
const VILLAGES = ['110115110222', '110115110207']; // 三顺庄村, 伊庄村

export interface World {
  tokens: string[];
  warmup: string[];
  measured: string[];
}

/** Demo data, one category, `teams` leaders (Bearer tokens) each leading one team, open orders. */
async function seed(
  config: DatabaseConfig,
  pii: ReturnType<typeof createPiiCipher>,
  args: GrabArgs,
): Promise<World> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const k = db.kysely;
    const now = new Date();
    const iso = now.toISOString();
    await seedDemo({ db: k, pii, now, residents: 0 });
    const cat = 'bench_grab';
    await k
      .insertInto('vs_categories')
      .values({
        code: cat,
        name_zh: '抢单测试',
        name_en: 'Grab bench',
        colour: null,
        sort_order: 0,
        active: 1,
        is_demo: 0,
        created_at: iso,
      })
      .execute();
    const hash = (
      await k
        .selectFrom('accounts')
        .select('password_hash')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).password_hash;
    const resident = await k
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const tokens: string[] = [];
    for (let i = 0; i < args.teams; i++) {
      const accountId = crypto.randomUUID();
      await k
        .insertInto('accounts')
        .values({
          id: accountId,
          username: `bench-leader-${i}`,
          display_name: `抢单队长 ${i}`,
          password_hash: hash,
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
          account_id: accountId,
          role: 'team_leader',
          region_code: TOWN,
          station_id: null,
          created_at: iso,
        })
        .execute();
      await k
        .insertInto('vs_teams')
        .values({
          id: crypto.randomUUID(),
          parent_id: null,
          kind: 'team',
          name: `抢单队 ${i}`,
          region_code: VILLAGES[i % 2]!,
          category_code: cat,
          colour: null,
          leader_account_id: accountId,
          organisation_name: '抢单测试组织',
          person_in_charge: '负责人',
          contact_phone: '010-69280000',
          description: '',
          active: 1,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
      tokens.push(
        (await createSession(k, { accountId, kind: 'bearer', label: 'bench', now })).token,
      );
    }
    const vstaff = await k
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'vstaff')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    const total = args.orders + args.warmupOrders;
    for (let i = 0; i < total; i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      await k
        .insertInto('vs_orders')
        .values({
          id,
          order_number: `PD-BENCH-${i}`,
          title: `抢单测试 ${i}`,
          description: '抢单测试',
          category_code: cat,
          region_code: VILLAGES[i % 2]!,
          place: '村委会',
          wanted_from: null,
          wanted_to: null,
          state: 'open',
          version: 2,
          directed_team_id: null,
          team_id: null,
          grab_region_code: TOWN,
          escalation_level: 0,
          window_ends_at: new Date(now.getTime() + 86_400_000).toISOString(),
          dispatched_at: iso,
          accepted_at: null,
          completed_at: null,
          cancelled_at: null,
          cancel_reason: null,
          created_by: vstaff.id,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
      await k
        .insertInto('vs_needs')
        .values({
          id: crypto.randomUUID(),
          need_number: `XQ-BENCH-${i}`,
          region_code: VILLAGES[i % 2]!,
          category_code: cat,
          project_id: null,
          description: '抢单测试',
          place: '村委会',
          wanted_from: null,
          wanted_to: null,
          contact_name: '李长福',
          contact_phone_cipher: pii.encrypt('13912345678'),
          contact_phone_masked: '139****5678',
          requester_account_id: resident.id,
          resident_id: null,
          channel: 'self',
          recorded_by: null,
          status: 'accepted',
          reject_reason: null,
          order_id: id,
          reviewed_by: vstaff.id,
          reviewed_at: iso,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
    }
    return {
      tokens,
      warmup: ids.slice(0, args.warmupOrders),
      measured: ids.slice(args.warmupOrders),
    };
  } finally {
    await db.close();
  }
}

export async function prepare(
  dialect: 'sqlite' | 'postgres',
  pii: ReturnType<typeof createPiiCipher>,
  args: GrabArgs,
  cleanups: (() => Promise<void>)[],
) {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-grab-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const template = path.join(dir, 'template.sqlite');
    const world = await seed({ dialect: 'sqlite', file: template }, pii, args);
    for (const n of ['app', 'floor']) fs.copyFileSync(template, path.join(dir, `${n}.sqlite`));
    return {
      world,
      app: `sqlite:${path.join(dir, 'app.sqlite')}`,
      floor: `sqlite:${path.join(dir, 'floor.sqlite')}`,
      dir,
    };
  }
  const prefix = `doorstep_bench_grab_${crypto.randomBytes(4).toString('hex')}`;
  const names = { seed: `${prefix}_seed`, app: `${prefix}_app`, floor: `${prefix}_floor` };
  const admin = async (sql: string[]) => {
    const c = new pg.Client({ connectionString: `${args.pgUrl}/postgres` });
    await c.connect();
    try {
      for (const s of sql) await c.query(s);
    } finally {
      await c.end();
    }
  };
  cleanups.push(() =>
    admin(Object.values(names).map((n) => `drop database if exists "${n}" with (force)`)),
  );
  await admin([`create database "${names.seed}"`]);
  const world = await seed(
    { dialect: 'postgres', url: `${args.pgUrl}/${names.seed}`, poolSize: 10 },
    pii,
    args,
  );
  await admin([
    `create database "${names.app}" template "${names.seed}"`,
    `create database "${names.floor}" template "${names.seed}"`,
  ]);
  return {
    world,
    app: `${args.pgUrl}/${names.app}`,
    floor: `${args.pgUrl}/${names.floor}`,
    dir: os.tmpdir(),
  };
}
