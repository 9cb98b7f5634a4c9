/**
 * Issue #15 point 4: an account holding a one-time password (must_change_password) logs in, but
 * every route of the API answers 403 PASSWORD_CHANGE_REQUIRED except reading who it is and
 * changing the password (public routes stay public); after the change everything opens again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const ONE_TIME = 'Qx7m-Kp3v-Zr9t-Hw4n';
const ALLOWED = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/password']);
const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('issue #15 p4 the must-change-password gate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createAccount(t.testDb.db.kysely, {
      username: 'first-login-clerk',
      displayName: '新专管员',
      password: ONE_TIME,
      grants: [{ role: 'clerk', regionCode: '110115110207' }],
      mustChangePassword: true,
      actor: { accountId: null, role: null, stationId: null },
      now: new Date(),
    });
  });
  afterAll(async () => t.close());

  it('every route but /auth/me and /auth/password answers PASSWORD_CHANGE_REQUIRED', async () => {
    const clerk = await t.login('first-login-clerk', ONE_TIME);
    const me = await clerk.call('GET', '/api/v1/auth/me');
    expect(me.json()).toMatchObject({ username: 'first-login-clerk', mustChangePassword: true });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => ({
        method: m.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
        url: p.replace(/\{[^}]+\}/g, SOME_ID),
        name: `${m.toUpperCase()} ${p}`,
      })),
    );
    expect(routes.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    let gated = 0;
    for (const r of routes) {
      if (ALLOWED.has(r.name)) continue;
      // a public route (login, tracking, open data) is the same for everyone: not gated
      const anonymous = await t.app.inject({ method: r.method, url: r.url });
      if (anonymous.statusCode !== 401 || !anonymous.body.includes('"UNAUTHENTICATED"')) continue;
      const res = await clerk.call(r.method, r.url, r.method === 'GET' ? undefined : {});
      gated++;
      if (
        res.statusCode !== 403 ||
        res.json<{ code: string }>().code !== 'PASSWORD_CHANGE_REQUIRED'
      )
        wrong.push(`${r.name} → ${res.statusCode} ${res.body.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
    expect(gated).toBeGreaterThan(100);
  });

  it('changing the password opens the account; the flag is gone', async () => {
    const clerk = await t.login('first-login-clerk', ONE_TIME);
    const blocked = await clerk.call('GET', '/api/v1/cases');
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const changed = await clerk.call('POST', '/api/v1/auth/password', {
      currentPassword: ONE_TIME,
      newPassword: 'my-own-long-passphrase-2026',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await clerk.call('GET', '/api/v1/auth/me')).json()).toMatchObject({
      mustChangePassword: false,
    });
    expect((await clerk.call('GET', '/api/v1/cases')).statusCode).toBe(200);
  });
});
