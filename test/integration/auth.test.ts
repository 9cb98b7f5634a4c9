/** login with argon2id, cookie sessions and Bearer tokens, logout, password change, a login limit shared by all nodes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('X-2 accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('stores argon2id hashes, never passwords', async () => {
    const row = await t.testDb.db.kysely
      .selectFrom('accounts')
      .select('password_hash')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sets an httpOnly, SameSite=Strict session cookie and answers /me', async () => {
    const res = await login('clerk', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ds_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { ds_session: cookie.value },
    });
    expect(me.json()).toMatchObject({
      username: 'clerk',
      grants: [{ role: 'clerk', reachPrefix: '110115110' }],
    });
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const a = await login('clerk', 'wrong-password', '10.0.0.2');
    const b = await login('nobody', 'wrong-password', '10.0.0.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(b.json<{ title: string }>().title).toBe(a.json<{ title: string }>().title);
  });

  it('logout ends the session', async () => {
    const client = await t.login('town');
    expect((await client.call('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('Bearer tokens work for devices and can be logged out', async () => {
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { username: 'agent', password: DEMO_PASSWORD, label: '高拍仪 01' },
    });
    expect(issued.statusCode).toBe(201);
    const { token } = issued.json<{ token: string }>();
    const headers = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json(),
    ).toMatchObject({ username: 'agent' });
    const stored = await t.testDb.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('kind', '=', 'bearer')
      .execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode,
    ).toBe(401);
  });

  it('an expired session is refused', async () => {
    const client = await t.login('guardian');
    t.clock.advance(13 * 3600_000);
    expect((await client.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('a password change ends the other sessions and the old password stops working', async () => {
    const phone = await t.login('volunteer');
    const desk = await t.login('volunteer');
    const weak = await desk.call('POST', '/api/v1/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD' });
    const wrong = await desk.call('POST', '/api/v1/auth/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'a-new-long-password',
    });
    expect(wrong.json()).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(
      (
        await desk.call('POST', '/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'a-new-long-password',
        })
      ).statusCode,
    ).toBe(204);
    expect((await desk.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await phone.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('volunteer', DEMO_PASSWORD, '10.0.0.9')).statusCode).toBe(401);
    expect((await login('volunteer', 'a-new-long-password', '10.0.0.9')).statusCode).toBe(200);
  });

  it('preferences persist per user', async () => {
    const client = await t.login('organiser');
    const res = await client.call('PATCH', '/api/v1/auth/preferences', {
      elderlyMode: true,
      locale: 'en',
    });
    expect(res.json()).toEqual({ elderlyMode: true, locale: 'en' });
    const again = await t.login('organiser');
    expect((await again.call('GET', '/api/v1/auth/me')).json()).toMatchObject({
      preferences: { elderlyMode: true, locale: 'en' },
    });
    expect((await again.call('PATCH', '/api/v1/auth/preferences', {})).statusCode).toBe(400);
  });

  it('refuses a cross-site write with a session cookie', async () => {
    const client = await t.login('clerk');
    const res = await client.call(
      'PATCH',
      '/api/v1/auth/preferences',
      { elderlyMode: true },
      { origin: 'https://evil.example', host: 'localhost' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
  });
});

describe('X-2 login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is shared by two app nodes on one database, and counts parallel guesses', async () => {
    // A second node: another app instance with its own connection pool to the same database.
    const otherDb = t.testDb.openAnother();
    const config = { ...loadConfig({ DOORSTEP_ENV: 'test', LOG_LEVEL: 'silent' }) };
    const node2 = await buildApp({ config, db: otherDb, pii: t.pii, now: () => t.clock.now });
    const attempt = (app: typeof node2, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'supervisor', password },
        remoteAddress: '10.9.9.9',
      });
    const results = await Promise.all([
      attempt(t.app, 'guess-1'),
      attempt(node2, 'guess-2'),
      attempt(t.app, 'guess-3'),
      attempt(node2, 'guess-4'),
      attempt(t.app, 'guess-5'),
      attempt(node2, 'guess-6'),
      attempt(t.app, 'guess-7'),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(2);
    // Even the right password is refused while the limit holds, on either node.
    const right = await attempt(node2, DEMO_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    // After the window, the right password works again.
    t.clock.advance(16 * 60_000);
    expect((await attempt(t.app, DEMO_PASSWORD)).statusCode).toBe(200);
    await node2.close();
  });
});
