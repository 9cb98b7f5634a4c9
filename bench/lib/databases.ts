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
import type { PiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { registerResident } from '../../src/modules/residents/residents.service.ts';
import type { BenchDialect } from './args.ts';
import { residentBody, type IdSource } from './ids.ts';
import { SEED_CALLER } from '../../src/modules/auth/actor.ts';

/** Two databases that start identical: one for the app, one for the floor. */
export interface BenchDatabases {
  appUrl: string;
  floorUrl: string;
  /** A Bearer token of the clerk, stored in the floor's database (the app gets its own over HTTP). */
  floorToken: string;
  /** ID numbers registered before measuring, in both databases. */
  registered: string[];
  /** The same residents' ids (`residents.id`), in the same order: identical in both databases. */
  residentIds: string[];
  drop(): Promise<void>;
}

export interface SeedOptions {
  pii: PiiCipher;
  ids: IdSource;
  preRegistered: number;
  postgresUrl: string;
}

/** Migrates and seeds one database, registers residents and issues the floor's token. */
async function seed(config: DatabaseConfig, opts: SeedOptions) {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const now = new Date();
    await seedDemo({ db: db.kysely, pii: opts.pii, now, residents: 0 });
    const bodies = Array.from({ length: opts.preRegistered }, () => residentBody(opts.ids));
    // PostgreSQL takes several writers at once (the audit head row serialises the chain only).
    const workers = config.dialect === 'postgres' ? 8 : 1;
    const residentIds: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let i = next++; i < bodies.length; i = next++) {
          const created = await registerResident(
            { db: db.kysely, pii: opts.pii },
            { resident: bodies[i]!, actor: SEED_CALLER, requestId: null, now },
          );
          residentIds[i] = created.id;
        }
      }),
    );
    const clerk = await db.kysely
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    const session = await createSession(db.kysely, {
      accountId: clerk.id,
      kind: 'bearer',
      label: 'bench-floor',
      now,
    });
    return { token: session.token, registered: bodies.map((b) => b.idNumber), residentIds };
  } finally {
    await db.close();
  }
}

export async function prepareSqlite(opts: SeedOptions): Promise<BenchDatabases> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-'));
  const drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const template = path.join(dir, 'template.sqlite');
    const seeded = await seed({ dialect: 'sqlite', file: template }, opts);
    // Closing the only connection checkpointed the WAL into the file, so a copy is complete.
    const appFile = path.join(dir, 'app.sqlite');
    const floorFile = path.join(dir, 'floor.sqlite');
    fs.copyFileSync(template, appFile);
    fs.copyFileSync(template, floorFile);
    return {
      appUrl: `sqlite:${appFile}`,
      floorUrl: `sqlite:${floorFile}`,
      floorToken: seeded.token,
      registered: seeded.registered,
      residentIds: seeded.residentIds,
      drop,
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Null when no PostgreSQL answers at the URL. */
export async function postgresReachable(base: string): Promise<string | null> {
  const client = new pg.Client({
    connectionString: databaseUrl(base, 'postgres'),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(base, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function preparePostgres(opts: SeedOptions): Promise<BenchDatabases> {
  const prefix = `doorstep_bench_${crypto.randomBytes(4).toString('hex')}`;
  const names = { seed: `${prefix}_seed`, app: `${prefix}_app`, floor: `${prefix}_floor` };
  const drop = () =>
    admin(opts.postgresUrl, async (client) => {
      for (const name of Object.values(names)) {
        await client.query(`drop database if exists "${name}" with (force)`);
      }
    });
  try {
    await admin(opts.postgresUrl, (c) => c.query(`create database "${names.seed}"`));
    const seeded = await seed(
      { dialect: 'postgres', url: databaseUrl(opts.postgresUrl, names.seed), poolSize: 10 },
      opts,
    );
    await admin(opts.postgresUrl, async (client) => {
      await client.query(`create database "${names.app}" template "${names.seed}"`);
      await client.query(`create database "${names.floor}" template "${names.seed}"`);
    });
    return {
      appUrl: databaseUrl(opts.postgresUrl, names.app),
      floorUrl: databaseUrl(opts.postgresUrl, names.floor),
      floorToken: seeded.token,
      registered: seeded.registered,
      residentIds: seeded.residentIds,
      drop,
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

export function prepareDatabases(dialect: BenchDialect, opts: SeedOptions) {
  return dialect === 'sqlite' ? prepareSqlite(opts) : preparePostgres(opts);
}
