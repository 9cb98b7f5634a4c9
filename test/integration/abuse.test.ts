/**
 * X-2 abuse (issue #10 points 12, 13): forwarded-address spoofing, the per-account and per-case
 * limits, the station's shared address, the tracking code, password rules, the administrators'
 * second factor, and the HTTP headers of uploads, API JSON and the docs.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { LIMITS } from '../../src/modules/auth/login-throttle.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { totpCodeAt } from '../../src/modules/auth/totp.rules.ts';
import { TRACK_CASE_LIMIT } from '../../src/modules/cases/case.tracking.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const LI = '110115194803120019'; // 李长福

describe('abuse (X-2)', () => {
  let t: TestApp;
  const extra: FastifyInstance[] = [];

  /** Another node on the same database with its own environment (TRUST_PROXY, REQUIRE_ADMIN_2FA…). */
  async function node(
    env: Record<string, string>,
    setup?: (app: FastifyInstance) => void,
  ): Promise<FastifyInstance> {
    const config = loadConfig({
      DOORSTEP_ENV: 'test',
      LOG_LEVEL: 'silent',
      WEB_DIST: 'no-web-in-tests',
      ...env,
    });
    const app = await buildApp({ config, db: t.testDb.db, pii: t.pii, now: () => t.clock.now });
    setup?.(app);
    await app.ready();
    extra.push(app);
    return app;
  }

  const login = (
    app: FastifyInstance,
    body: Record<string, string>,
    opts: { ip?: string; headers?: Record<string, string> } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: body,
      remoteAddress: opts.ip ?? '127.0.0.1',
      ...(opts.headers ? { headers: opts.headers } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t.close();
  });

  describe('forwarded addresses (point 12)', () => {
    it.each([
      ['1', 'supervisor', '203.0.113.9'],
      ['true', 'town', '203.0.113.10'], // the README's old production value
    ])(
      'with TRUST_PROXY=%s, a forged X-Forwarded-For does not reset the per-address count',
      async (trust, username, client) => {
        const behindProxy = await node({ TRUST_PROXY: trust });
        const codes: number[] = [];
        for (let i = 0; i < LIMITS.userAtIp + 2; i++) {
          // The client forges the first entry; the proxy (10.0.0.2) appends the address it saw.
          const res = await login(
            behindProxy,
            { username, password: `wrong-guess-${i}` },
            { ip: '10.0.0.2', headers: { 'x-forwarded-for': `198.51.100.${i}, ${client}` } },
          );
          codes.push(res.statusCode);
        }
        expect(codes.slice(0, LIMITS.userAtIp)).toEqual(Array(LIMITS.userAtIp).fill(401));
        expect(codes.slice(LIMITS.userAtIp)).toEqual([429, 429]);
        const bucket = await t.testDb.db.kysely
          .selectFrom('login_throttle')
          .select('bucket')
          .where('bucket', 'like', 'ip:%')
          .execute();
        expect(bucket.map((b) => b.bucket)).toContain(`ip:${client}`);
        expect(bucket.map((b) => b.bucket)).not.toContain('ip:198.51.100.0');
      },
    );

    it('TRUST_PROXY=true is one hop, not "believe every header"; unset ignores the header', async () => {
      const seen: string[] = [];
      const probe = (app: FastifyInstance) =>
        app.get('/probe-ip', async (request) => {
          seen.push(request.ip);
          return {};
        });
      const forged = { 'x-forwarded-for': '1.1.1.1, 203.0.113.50' };
      const envs: Record<string, string>[] = [
        { TRUST_PROXY: 'true' },
        { TRUST_PROXY: '10.0.0.0/8' },
        {},
      ];
      for (const env of envs) {
        const app = await node(env, probe);
        await app.inject({
          method: 'GET',
          url: '/probe-ip',
          remoteAddress: '10.0.0.2',
          headers: forged,
        });
      }
      expect(seen).toEqual(['203.0.113.50', '203.0.113.50', '10.0.0.2']);
    });
  });

  describe('login limits (point 12)', () => {
    it('60 wrong passwords for one account from 60 addresses: locked after the per-account limit', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 60; i++) {
        const res = await login(
          t.app,
          { username: 'district', password: `spray-${i}-guess` },
          { ip: `172.16.${Math.floor(i / 250)}.${i % 250}` },
        );
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, LIMITS.account)).toEqual(Array(LIMITS.account).fill(401));
      expect(codes.slice(LIMITS.account).every((c) => c === 429)).toBe(true);
      // The right password from yet another address is refused too while the window lasts.
      const right = await login(
        t.app,
        { username: 'district', password: DEMO_PASSWORD },
        { ip: '172.31.0.1' },
      );
      expect(right.statusCode).toBe(429);
      expect(right.json()).toMatchObject({ code: 'LOGIN_RATE_LIMITED' });
      t.clock.advance(16 * 60_000);
      const later = await login(
        t.app,
        { username: 'district', password: DEMO_PASSWORD },
        { ip: '172.31.0.1' },
      );
      expect(later.statusCode).toBe(200);
    });

    it('a station’s many successful logins do not use up its shared address', async () => {
      const station = '192.0.2.77';
      const clerks = ['clerk', 'agent', 'town', 'supervisor', 'admin'];
      for (let round = 0; round < 6; round++) {
        for (const username of clerks) {
          const res = await login(t.app, { username, password: DEMO_PASSWORD }, { ip: station });
          expect(res.statusCode, res.body).toBe(200);
        }
      }
      const bucket = await t.testDb.db.kysely
        .selectFrom('login_throttle')
        .select('failures')
        .where('bucket', '=', `ip:${station}`)
        .executeTakeFirst();
      expect(Number(bucket?.failures ?? 0)).toBe(0); // 30 logins, none counted
      // A station at its limit of failures… still counts only failures: fill it up to one short.
      await t.testDb.db.kysely
        .updateTable('login_throttle')
        .set({ failures: LIMITS.ip - 1 })
        .where('bucket', '=', `ip:${station}`)
        .execute();
      for (let i = 0; i < 20; i++) {
        const ok = await login(
          t.app,
          { username: clerks[i % clerks.length]!, password: DEMO_PASSWORD },
          { ip: station },
        );
        expect(ok.statusCode).toBe(200);
      }
    });
  });

  describe('tracking (point 12)', () => {
    let kase = { id: '', number: '', trackingCode: '' };
    const track = (number: string, code: string, ip: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/track?number=${number}&code=${encodeURIComponent(code)}`,
        remoteAddress: ip,
      });

    beforeAll(async () => {
      const clerk = await t.login('clerk');
      const liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
        id: string;
      }>().id;
      const filed = await clerk.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      });
      expect(filed.statusCode, filed.body).toBe(201);
      kase = filed.json();
    });

    it('needs the random tracking code, not the phone’s last 4 digits', async () => {
      expect(kase.trackingCode).toMatch(/^\d{8}$/);
      const ok = await track(kase.number, kase.trackingCode, '198.18.0.1');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ number: kase.number });
      const spaced = `${kase.trackingCode.slice(0, 4)} ${kase.trackingCode.slice(4)}`;
      expect((await track(kase.number, spaced, '198.18.0.1')).statusCode).toBe(200);
      const byPhone = await t.app.inject({
        method: 'GET',
        url: `/api/v1/track?number=${kase.number}&phoneLast4=5678`,
        remoteAddress: '198.18.0.1',
      });
      expect(byPhone.statusCode).toBe(400);
      // Another case filed the same day gets an unrelated code.
      const clerk = await t.login('clerk');
      const second = await clerk.call('POST', '/api/v1/cases', {
        residentId: (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
          id: string;
        }>().id,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      });
      expect(second.json<{ trackingCode: string }>().trackingCode).not.toBe(kase.trackingCode);
    });

    it('guessing one case number from many addresses is blocked per case number', async () => {
      const codes: number[] = [];
      const wrong = (i: number) =>
        String((Number(kase.trackingCode) + 1 + i) % 100_000_000).padStart(8, '0');
      for (let i = 0; i < TRACK_CASE_LIMIT.perWindow + 3; i++) {
        codes.push((await track(kase.number, wrong(i), `198.19.${i}.1`)).statusCode);
      }
      expect(codes.slice(0, TRACK_CASE_LIMIT.perWindow)).toEqual(
        Array(TRACK_CASE_LIMIT.perWindow).fill(404),
      );
      expect(codes.slice(TRACK_CASE_LIMIT.perWindow)).toEqual([429, 429, 429]);
      // While it lasts, even the right code is refused: the guesser learns nothing.
      const right = await track(kase.number, kase.trackingCode, '198.19.200.1');
      expect(right.statusCode).toBe(429);
      expect(right.json()).toMatchObject({ code: 'TRACKING_RATE_LIMITED' });
      expect(right.headers['retry-after']).toBeDefined();
      t.clock.advance(TRACK_CASE_LIMIT.windowMs + 1000);
      expect((await track(kase.number, kase.trackingCode, '198.19.200.1')).statusCode).toBe(200);
    });

    it('right codes do not use up the case number’s budget', async () => {
      t.clock.advance(TRACK_CASE_LIMIT.windowMs + 1000);
      for (let i = 0; i < TRACK_CASE_LIMIT.perWindow + 5; i++) {
        const res = await track(kase.number, kase.trackingCode, `198.20.${i}.1`);
        expect(res.statusCode).toBe(200);
      }
    });
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

  describe('HTTP headers', () => {
    it('uploaded PDFs download (never render on our origin), sandboxed, no sniffing', async () => {
      const clerk = await t.login('clerk');
      const liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
        id: string;
      }>().id;
      const filed = await clerk.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-004',
        presented: ['id_card'],
      });
      const caseId = filed.json<{ id: string }>().id;
      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R /OpenAction <</S /JavaScript /JS (app.alert(1))>>>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
        'latin1',
      );
      const up = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/attachments?materialKey=claim_form`,
        headers: { 'content-type': 'application/pdf', cookie: clerk.cookie },
        payload: pdf,
      });
      expect(up.statusCode, up.body).toBe(201);
      const file = await clerk.call('GET', up.json<{ url: string }>().url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.headers['content-security-policy']).toMatch(/^sandbox/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['cache-control']).toContain('no-store');
    });

    it('API JSON answers are not stored by browsers or proxies', async () => {
      const clerk = await t.login('clerk');
      const me = await clerk.call('GET', '/api/v1/auth/me');
      expect(me.headers['cache-control']).toBe('no-store');
      const problem = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
      expect(problem.headers['cache-control']).toBe('no-store');
    });

    it('/api/docs is off in production unless API_DOCS=true; the OpenAPI document stays', async () => {
      const key = Buffer.alloc(32, 7).toString('base64');
      const prod = await node({ DOORSTEP_ENV: 'production', DOORSTEP_DATA_KEY: key });
      expect((await prod.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(404);
      expect((await prod.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
      const prodDocs = await node({
        DOORSTEP_ENV: 'production',
        DOORSTEP_DATA_KEY: key,
        API_DOCS: 'true',
      });
      expect((await prodDocs.inject({ method: 'GET', url: '/api/docs' })).statusCode).not.toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).not.toBe(404);
    });
  });
});
