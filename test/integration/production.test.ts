/** Production mode: secrets only from the environment, never demo data; development creates a key with a warning. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { isDatabaseEmpty, seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { DataKeyMismatchError, keyFingerprint } from '../../src/server/secrets.ts';
import { prepare } from '../../src/server/bootstrap.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const dirs: string[] = [];
const dbs: TestDb[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-prod-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  for (const d of dbs) await d.drop();
});

async function envFor() {
  const testDb = await createTestDb();
  await testDb.db.close();
  dbs.push(testDb);
  const url =
    testDb.config.dialect === 'postgres' ? testDb.config.url : `sqlite:${testDb.config.file}`;
  return { testDb, url };
}

describe('production mode', () => {
  it('refuses to start without DOORSTEP_DATA_KEY', async () => {
    const { url } = await envFor();
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATA_DIR: tmp(),
      LOG_LEVEL: 'silent',
    });
    await expect(prepare(config, { demo: true })).rejects.toThrow(
      /DOORSTEP_DATA_KEY is required in production/,
    );
  });

  it('never loads demo data, even into an empty database', async () => {
    const { url } = await envFor();
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATA_DIR: tmp(),
      LOG_LEVEL: 'silent',
      DOORSTEP_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    const { db } = await prepare(config, { demo: true });
    expect(await isDatabaseEmpty(db.kysely)).toBe(true);
    expect(await db.kysely.selectFrom('accounts').selectAll().execute()).toEqual([]);
    await db.close();
  });

  it('NODE_ENV=production wins over DOORSTEP_ENV=development: no demo data, no key file', async () => {
    const { url } = await envFor();
    const base = {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATA_DIR: tmp(),
      LOG_LEVEL: 'silent',
    };
    for (const DOORSTEP_ENV of ['development', 'test']) {
      expect(loadConfig({ ...base, DOORSTEP_ENV }).env).toBe('production');
      await expect(prepare(loadConfig({ ...base, DOORSTEP_ENV }), { demo: true })).rejects.toThrow(
        /DOORSTEP_DATA_KEY is required in production/,
      );
    }
    const config = loadConfig({
      ...base,
      DOORSTEP_ENV: 'development',
      DOORSTEP_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    const { db } = await prepare(config, { demo: true });
    expect(await isDatabaseEmpty(db.kysely)).toBe(true);
    expect(await db.kysely.selectFrom('accounts').selectAll().execute()).toEqual([]);
    await db.close();
  });

  it('development creates a key file under the data folder and loads the demo', async () => {
    const { url } = await envFor();
    const dataDir = tmp();
    const config = loadConfig({
      DOORSTEP_ENV: 'development',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    const { db } = await prepare(config, { demo: true });
    expect(fs.readFileSync(path.join(dataDir, 'dev-data-key.txt'), 'utf8').trim()).toHaveLength(44);
    expect(await isDatabaseEmpty(db.kysely)).toBe(false);
    await db.close();
  }, 60_000);
});

describe('the data key fingerprint (X-3)', () => {
  const keyA = Buffer.alloc(32, 1);
  const keyB = Buffer.alloc(32, 2);
  const configFor = (url: string, key: Buffer) =>
    loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATA_DIR: tmp(),
      LOG_LEVEL: 'silent',
      DOORSTEP_DATA_KEY: key.toString('base64'),
    });

  it('first start stores the fingerprint; another valid key is refused with a clear message', async () => {
    const { url } = await envFor();
    const first = await prepare(configFor(url, keyA), { demo: false });
    const row = await first.db.kysely
      .selectFrom('instance_meta')
      .selectAll()
      .where('key', '=', 'data_key_fingerprint')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(keyFingerprint(keyA));
    expect(row.value).not.toContain(keyA.toString('base64'));
    await first.db.close();
    const wrong = prepare(configFor(url, keyB), { demo: false });
    await expect(wrong).rejects.toBeInstanceOf(DataKeyMismatchError);
    await expect(prepare(configFor(url, keyB), { demo: false })).rejects.toThrow(
      /not the key this database was encrypted with.*doorstep rotate-key/s,
    );
    const again = await prepare(configFor(url, keyA), { demo: false });
    await again.db.close();
  });

  it('a database from before the fingerprint is checked against its encrypted rows', async () => {
    const { testDb, url } = await envFor();
    const db = testDb.openAnother();
    await seedDemo({ db: db.kysely, pii: createPiiCipher(keyA), now: new Date(), residents: 2 });
    await db.close();
    await expect(prepare(configFor(url, keyB), { demo: false })).rejects.toBeInstanceOf(
      DataKeyMismatchError,
    );
    const ok = await prepare(configFor(url, keyA), { demo: false });
    expect(
      (await ok.db.kysely.selectFrom('instance_meta').select('value').executeTakeFirstOrThrow())
        .value,
    ).toBe(keyFingerprint(keyA));
    await ok.db.close();
  }, 60_000);
});
