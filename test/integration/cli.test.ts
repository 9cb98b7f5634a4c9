/**
 * The `doorstep` CLI against a real database: migrate, seed --demo, create-admin, import regions,
 * audit verify, rotate-key. Commands run in-process through `runCli` with their own environment and
 * captured output (each spawn of the real binary costs a second of CPU); one test spawns the
 * binary itself, as a user does.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { runCli } from '../../src/cli/program.ts';
import { asIntruder } from '../helpers/audit-tamper.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const run = promisify(execFile);
const CLI = path.resolve('bin/doorstep.mjs');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One `doorstep …` command, in this process, with its own environment. */
async function inProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: () => '',
    progress: new Writable({ write: (_chunk, _enc, cb) => cb() }),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('doorstep CLI', { timeout: 120_000 }, () => {
  let testDb: TestDb;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  const doorstep = (...args: string[]) => inProcess(env, ...args);

  beforeAll(async () => {
    testDb = await createTestDb();
    await testDb.db.close(); // the CLI opens its own connection
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-cli-'));
    const url =
      testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`;
    env = {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      DOORSTEP_ENV: 'development',
      LOG_LEVEL: 'silent',
      DOORSTEP_DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
    };
  });
  afterAll(async () => {
    await testDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrate is idempotent', async () => {
    const r = await doorstep('migrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('up to date');
  });

  it('imports regions and reports refused rows by row number and reason', async () => {
    const r = await doorstep('import', 'regions', 'examples/regions-small.json');
    expect(r.code).toBe(1); // some rows refused
    expect(r.stdout).toMatch(/read 50 rows: 48 imported, 0 already present, 0 renamed, 2 refused/);
    expect(r.stdout).toMatch(/refused row 49 \(11011511099\): code must have 12 digits/);
    expect(r.stdout).toMatch(/refused row 50 \(110115999001\): parent 110115999000 is unknown/);
    const again = await doorstep('import', 'regions', 'examples/regions-small.json');
    expect(again.stdout).toMatch(/0 imported, 48 already present, 0 renamed, 2 refused/);
  });

  it('partitions: made by the migration up to three months ahead (PostgreSQL); nothing on SQLite', async () => {
    const r = await doorstep('partitions');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      testDb.config.dialect === 'postgres'
        ? 'partitions up to date: none to make'
        : 'SQLite: tables are not partitioned; nothing to do',
    );
  });

  it('seed --demo refuses a database that already has data', async () => {
    const r = await doorstep('seed', '--demo');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only into an empty database');
  });

  it('create-admin makes an account that can log in; a weak password is refused', async () => {
    const weak = await doorstep('create-admin', '--username', 'boss', '--region', '110115000000');
    expect(weak.code).toBe(2);
    env.DOORSTEP_ADMIN_PASSWORD = 'short';
    expect(
      (await doorstep('create-admin', '--username', 'boss', '--region', '110115000000')).stderr,
    ).toContain('WEAK_PASSWORD');
    env.DOORSTEP_ADMIN_PASSWORD = 'a-very-long-admin-password';
    const ok = await doorstep('create-admin', '--username', 'boss', '--region', '110115000000');
    expect(ok.code, ok.stderr).toBe(0);
    const unknown = await doorstep(
      'create-admin',
      '--username',
      'boss2',
      '--region',
      '110199000000',
    );
    expect(unknown.stderr).toContain('UNKNOWN_REGION');
  });

  it('audit verify passes, then names the first broken link after a hand edit', async () => {
    const ok = await doorstep('audit', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: \d+ events verified/);
    expect(ok.stdout).toMatch(/checkpoint written: #\d+/);
    expect(fs.readFileSync(path.join(dataDir, 'audit-checkpoints.log'), 'utf8')).toMatch(/"sig"/);
    const cp = await doorstep('audit', 'checkpoint');
    expect(cp.code, cp.stderr).toBe(0);
    expect(cp.stdout).toContain('no new seals since the last checkpoint');
    const db = openDatabase(testDb.config);
    await asIntruder(db, async (k) => {
      await sql`update audit_events set actor_id = 'intruder' where seq = 1`.execute(k);
    });
    const shard = (
      await db.kysely
        .selectFrom('audit_events')
        .select('shard')
        .where('seq', '=', 1)
        .executeTakeFirstOrThrow()
    ).shard;
    await db.close();
    const broken = await doorstep('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at event #1 in shard ${shard} (hash_mismatch)`);
  });
});

describe(
  'doorstep seed --demo on an empty database (the real binary)',
  { timeout: 120_000 },
  () => {
    it('loads the demo and refuses in production', async () => {
      const testDb = await createTestDb();
      await testDb.db.close();
      const url =
        testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`;
      const base = {
        ...process.env,
        DATABASE_URL: url,
        LOG_LEVEL: 'silent',
        DOORSTEP_DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
      };
      const prod = await inProcess({ ...base, DOORSTEP_ENV: 'production' }, 'seed', '--demo');
      expect(prod.code).toBe(2);
      expect(prod.stderr).toContain('never created in production');
      // The one spawn of the real binary: what a user types, from the compiled build.
      const r = await run(process.execPath, [CLI, 'seed', '--demo'], {
        env: { ...base, DOORSTEP_ENV: 'development' },
        timeout: 120_000,
      });
      expect(r.stdout).toMatch(/demo data loaded: .*"stations":32.*"accounts":13/);
      await testDb.drop();
    });
  },
);

describe(
  'the README production steps, in order, on an empty database',
  { timeout: 480_000 },
  () => {
    it('migrate → import regions → create-admin works; create-admin first says what to do', async () => {
      const testDb = await createTestDb();
      await testDb.db.close();
      const url =
        testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`;
      const env = {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        LOG_LEVEL: 'silent',
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-prod-')),
        DOORSTEP_DATA_KEY: Buffer.alloc(32, 4).toString('base64'),
        DOORSTEP_ADMIN_PASSWORD: 'a-very-long-admin-password',
      };
      const cli = (...args: string[]) => inProcess(env, ...args);
      expect((await cli('migrate')).code).toBe(0);
      const early = await cli('create-admin', '--username', 'ops', '--region', '110115000000');
      expect(early.code).toBe(2);
      expect(early.stderr).toContain('import the region tree first');
      const imported = await cli('import', 'regions', 'examples/regions-beijing.csv');
      expect(imported.code, imported.stderr).toBe(0);
      const admin = await cli('create-admin', '--username', 'ops', '--region', '110115000000');
      expect(admin.code, admin.stderr).toBe(0);
      // another valid key is refused with a clear sentence, and nothing is written.
      const wrong = await inProcess(
        { ...env, DOORSTEP_DATA_KEY: Buffer.alloc(32, 5).toString('base64') },
        'migrate',
      );
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('is not the key this database was encrypted with');
      // Rotation: one command moves everything to the new key; then only the new key starts.
      // The audit chain's key is derived from the data key until it is pinned: rotation refuses
      // until DOORSTEP_AUDIT_KEY holds the root `audit root-key` prints, so the chain stays verifiable.
      const newKey = Buffer.alloc(32, 6).toString('base64');
      const unpinned = await inProcess({ ...env, DOORSTEP_NEW_DATA_KEY: newKey }, 'rotate-key');
      expect(unpinned.code).toBe(2);
      expect(unpinned.stderr).toContain('DOORSTEP_AUDIT_KEY');
      const root = (await cli('audit', 'root-key')).stdout.trim();
      expect(Buffer.from(root, 'base64')).toHaveLength(32);
      const pinned = { ...env, DOORSTEP_AUDIT_KEY: root };
      const rotated = await inProcess({ ...pinned, DOORSTEP_NEW_DATA_KEY: newKey }, 'rotate-key');
      expect(rotated.stdout).toContain('data key rotated');
      const oldKey = await cli('migrate');
      expect(oldKey.code).toBe(2);
      const withNew = await inProcess({ ...pinned, DOORSTEP_DATA_KEY: newKey }, 'migrate');
      expect(withNew.stdout).toContain('up to date');
      const verified = await inProcess({ ...pinned, DOORSTEP_DATA_KEY: newKey }, 'audit', 'verify');
      expect(verified.stdout).toContain('audit chain intact');
      await testDb.drop();
    });
  },
);
