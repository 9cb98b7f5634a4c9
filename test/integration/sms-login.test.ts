/**
 * Issue #11: phone login by SMS code through the outbox, and the outbox sender (exactly once
 * under two concurrent senders, retry after a provider failure).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PHONES } from '../../src/modules/demo/seed-demo.ts';
import {
  MAX_ATTEMPTS,
  sendDueMessages,
  type SmsProvider,
} from '../../src/modules/notifications/outbox.sender.ts';
import { drainOutbox } from '../helpers/outbox-drain.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A provider that records what it sent (and can fail on demand). */
function recordingProvider(opts: { failTimes?: number; delayMs?: number } = {}) {
  const sent: { to: string; code: string }[] = [];
  let failures = opts.failTimes ?? 0;
  const provider: SmsProvider = {
    name: 'test',
    async send(to, _kind, params) {
      if (opts.delayMs) await new Promise((r) => setImmediate(r));
      if (failures > 0) {
        failures--;
        throw new Error('provider down');
      }
      sent.push({ to, code: String(params.code) });
      return { providerId: `p-${sent.length}` };
    },
  };
  return { provider, sent };
}

describe('SMS-code login (issue #11)', () => {
  let t: TestApp;
  const ip = (n: number) => ({ remoteAddress: `10.0.0.${n}` });
  const post = (url: string, body: unknown, n = 1): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'POST', url, payload: body as object, ...ip(n) });
  const deliver = async () => {
    const r = recordingProvider();
    await sendDueMessages(t.testDb.db.kysely, {
      pii: t.pii,
      provider: r.provider,
      nodeId: 'test',
      now: t.clock.now,
    });
    return r.sent;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await drainOutbox(t); // the demo's own messages are not this file's
  });
  afterAll(async () => t.close());

  it('a resident asks for a code, reads it from the SMS, logs in with a long sliding session', async () => {
    const ask = await post('/api/v1/auth/sms-code', { phone: '+86 138-0000-0001' });
    expect(ask.statusCode, ask.body).toBe(202);
    const sent = await deliver();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(DEMO_PHONES.resident);
    expect(sent[0]!.code).toMatch(/^\d{6}$/);
    const login = await post('/api/v1/auth/sms-login', {
      phone: DEMO_PHONES.resident,
      code: sent[0]!.code,
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json()).toMatchObject({ username: 'resident' });
    const cookie = login.cookies.find((c) => c.name === 'ds_session')!;
    expect(cookie.maxAge).toBe(30 * 24 * 3600);
    // Used once: the same code does not open a second session.
    const again = await post('/api/v1/auth/sms-login', {
      phone: DEMO_PHONES.resident,
      code: sent[0]!.code,
    });
    expect(again.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
    // Sliding: 20 days later it still works, and again 20 days after that.
    const me = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        cookies: { ds_session: cookie.value },
      });
    t.clock.advance(20 * 86400_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(20 * 86400_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(31 * 86400_000);
    expect((await me()).statusCode).toBe(401);
    // The code was never stored in clear.
    const rows = await t.testDb.db.kysely.selectFrom('sms_login_codes').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(sent[0]!.code);
  });

  it('a wrong code is refused; five wrong tries end the code', async () => {
    t.clock.advance(3600_000);
    expect((await post('/api/v1/auth/sms-code', { phone: DEMO_PHONES.volunteer })).statusCode).toBe(
      202,
    );
    const [sms] = await deliver();
    const wrong = sms!.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/v1/auth/sms-login', { phone: DEMO_PHONES.volunteer, code: wrong });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'SMS_CODE_INVALID' });
    }
    const right = await post('/api/v1/auth/sms-login', {
      phone: DEMO_PHONES.volunteer,
      code: sms!.code,
    });
    expect(right.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });

  it('a code expires after 5 minutes; a new one cannot be asked for within 60 s', async () => {
    t.clock.advance(3600_000);
    expect((await post('/api/v1/auth/sms-code', { phone: DEMO_PHONES.guardian })).statusCode).toBe(
      202,
    );
    t.clock.advance(30_000);
    const soon = await post('/api/v1/auth/sms-code', { phone: DEMO_PHONES.guardian });
    expect(soon.statusCode).toBe(429);
    expect(soon.json()).toMatchObject({ code: 'SMS_COOLDOWN' });
    const [sms] = await deliver();
    t.clock.advance(5 * 60_000);
    const late = await post('/api/v1/auth/sms-login', {
      phone: DEMO_PHONES.guardian,
      code: sms!.code,
    });
    expect(late.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
    expect((await post('/api/v1/auth/sms-code', { phone: DEMO_PHONES.guardian })).statusCode).toBe(
      202,
    );
    const [fresh] = await deliver();
    const ok = await post('/api/v1/auth/sms-login', {
      phone: DEMO_PHONES.guardian,
      code: fresh!.code,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('unknown phones and staff phones get the same answer, and no SMS; staff cannot log in by phone', async () => {
    t.clock.advance(3600_000);
    const known = await post('/api/v1/auth/sms-code', { phone: DEMO_PHONES.leader }, 2);
    const unknown = await post('/api/v1/auth/sms-code', { phone: '13999999999' }, 2);
    const staff = await post('/api/v1/auth/sms-code', { phone: DEMO_PHONES.vstaff }, 2);
    for (const r of [unknown, staff]) {
      expect(r.statusCode).toBe(known.statusCode);
      expect(r.body).toBe(known.body);
    }
    const sent = await deliver();
    expect(sent.map((s) => s.to)).toEqual([DEMO_PHONES.leader]);
    // The cooldown answers alike too.
    const again = await post('/api/v1/auth/sms-code', { phone: '13999999999' }, 2);
    expect(again.json()).toMatchObject({ code: 'SMS_COOLDOWN' });
    for (const code of ['123456', '654321']) {
      const r = await post('/api/v1/auth/sms-login', { phone: DEMO_PHONES.vstaff, code }, 2);
      expect(r.statusCode).toBe(401);
    }
    const bad = await post('/api/v1/auth/sms-code', { phone: '12345' }, 2);
    expect(bad.statusCode).toBe(400);
  });
});

describe('the outbox sender (issue #11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await drainOutbox(t); // the demo's own messages are not this file's
  });
  afterAll(async () => t.close());

  const askCodes = async () => {
    for (const [i, who] of (['resident', 'volunteer', 'leader', 'guardian'] as const).entries()) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sms-code',
        payload: { phone: DEMO_PHONES[who] },
        remoteAddress: `10.1.0.${i}`,
      });
      expect(r.statusCode, r.body).toBe(202);
    }
  };

  it('two senders at once send each message exactly once', async () => {
    await askCodes();
    const a = recordingProvider({ delayMs: 1 });
    const b = recordingProvider({ delayMs: 1 });
    const run = (p: SmsProvider, nodeId: string) =>
      sendDueMessages(t.testDb.db.kysely, { pii: t.pii, provider: p, nodeId, now: t.clock.now });
    const [ra, rb] = await Promise.all([run(a.provider, 'a'), run(b.provider, 'b')]);
    expect(ra.sent + rb.sent).toBe(4);
    const all = [...a.sent, ...b.sent].map((s) => s.to).sort();
    expect(all).toEqual(
      [
        DEMO_PHONES.resident,
        DEMO_PHONES.volunteer,
        DEMO_PHONES.leader,
        DEMO_PHONES.guardian,
      ].sort(),
    );
    // The login codes (the demo's own messages are stored suppressed and never sent).
    const rows = await t.testDb.db.kysely
      .selectFrom('outbox_messages')
      .selectAll()
      .where('template_kind', '=', 'login_code')
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === 'submitted' && r.attempts === 1)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(DEMO_PHONES.resident); // stored encrypted
  });

  it('a provider failure is retried after a delay; after MAX_ATTEMPTS the message fails', async () => {
    t.clock.advance(3600_000);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-code',
      payload: { phone: DEMO_PHONES.resident },
      remoteAddress: '10.2.0.1',
    });
    const flaky = recordingProvider({ failTimes: 1 });
    const run = () =>
      sendDueMessages(t.testDb.db.kysely, {
        pii: t.pii,
        provider: flaky.provider,
        nodeId: 'n',
        now: t.clock.now,
      });
    expect(await run()).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    expect(await run()).toMatchObject({ sent: 0, retried: 0, failed: 0 }); // not due yet
    t.clock.advance(30_000);
    expect(await run()).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(flaky.sent).toHaveLength(1);

    t.clock.advance(3600_000);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-code',
      payload: { phone: DEMO_PHONES.volunteer },
      remoteAddress: '10.2.0.2',
    });
    const down = recordingProvider({ failTimes: 99 });
    let failed = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const r = await sendDueMessages(t.testDb.db.kysely, {
        pii: t.pii,
        provider: down.provider,
        nodeId: 'n',
        now: t.clock.now,
      });
      failed += r.failed;
      t.clock.advance(3 * 3600_000);
    }
    expect(failed).toBe(1);
    const last = await t.testDb.db.kysely
      .selectFrom('outbox_messages')
      .select(['status', 'attempts', 'last_error'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'provider down' });
  });
});
