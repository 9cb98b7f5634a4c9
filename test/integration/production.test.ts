/** Production mode: secrets only from the environment, never demo data; development creates a key with a warning. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { isDatabaseEmpty } from '../../src/modules/demo/seed-demo.ts';
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
