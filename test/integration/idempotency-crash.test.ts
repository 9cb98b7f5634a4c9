/**
 * Issue #10 point 14: a node that dies between commit and answer never lets the retry write again.
 * The crash is injected (DOORSTEP_FAULT=after-commit, refused in production); the retry goes to a
 * fresh app on the same database, past the stale window, by the injected clock.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { actorForToken } from '../../src/modules/auth/session.service.ts';
import { registerResident } from '../../src/modules/residents/residents.service.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { buildApp } from '../../src/server/app.ts';
import {
  runInIdempotencyScope,
  currentIdempotencyScope,
} from '../../src/server/idempotency-commit.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('X-9 an idempotent write whose node dies after commit', () => {
  let t: TestApp;
  let clerk: Client;
  let crashing: FastifyInstance;
  let residentId: string;
  const later = () => new Date(t.clock.now.getTime() + 10 * 60_000); // far past the stale window

  const count = async (table: 'cases' | 'sessions' | 'residents') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const quiet = () => ({
    logStream: new Writable({ write: (_chunk, _enc, cb: () => void) => cb() }),
  });
  const freshApp = async (now: () => Date) => {
    const app = await buildApp({ ...t.app.deps, now }, quiet());
    await app.ready();
    return app;
  };
  const post = (app: FastifyInstance, url: string, body: unknown, key: string, cookie?: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        ...(cookie ? { cookie } : {}),
      },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    const found = await clerk.call('POST', '/api/v1/residents/lookup', {
      idNumber: '110115194803120019',
    });
    residentId = found.json<{ id: string }>().id;
    crashing = await buildApp(
      { ...t.app.deps, config: { ...t.app.deps.config, fault: 'after-commit' } },
      quiet(),
    );
    await crashing.ready();
  });
  afterAll(async () => {
    await crashing.close();
    await t.close();
  });

  it('files one case: the retry on another node replays it, even past the stale window', async () => {
    const before = await count('cases');
    const body = { residentId, itemCode: 'DX-SB-004', presented: ['id_card'] };
    const crashed = await post(crashing, '/api/v1/cases', body, 'intake-crash-1', clerk.cookie);
    expect(crashed.statusCode, crashed.body).toBe(500);
    expect(await count('cases')).toBe(before + 1); // committed, answer lost

    const key = await t.testDb.db.kysely
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'intake-crash-1')
      .executeTakeFirstOrThrow();
    expect(key).toMatchObject({ state: 'committed', resource_type: 'case' });

    const other = await freshApp(later);
    try {
      const retry = await post(other, '/api/v1/cases', body, 'intake-crash-1', clerk.cookie);
      expect(retry.statusCode, retry.body).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json<{ id: string }>().id).toBe(key.resource_id);
      const again = await post(other, '/api/v1/cases', body, 'intake-crash-1', clerk.cookie);
      expect(again.body).toBe(retry.body);
      expect(await count('cases')).toBe(before + 1);
    } finally {
      await other.close();
    }
  });

  it('issues one token: a secret answer is not stored, so the retry is a 409 naming what was made', async () => {
    const before = await count('sessions');
    const body = { username: 'clerk', password: DEMO_PASSWORD, label: 'kiosk' };
    const crashed = await post(crashing, '/api/v1/auth/tokens', body, 'token-crash-1');
    expect(crashed.statusCode, crashed.body).toBe(500);
    expect(await count('sessions')).toBe(before + 1);
    const other = await freshApp(later);
    try {
      const retry = await post(other, '/api/v1/auth/tokens', body, 'token-crash-1');
      expect(retry.statusCode, retry.body).toBe(409);
      expect(retry.json()).toMatchObject({
        code: 'IDEMPOTENCY_KEY_COMMITTED',
        resource: { type: 'account' },
      });
      expect(await count('sessions')).toBe(before + 1);
    } finally {
      await other.close();
    }
    const stored = await t.testDb.db.kysely
      .selectFrom('idempotency_keys')
      .select('response_body')
      .where('key', '=', 'token-crash-1')
      .executeTakeFirstOrThrow();
    expect(stored.response_body).toBeNull();
  });

  it('a request whose claim passed to a retry cannot commit under it', async () => {
    const account = await t.testDb.db.kysely
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    // The retry holds the key now (another claim id); the stalled request wakes up and writes.
    await t.testDb.db.kysely
      .insertInto('idempotency_keys')
      .values({
        account_id: account.id,
        key: 'stalled-1',
        method: 'POST',
        path: '/api/v1/residents',
        body_hash: 'x',
        state: 'pending',
        status_code: null,
        response_body: null,
        created_at: t.clock.now.toISOString(),
        completed_at: null,
        claim_id: 'the-retry',
        resource_type: null,
        resource_id: null,
      })
      .execute();
    const actor = await actorForToken(
      t.testDb.db.kysely,
      clerk.cookie.slice('ds_session='.length),
      'cookie',
      t.clock.now,
    );
    if (!actor) throw new Error('the clerk is logged in');
    const before = await count('residents');
    const write = () =>
      registerResident(
        { db: t.testDb.db.kysely, pii: t.pii },
        {
          resident: {
            idNumber: buildIdNumber('110115', '19800303', '413'),
            fullName: '郑秀兰',
            homeRegionCode: '110115110207',
            address: '伊庄村',
          },
          actor,
          requestId: null,
          now: t.clock.now,
        },
      );
    const outcome = await new Promise<unknown>((resolve) => {
      runInIdempotencyScope(() => {
        currentIdempotencyScope()!.claim = {
          accountId: account.id,
          key: 'stalled-1',
          claimId: 'the-stalled-request',
        };
        write().then(resolve, resolve);
      });
    });
    expect(outcome).toMatchObject({ code: 'IDEMPOTENCY_CLAIM_LOST' });
    expect(await count('residents')).toBe(before);
  });
});
