import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, type PiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_TEMPLATE_RESIDENTS, demoTemplate } from './demo-template-ref.ts';
import { START, TEST_KEY } from './test-constants.ts';
import { createTestDb, TEST_DIALECT, type TestDb, type TestDialect } from './test-db.ts';

export { START, TEST_KEY };

export interface TestClock {
  now: Date;
  advance(ms: number): void;
}

export interface TestApp {
  app: FastifyInstance;
  testDb: TestDb;
  pii: PiiCipher;
  clock: TestClock;
  /** Every log line the app wrote. */
  logs: string[];
  /** Every response body the tests received through `call`. */
  responses: { url: string; body: string }[];
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  username: string;
  cookie: string;
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** The real app on a fresh database with the demo data (few residents), a fixed clock and captured logs. */
export async function createTestApp(
  opts: {
    dialect?: TestDialect;
    residents?: number;
    logLevel?: string;
    /** Extra environment for loadConfig (e.g. DEADLINE_YELLOW_WORKING_DAYS). */
    env?: Record<string, string>;
    /** PostgreSQL: how long a request may queue for a pooled connection. */
    poolWaitMs?: number;
  } = {},
): Promise<TestApp> {
  const residents = opts.residents ?? DEMO_TEMPLATE_RESIDENTS;
  // The default demo is copied from the run's template (seeded once: demo-template.ts).
  const template =
    residents === DEMO_TEMPLATE_RESIDENTS ? demoTemplate(opts.dialect ?? TEST_DIALECT) : null;
  const testDb = await createTestDb(opts.dialect, {
    ...(opts.poolWaitMs ? { poolWaitMs: opts.poolWaitMs } : {}),
    ...(template ? { fromTemplate: template } : {}),
  });
  const pii = createPiiCipher(TEST_KEY);
  installAuditKeys(deriveAuditKeys({ dataKey: TEST_KEY }));
  const checkpointDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-audit-'));
  const clock: TestClock = {
    now: START,
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  if (!template) await seedDemo({ db: testDb.db.kysely, pii, now: clock.now, residents });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const config = {
    ...loadConfig({
      DOORSTEP_ENV: 'test',
      LOG_LEVEL: opts.logLevel ?? 'info',
      WEB_DIST: 'no-web-in-tests',
      ...opts.env,
    }),
    dataKey: undefined,
    auditCheckpointFile: path.join(checkpointDir, 'audit-checkpoints.log'),
  };
  // The actor cache's TTL (auth.plugin.ts) runs on the same clock: advancing it ages the cache.
  const app = await buildApp(
    { config, db: testDb.db, pii, now: () => clock.now, monotonic: () => clock.now.getTime() },
    { logStream },
  );
  await app.ready();
  const responses: { url: string; body: string }[] = [];

  async function login(username: string, password = DEMO_PASSWORD): Promise<Client> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (res.statusCode !== 200)
      throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === 'ds_session');
    if (!setCookie) throw new Error('no session cookie');
    const cookie = `ds_session=${setCookie.value}`;
    return {
      username,
      cookie,
      async call(method, url, body, headers = {}) {
        const r = await app.inject({
          method,
          url,
          headers: {
            cookie,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined
            ? { payload: typeof body === 'string' ? body : JSON.stringify(body) }
            : {}),
        });
        responses.push({ url, body: r.body });
        return r;
      },
    };
  }

  return {
    app,
    testDb,
    pii,
    clock,
    logs,
    responses,
    login,
    async close() {
      await app.close();
      await testDb.drop();
      fs.rmSync(checkpointDir, { recursive: true, force: true });
    },
  };
}
