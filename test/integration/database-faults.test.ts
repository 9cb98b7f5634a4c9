/**
 * Issue #10 point 15: a database that is down or stalled answers 503 + Retry-After with a clear
 * code, quickly, and /readyz answers within about a second. PostgreSQL: nothing listening on the
 * port, and a "stalled" server that accepts connections but never answers (what SIGSTOP looks
 * like). SQLite has no server to lose; its counterpart is a database locked by another writer
 * past busy_timeout (SQLITE_BUSY), tested on the SQLite run.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, TEST_KEY, type TestApp } from '../helpers/test-app.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

const CONNECT_MS = 500;
const QUERY_MS = 800;

async function appOn(url: string) {
  const logs: string[] = [];
  const config = loadConfig({
    DOORSTEP_ENV: 'test',
    LOG_LEVEL: 'info',
    WEB_DIST: 'no-web-in-tests',
    DATABASE_URL: url,
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
    DATABASE_QUERY_TIMEOUT_MS: String(QUERY_MS),
  });
  const db: Db = openDatabase(config.database);
  const app = await buildApp(
    { config, db, pii: createPiiCipher(TEST_KEY), now: () => new Date() },
    {
      logStream: new Writable({
        write(chunk: Buffer, _enc, cb) {
          logs.push(chunk.toString('utf8'));
          cb();
        },
      }),
    },
  );
  await app.ready();
  return { app, db, logs };
}

async function expectUnavailable(app: FastifyInstance, logs: string[]) {
  const requests = [
    { method: 'GET' as const, url: '/api/v1/stations' },
    {
      method: 'POST' as const,
      url: '/api/v1/auth/login',
      payload: { username: 'clerk', password: 'not-the-password' },
    },
    {
      method: 'GET' as const,
      url: '/api/v1/residents',
      headers: { authorization: `Bearer ${'t'.repeat(43)}` },
    },
  ];
  for (const r of requests) {
    const started = Date.now();
    const res = await app.inject({ ...r, headers: { 'accept-language': 'en', ...r.headers } });
    const took = Date.now() - started;
    expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      title: 'The database is unavailable; try again shortly',
    });
    expect(took).toBeLessThan(CONNECT_MS + QUERY_MS + 1500);
  }
  const zh = await app.inject({ method: 'GET', url: '/api/v1/stations' });
  expect(zh.json()).toMatchObject({ title: '数据库暂时无法访问，请稍后重试' });
  const started = Date.now();
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  expect(ready.statusCode).toBe(503);
  expect(Date.now() - started).toBeLessThan(1500);
  const faultLines = logs.filter((l) => l.includes('database unavailable'));
  expect(faultLines.length).toBeGreaterThan(0);
  for (const line of faultLines) expect(line).not.toContain('stack');
  expect(logs.join('')).not.toContain('"INTERNAL"');
  expect(logs.filter((l) => l.includes('"level":50'))).toEqual([]);
}

describe.runIf(TEST_DIALECT === 'postgres')('X-9 PostgreSQL down or stalled', () => {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const apps: { app: FastifyInstance; db: Db }[] = [];
  afterAll(async () => {
    for (const a of apps) {
      await a.app.close();
      await a.db.close().catch(() => undefined);
    }
    for (const s of sockets) s.destroy();
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });

  const listen = async (server: net.Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  };

  it('nothing listening on the port: 503 + Retry-After, no stack traces', async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    servers.pop();
    const a = await appOn(`postgres://postgres@127.0.0.1:${port}/doorstep`);
    apps.push(a);
    await expectUnavailable(a.app, a.logs);
  });

  it('a stalled server (accepts, never answers): 503 within the timeout, /readyz within 1 s', async () => {
    const stalled = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => undefined); // swallows the startup message
    });
    const port = await listen(stalled);
    const a = await appOn(`postgres://postgres@127.0.0.1:${port}/doorstep`);
    apps.push(a);
    await expectUnavailable(a.app, a.logs);
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('X-9 PostgreSQL stalls while connected', () => {
  let testDb: TestDb;
  let proxy: net.Server;
  let stalled = false;
  const pairs: [net.Socket, net.Socket][] = [];
  let a: Awaited<ReturnType<typeof appOn>>;

  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    if (testDb.config.dialect !== 'postgres') throw new Error('postgres only');
    const target = new URL(testDb.config.url);
    // A TCP proxy to the real server that can stop passing bytes, as a SIGSTOPped server would.
    proxy = net.createServer((client) => {
      const server = net.connect(Number(target.port || 5432), target.hostname);
      pairs.push([client, server]);
      const pass = (from: net.Socket, to: net.Socket) =>
        from.on('data', (chunk: Buffer) => {
          if (stalled) from.pause();
          to.write(chunk);
        });
      pass(client, server);
      pass(server, client);
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const via = new URL(testDb.config.url);
    via.port = String((proxy.address() as net.AddressInfo).port);
    a = await appOn(via.toString());
  });
  afterAll(async () => {
    stalled = false;
    for (const [c, s] of pairs) {
      c.destroy();
      s.destroy();
    }
    await a.app.close();
    await a.db.close().catch(() => undefined);
    await new Promise((resolve) => proxy.close(resolve));
    await testDb.drop();
  });

  it('answers 503 within the query timeout while stalled, and recovers when it resumes', async () => {
    const before = await a.app.inject({ method: 'GET', url: '/api/v1/stations' });
    expect(before.statusCode, before.body).toBe(200);
    stalled = true;
    for (const [c, s] of pairs) {
      c.pause();
      s.pause();
    }
    await expectUnavailable(a.app, a.logs);
    stalled = false;
    for (const [c, s] of pairs) {
      c.resume();
      s.resume();
    }
    let after = await a.app.inject({ method: 'GET', url: '/api/v1/stations' });
    for (let i = 0; i < 20 && after.statusCode !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await a.app.inject({ method: 'GET', url: '/api/v1/stations' });
    }
    expect(after.statusCode).toBe(200);
    expect((await a.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe.runIf(TEST_DIALECT === 'sqlite')('X-9 SQLite locked by another writer', () => {
  let t: TestApp;
  let locker: SQLite.Database;
  beforeAll(async () => {
    t = await createTestApp();
    if (t.testDb.config.dialect !== 'sqlite') throw new Error('sqlite only');
    await sql`PRAGMA busy_timeout = 200`.execute(t.testDb.db.kysely);
    locker = new SQLite(t.testDb.config.file);
  });
  afterAll(async () => {
    locker.close();
    await t.close();
  });

  it('a write past busy_timeout answers 503 DATABASE_UNAVAILABLE, reads carry on', async () => {
    locker.exec('BEGIN IMMEDIATE');
    try {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'clerk', password: 'not-the-password' },
      });
      expect(login.statusCode, login.body).toBe(503);
      expect(login.headers['retry-after']).toBe('5');
      expect(login.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      const read = await t.app.inject({ method: 'GET', url: '/api/v1/stations' });
      expect(read.statusCode).toBe(200);
    } finally {
      locker.exec('ROLLBACK');
    }
    expect(t.logs.filter((l) => l.includes('"level":50'))).toEqual([]);
  });
});
