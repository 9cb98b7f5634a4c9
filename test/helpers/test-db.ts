import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresTimeouts, type DatabaseConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import type { DemoTemplate } from './demo-template-ref.ts';

export type TestDialect = 'sqlite' | 'postgres';

export const TEST_DIALECT: TestDialect =
  process.env.DOORSTEP_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_ADMIN_URL =
  process.env.DOORSTEP_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  config: DatabaseConfig;
  /** Opens another connection (pool) to the same database, like a second app node. */
  openAnother(): Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, on the dialect the run asks for. */
export async function createTestDb(
  dialect: TestDialect = TEST_DIALECT,
  opts: {
    migrateUpTo?: string;
    /** How long a request may queue for a pooled PostgreSQL connection (a burst test's patience). */
    poolWaitMs?: number;
    /** Start from a copy of this (already migrated and seeded) database. */
    fromTemplate?: DemoTemplate;
  } = {},
): Promise<TestDb> {
  const name = `doorstep_t_${crypto.randomBytes(6).toString('hex')}`;
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const template =
      opts.fromTemplate?.dialect === 'postgres' ? ` TEMPLATE ${opts.fromTemplate.database}` : '';
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}${template}`);
        // A test database need not survive a crash of the PostgreSQL server itself: its commits
        // return without waiting for the WAL flush (visibility and atomicity are unchanged, so
        // concurrency and crash-between-steps tests mean what they meant). Halves the commit cost
        // on a slow disk (issue #12 point 8: the suite's time).
        await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
        break;
      } catch (err) {
        // Two files copying the template at the same instant: PostgreSQL refuses the second
        // while the first holds it ("being accessed by other users"); try again shortly.
        if (!template || attempt >= 20 || !/being accessed/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    config = {
      dialect: 'postgres',
      url: url.toString(),
      poolSize: 10,
      ...(opts.poolWaitMs
        ? { timeouts: { ...postgresTimeouts(), poolWaitMs: opts.poolWaitMs } }
        : {}),
    };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-test-'));
    config = { dialect: 'sqlite', file: path.join(dir, `${name}.sqlite`) };
    if (opts.fromTemplate?.dialect === 'sqlite')
      fs.copyFileSync(opts.fromTemplate.file, config.file);
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const db = openDatabase(config);
  if (opts.migrateUpTo) await migrateTo(db, opts.migrateUpTo);
  else if (!opts.fromTemplate) await migrateToLatest(db);
  const others: Db[] = [];
  return {
    db,
    config,
    openAnother() {
      const other = openDatabase(config);
      others.push(other);
      return other;
    },
    async drop() {
      for (const d of [...others, db]) await d.close().catch(() => undefined); // may be closed already
      await cleanup();
    },
  };
}
