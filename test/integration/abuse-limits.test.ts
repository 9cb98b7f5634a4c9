/**
 * X-2 abuse (issue #10 points 12, 13): forwarded-address spoofing, the per-account and per-case
 * limits, the station's shared address, the tracking code, password rules, the administrators'
 * second factor, and the HTTP headers of uploads, API JSON and the docs.
 *
 * This file: forwarded addresses, the login limits and tracking (point 12).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/modules/auth/login-throttle.ts';
import { TRACK_CASE_LIMIT } from '../../src/modules/cases/case.tracking.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { abuseHelpers, LI } from './abuse.fixtures.ts';

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
});
