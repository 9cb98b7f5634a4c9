/**
 * Issue #16 points 1–2, the app's side of a failover, on one PostgreSQL: a write that reaches a
 * read-only server (a demoted leader, or a pooled connection not yet moved to the new one) answers
 * 503 + Retry-After with DATABASE_UNAVAILABLE, never a 500; reads keep working there; dashboards and
 * exports read through the separate read pool (DATABASE_READ_URL). The cluster itself (Patroni,
 * kill the leader under load) is test/cluster/cluster.test.ts.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, TEST_KEY, type Client, type TestApp } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';

/** The same database, but every transaction read-only: what a demoted leader or a replica is. */
function readOnly(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', '-c default_transaction_read_only=on');
  return u.toString();
}

async function deadPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.runIf(TEST_DIALECT === 'postgres')(
  'X-9 failover: read-only server, read pool (issue #16)',
  () => {
    let t: TestApp;
    let supervisor: Client;
    const nodes: { app: FastifyInstance; db: Db }[] = [];

    async function node(env: Record<string, string>) {
      const config = loadConfig({
        DOORSTEP_ENV: 'test',
        WEB_DIST: 'no-web-in-tests',
        DATABASE_CONNECT_TIMEOUT_MS: '500',
        DATABASE_QUERY_TIMEOUT_MS: '1500',
        ...env,
      });
      const db = openDatabase(config.database);
      const app = await buildApp({
        config,
        db,
        pii: createPiiCipher(TEST_KEY),
        now: () => t.clock.now,
      });
      await app.ready();
      nodes.push({ app, db });
      return app;
    }
    const get = (app: FastifyInstance, url: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { cookie: supervisor.cookie, 'accept-language': 'en' },
      });

    beforeAll(async () => {
      t = await createTestApp();
      supervisor = await t.login('supervisor');
    });
    afterAll(async () => {
      for (const n of nodes) {
        await n.app.close();
        await n.db.close().catch(() => undefined);
      }
      await t.close();
    });

    const url = () => {
      if (t.testDb.config.dialect !== 'postgres') throw new Error('postgres only');
      return t.testDb.config.url;
    };

    it('a write on a read-only server (25006) answers 503 + Retry-After, reads still answer', async () => {
      const demoted = await node({ DATABASE_URL: readOnly(url()) });
      const write = await demoted.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-language': 'en' },
        payload: { username: 'clerk', password: 'demo-wrong-password' },
      });
      expect(write.statusCode, write.body).toBe(503);
      expect(write.headers['retry-after']).toBe('5');
      expect(write.headers['content-type']).toContain('application/problem+json');
      expect(write.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      const read = await demoted.inject({ method: 'GET', url: '/api/v1/stations' });
      expect(read.statusCode, read.body).toBe(200);
    });

    it('dashboards and Excel exports read through DATABASE_READ_URL, the same figures', async () => {
      const leader = await get(t.app, '/api/v1/cases/figures');
      expect(leader.statusCode, leader.body).toBe(200);
      const replicaReads = await node({ DATABASE_URL: url(), DATABASE_READ_URL: readOnly(url()) });
      const figures = await get(replicaReads, '/api/v1/cases/figures');
      expect(figures.statusCode, figures.body).toBe(200);
      expect(figures.json()).toEqual(leader.json());
      const programs = await get(replicaReads, '/api/v1/programs/figures');
      expect(programs.statusCode, programs.body).toBe(200);
      const xlsx = await get(replicaReads, '/api/v1/programs/figures.xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    });

    it('they go to the read pool only: with it down they answer 503, other reads 200', async () => {
      const port = await deadPort();
      const app = await node({
        DATABASE_URL: url(),
        DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${port}/doorstep`,
      });
      const figures = await get(app, '/api/v1/cases/figures');
      expect(figures.statusCode, figures.body).toBe(503);
      expect(figures.headers['retry-after']).toBe('5');
      expect(figures.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect((await get(app, '/api/v1/stations')).statusCode).toBe(200);
    });
  },
);
