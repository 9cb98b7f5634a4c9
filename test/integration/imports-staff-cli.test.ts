/**
 * Issue #15 point 4: `doorstep import staff <file> [--dry-run] [--out file]` in-process against a
 * real database — one-time passwords go to a 0600 file (never printed with --out), a re-run
 * changes nothing, refused rows exit 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { demoTemplate } from '../helpers/demo-template-ref.ts';
import { TEST_KEY } from '../helpers/test-constants.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

async function inProcess(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await runCli(args, {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: () => '',
    progress: new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        progress.push(chunk.toString());
        cb();
      },
    }),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), progress: progress.join('') };
}

describe('doorstep import staff', { timeout: 120_000 }, () => {
  let testDb: TestDb;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const doorstep = (...args: string[]) => inProcess(env, ...args);

  beforeAll(async () => {
    const template = demoTemplate(TEST_DIALECT);
    testDb = await createTestDb(TEST_DIALECT, template ? { fromTemplate: template } : {});
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-staff-cli-'));
    const url =
      testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`;
    env = {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dir,
      DOORSTEP_ENV: 'development',
      LOG_LEVEL: 'silent',
      DOORSTEP_DATA_KEY: TEST_KEY.toString('base64'),
    };
  });
  afterAll(async () => {
    await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dry run, apply with the one-time passwords in a file only its owner reads, re-run unchanged', async () => {
    const file = path.join(dir, 'roster.xlsx');
    fs.writeFileSync(
      file,
      await writeImportWorkbook('staff', [
        ['周一', '13900139501', '', '镇级中心人员', '110115110000'],
        ['周二', '13900139502', '', 'town_officer', '110115110000'],
      ]),
    );
    const dry = await doorstep('import', 'staff', file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('2 rows: 2 to create');
    const out = path.join(dir, 'passwords.csv');
    const r = await doorstep('import', 'staff', file, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.progress).toMatch(/rows/);
    expect(r.stdout).toContain(`2 one-time passwords written to ${out}`);
    const csv = fs.readFileSync(out, 'utf8');
    const [, first] = csv.trim().split('\n');
    const password = first!.split(',')[3]!;
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    expect(r.stdout).not.toContain(password);
    if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o077).toBe(0);
    const made = await testDb.db.kysely
      .selectFrom('accounts')
      .select(['username', 'must_change_password'])
      .where('username', 'in', ['13900139501', '13900139502'])
      .execute();
    expect(made.map((a) => a.must_change_password)).toEqual([1, 1]);
    const again = await doorstep('import', 'staff', file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 to create, 0 to change, 2 unchanged');
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, await writeImportWorkbook('staff', [['吴一', '139', '', '厨师', '']]));
    const refused = await doorstep('import', 'staff', bad);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/row 2 吴一: STAFF_PHONE_INVALID .*STAFF_ROLE_UNKNOWN/);
  });
});
