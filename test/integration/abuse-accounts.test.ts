/**
 * X-2 abuse (issue #10 points 12, 13): forwarded-address spoofing, the per-account and per-case
 * limits, the station's shared address, the tracking code, password rules, the administrators'
 * second factor, and the HTTP headers of uploads, API JSON and the docs.
 *
 * This file: password rules and the administrators’ second factor (point 13).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { LIMITS } from '../../src/modules/auth/login-throttle.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { totpCodeAt } from '../../src/modules/auth/totp.rules.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { abuseHelpers } from './abuse.fixtures.ts';

describe('abuse (X-2)', () => {
  let t: TestApp;
  const extra: FastifyInstance[] = [];
  const { node, login } = abuseHelpers(() => t, extra);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t.close();
  });

  describe('passwords (point 13)', () => {
    let admin: Client;
    beforeAll(async () => {
      admin = await t.login('admin');
    });
    const create = (username: string, password: string) =>
      admin.call('POST', '/api/v1/accounts', {
        username,
        displayName: '测试专管员',
        password,
        grants: [{ role: 'clerk', regionCode: '110115110207' }],
      });

    it('an account needs at least 12 characters and not a common password', async () => {
      const short = await create('short-pw', 'Xk3#pq9Lw2z');
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ code: 'WEAK_PASSWORD' });
      for (const pw of ['password1234', 'qwertyuiop12', '123456789012', 'Password1234!']) {
        const common = await create('common-pw', pw);
        expect(common.statusCode, pw).toBe(400);
        expect(common.json()).toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
      }
      const named = await create('zhangxiaoming', 'zhangxiaoming1');
      expect(named.json()).toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
      const fine = await create('good-pw', 'lao-huai-shu-kai-hua');
      expect(fine.statusCode, fine.body).toBe(201);
    });

    it('a changed password follows the same rules', async () => {
      const clerk = await t.login('clerk-qyd');
      const common = await clerk.call('POST', '/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'iloveyou1234',
      });
      expect(common.json()).toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
      const short = await clerk.call('POST', '/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'short-pw-1',
      });
      expect(short.json()).toMatchObject({ code: 'WEAK_PASSWORD' });
      expect(short.json<{ detail?: string; title: string }>().title).toBeTruthy();
    });

    it('an existing account with an older, shorter password still logs in', async () => {
      await t.testDb.db.kysely
        .updateTable('accounts')
        .set({ password_hash: await hashPassword('old-pw-1234') }) // 11 characters, pre-rule
        .where('username', '=', 'organiser')
        .execute();
      const res = await login(t.app, { username: 'organiser', password: 'old-pw-1234' });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('the administrators’ second factor (point 13)', () => {
    it('enrol (secret once, encrypted at rest), confirm, then login needs a code once', async () => {
      const admin = await t.login('admin');
      const start = await admin.call('POST', '/api/v1/auth/totp/enrolment');
      expect(start.statusCode, start.body).toBe(200);
      const { secret, uri, qrSvg } = start.json<{ secret: string; uri: string; qrSvg: string }>();
      expect(uri).toContain(`secret=${secret}`);
      expect(qrSvg).toContain('<svg');
      const row = await t.testDb.db.kysely
        .selectFrom('accounts')
        .select(['totp_secret_cipher', 'totp_enabled_at'])
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(row.totp_secret_cipher).toMatch(/^v1\./);
      expect(row.totp_secret_cipher).not.toContain(secret);
      expect(row.totp_enabled_at).toBeNull();
      // Not on yet: the password alone still works.
      expect((await login(t.app, { username: 'admin', password: DEMO_PASSWORD })).statusCode).toBe(
        200,
      );

      const bad = await admin.call('POST', '/api/v1/auth/totp/confirmation', { code: '000000' });
      expect(bad.json()).toMatchObject({ code: 'TOTP_INVALID' });
      const confirm = await admin.call('POST', '/api/v1/auth/totp/confirmation', {
        code: await totpCodeAt(secret, t.clock.now),
      });
      expect(confirm.statusCode, confirm.body).toBe(200);
      const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
      expect(recoveryCodes).toHaveLength(10);

      t.clock.advance(60_000);
      const noCode = await login(t.app, { username: 'admin', password: DEMO_PASSWORD });
      expect(noCode.statusCode).toBe(401);
      expect(noCode.json()).toMatchObject({ code: 'TOTP_REQUIRED' });
      expect(noCode.cookies.find((c) => c.name === 'ds_session')).toBeUndefined();
      const wrongCode = await login(t.app, {
        username: 'admin',
        password: DEMO_PASSWORD,
        otp: '123456',
      });
      expect(wrongCode.json()).toMatchObject({ code: 'TOTP_INVALID' });
      const code = await totpCodeAt(secret, t.clock.now);
      const ok = await login(t.app, { username: 'admin', password: DEMO_PASSWORD, otp: code });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ secondFactor: { enabled: true } });
      // The same code again (a replay, or a second node) is refused.
      const replay = await login(t.app, { username: 'admin', password: DEMO_PASSWORD, otp: code });
      expect(replay.json()).toMatchObject({ code: 'TOTP_INVALID' });
      // A wrong password with a right code is just a wrong password.
      t.clock.advance(30_000);
      const wrongPw = await login(t.app, {
        username: 'admin',
        password: 'not-the-password',
        otp: await totpCodeAt(secret, t.clock.now),
      });
      expect(wrongPw.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });

      // A recovery code works once.
      const recovery = recoveryCodes[0]!.toUpperCase();
      const viaRecovery = await login(t.app, {
        username: 'admin',
        password: DEMO_PASSWORD,
        otp: recovery,
      });
      expect(viaRecovery.statusCode).toBe(200);
      const again = await login(t.app, {
        username: 'admin',
        password: DEMO_PASSWORD,
        otp: recovery,
      });
      expect(again.json()).toMatchObject({ code: 'TOTP_INVALID' });

      // Bearer tokens for devices ask for the code too.
      const token = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { username: 'admin', password: DEMO_PASSWORD, label: 'script' },
      });
      expect(token.json()).toMatchObject({ code: 'TOTP_REQUIRED' });
      t.clock.advance(30_000);
      const token2 = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: {
          username: 'admin',
          password: DEMO_PASSWORD,
          label: 'script',
          otp: await totpCodeAt(secret, t.clock.now),
        },
      });
      expect(token2.statusCode, token2.body).toBe(201);
    });

    it('wrong codes count as failed logins: they cannot be guessed faster than passwords', async () => {
      const codes: number[] = [];
      for (let i = 0; i < LIMITS.userAtIp + 1; i++) {
        const res = await login(
          t.app,
          { username: 'admin', password: DEMO_PASSWORD, otp: String(100000 + i) },
          { ip: '10.44.0.1' },
        );
        codes.push(res.statusCode);
      }
      expect(codes.at(-1)).toBe(429);
      t.clock.advance(16 * 60_000);
    });

    it('the owner can turn it off with a current code; then the password alone works again', async () => {
      const row = await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('totp_secret_cipher')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      const secret = t.pii.decrypt(row.totp_secret_cipher!);
      t.clock.advance(30_000);
      const signedIn = await login(t.app, {
        username: 'admin',
        password: DEMO_PASSWORD,
        otp: await totpCodeAt(secret, t.clock.now),
      });
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      const cookie = `ds_session=${signedIn.cookies.find((c) => c.name === 'ds_session')!.value}`;
      const off = (code: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/totp/removal',
          headers: { cookie, 'content-type': 'application/json' },
          payload: { code },
        });
      expect((await off('000000')).json()).toMatchObject({ code: 'TOTP_INVALID' });
      t.clock.advance(30_000);
      expect((await off(await totpCodeAt(secret, t.clock.now))).statusCode).toBe(204);
      const events = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'account.%')
        .execute();
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining([
          'account.totp_enabled',
          'account.recovery_code_used',
          'account.totp_disabled',
        ]),
      );
      expect((await login(t.app, { username: 'admin', password: DEMO_PASSWORD })).statusCode).toBe(
        200,
      );
    });

    it('REQUIRE_ADMIN_2FA: an administrator without a second factor can only enrol', async () => {
      const strict = await node({ REQUIRE_ADMIN_2FA: 'true' });
      // Another administrator, without a second factor.
      await createAccount(t.testDb.db.kysely, {
        username: 'admin-two',
        displayName: '第二管理员',
        password: 'lao-huai-shu-kai-hua',
        grants: [{ role: 'admin', regionCode: '110115000000' }],
        actor: { accountId: null, role: null, stationId: null },
        now: t.clock.now,
      });
      const res = await login(strict, { username: 'admin-two', password: 'lao-huai-shu-kai-hua' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ secondFactor: { enabled: false, required: true } });
      const cookie = `ds_session=${res.cookies.find((c) => c.name === 'ds_session')!.value}`;
      const get = (url: string) => strict.inject({ method: 'GET', url, headers: { cookie } });
      const blocked = await get('/api/v1/residents?limit=5');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ code: 'TOTP_ENROLMENT_REQUIRED' });
      expect((await get('/api/v1/auth/me')).statusCode).toBe(200);
      const start = await strict.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/enrolment',
        headers: { cookie },
      });
      const { secret } = start.json<{ secret: string }>();
      const confirm = await strict.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/confirmation',
        headers: { cookie, 'content-type': 'application/json' },
        payload: { code: await totpCodeAt(secret, t.clock.now) },
      });
      expect(confirm.statusCode, confirm.body).toBe(200);
      expect((await get('/api/v1/residents?limit=5')).statusCode).toBe(200);
      // Required means it cannot be turned off.
      t.clock.advance(30_000);
      const off = await strict.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/removal',
        headers: { cookie, 'content-type': 'application/json' },
        payload: { code: await totpCodeAt(secret, t.clock.now) },
      });
      expect(off.json()).toMatchObject({ code: 'TOTP_REQUIRED_BY_POLICY' });
      // Other roles are not asked to enrol.
      const clerk = await login(strict, { username: 'clerk', password: DEMO_PASSWORD });
      expect(clerk.json()).toMatchObject({ secondFactor: { enabled: false, required: false } });
    });
  });
});
