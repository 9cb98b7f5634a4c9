/**
 * Issue #15 point 3: `doorstep import template residents` and `doorstep import residents <file>
 * [--dry-run]` against a real database — the template round-trips, refused rows are listed by row
 * with reasons (exit 1, nothing written), apply imports (exit 0), a re-run changes nothing, a bad
 * file is refused (exit 2); the progress bar draws on the progress stream.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
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

describe('doorstep import residents', { timeout: 120_000 }, () => {
  let testDb: TestDb;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const doorstep = (...args: string[]) => inProcess(env, ...args);
  const residents = async () =>
    Number(
      (
        await testDb.db.kysely
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // the demo (its regions, with 伊庄村 and 三顺庄村), sealed with the test data key
    const template = demoTemplate(TEST_DIALECT);
    testDb = await createTestDb(TEST_DIALECT, template ? { fromTemplate: template } : {});
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-imports-cli-'));
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

  it('the template round-trips through a dry run that writes nothing', async () => {
    const out = path.join(dir, 'template.xlsx');
    expect((await doorstep('import', 'template', 'residents', out)).code).toBe(0);
    const before = await residents();
    const r = await doorstep('import', 'residents', out, '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('dry run: nothing was written');
    expect(r.stdout).toContain('1 rows: 1 to create, 0 to change, 0 unchanged, 0 refused');
    expect(r.progress).toMatch(/rows/);
    expect(await residents()).toBe(before);
  });

  it('refused rows are listed by row and reason; apply writes nothing (exit 1)', async () => {
    const good = buildIdNumber('110115', '19721212', '357');
    const bad = `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`;
    const file = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(
      file,
      await writeImportWorkbook('residents', [
        [good, '甲', '', '伊庄村', ''],
        [bad, '乙', '', '伊庄村', ''],
        [good, '甲', '', '伊庄村', ''],
      ]),
    );
    const before = await residents();
    const r = await doorstep('import', 'residents', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/row 3 乙: ID_NUMBER_CHECK_DIGIT 身份证号校验位不对/);
    expect(r.stdout).toMatch(/row 4 甲 110115\*+\w{4}: DUPLICATE_IN_FILE .*（第 2 行）/);
    expect(r.stderr).toContain('IMPORT_REFUSED');
    expect(await residents()).toBe(before);
  });

  it('apply imports; the same file again changes nothing; a bad file exits 2', async () => {
    const file = path.join(dir, 'good.xlsx');
    fs.writeFileSync(
      file,
      await writeImportWorkbook('residents', [
        [buildIdNumber('110115', '19721212', '357'), '甲', '13900000357', '伊庄村', ''],
        [buildIdNumber('110115', '19731111', '358'), '丙', '', '110115110222', ''],
      ]),
    );
    const before = await residents();
    const r = await doorstep('import', 'residents', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 rows: 2 to create');
    expect(r.stdout).toMatch(/imported \([0-9a-f-]{36}, in the audit log\)/);
    expect(await residents()).toBe(before + 2);
    const again = await doorstep('import', 'residents', file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to change');
    const text = path.join(dir, 'not.xlsx');
    fs.writeFileSync(text, 'id,name\n');
    const wrong = await doorstep('import', 'residents', text);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('IMPORT_FILE_UNREADABLE');
  });
});
