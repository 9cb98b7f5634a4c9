/**
 * Issue #15 point 5: the outbox's channels and states on a real database — a provider
 * failing transiently then succeeding sends once; a permanent failure is not retried; a crash
 * between commit and send still sends exactly once (dedupe key); two nodes never send one message
 * twice; a WeChat refusal falls back to SMS; quiet hours and per-number rate limits hold a message;
 * an expired one is never sent; a message that fits no template is refused before queuing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  enqueueMessage,
  enqueueSms,
  type EnqueueInput,
} from '../../src/modules/notifications/outbox.ts';
import {
  CLAIM_LEASE_MS,
  ProviderError,
  sendDueMessages,
  type ChannelProvider,
  type ChannelProviders,
  type OutgoingMessage,
} from '../../src/modules/notifications/outbox.sender.ts';
import { type Channel } from '../../src/modules/notifications/templates.rules.ts';
import {
  DEFAULT_QUIET_HOURS,
  DEFAULT_RATE_LIMITS,
} from '../../src/modules/notifications/delivery.rules.ts';
import { AppError } from '../../src/shared/problem.ts';
import { drainOutbox } from '../helpers/outbox-drain.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A provider that records what it was given and fails as told (per call, in order). */
function fakeProvider(channel: Channel, script: (ProviderError | Error | null)[] = []) {
  const calls: OutgoingMessage[] = [];
  const accepted = new Map<string, OutgoingMessage>(); // by dedupe key: what a receiver keeps
  const provider: ChannelProvider = {
    name: `fake-${channel}`,
    channel,
    async send(m) {
      calls.push(m);
      await new Promise((r) => setImmediate(r));
      const next = script.shift();
      if (next) throw next;
      accepted.set(m.dedupeKey, m);
      return { providerId: `${channel}-${calls.length}` };
    },
  };
  return { provider, calls, accepted };
}

const PHONE = '13912345678';
const SMS = { station: '伊庄村便民服务站', date: '2026-03-03', time: '09:00' };

describe('X-5 outbox channels (issue #15 point 5)', () => {
  let t: TestApp;
  const db = () => t.testDb.db.kysely;
  const enqueue = (m: Omit<EnqueueInput, 'now'>) =>
    db()
      .transaction()
      .execute((trx) => enqueueMessage(trx, t.pii, { ...m, now: t.clock.now }));
  const run = (providers: ChannelProviders, nodeId = 'n1', extra: object = {}) =>
    sendDueMessages(db(), { pii: t.pii, providers, nodeId, now: t.clock.now, ...extra });
  const row = (id: string) =>
    db().selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    await drainOutbox(t);
  });
  afterAll(async () => t.close());
  beforeEach(() => t.clock.advance(2 * 86_400_000)); // each case on a fresh day (rate limits)

  it('a transient failure is retried with backoff and then sent exactly once', async () => {
    const id = await enqueue({
      channel: 'sms',
      to: PHONE,
      template: 'appt_reminder',
      params: SMS,
      dedupeKey: 'test:transient',
    });
    const p = fakeProvider('sms', [new ProviderError('isp.SYSTEM_ERROR', 'transient')]);
    expect(await run({ sms: p.provider })).toMatchObject({ sent: 0, retried: 1 });
    expect((await row(id)).status).toBe('queued');
    expect(await run({ sms: p.provider })).toMatchObject({ sent: 0, retried: 0 }); // not due
    t.clock.advance(30_000);
    expect(await run({ sms: p.provider })).toMatchObject({ sent: 1 });
    expect(await run({ sms: p.provider })).toMatchObject({ sent: 0 });
    expect(p.accepted.size).toBe(1);
    expect(await row(id)).toMatchObject({
      status: 'submitted',
      attempts: 2,
      provider: 'fake-sms',
      error_kind: null,
    });
  });

  it('a permanent failure is not retried', async () => {
    const id = await enqueue({ channel: 'sms', to: PHONE, template: 'appt_reminder', params: SMS });
    const p = fakeProvider('sms', [new ProviderError('isv.MOBILE_NUMBER_ILLEGAL', 'permanent')]);
    expect(await run({ sms: p.provider })).toMatchObject({ failed: 1, retried: 0 });
    t.clock.advance(3_600_000);
    expect(await run({ sms: p.provider })).toMatchObject({ sent: 0, failed: 0 });
    expect(p.calls).toHaveLength(1);
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error_kind: 'permanent',
      last_error: 'isv.MOBILE_NUMBER_ILLEGAL',
    });
  });

  it('a crash between commit and send still sends exactly once (dedupe key)', async () => {
    // The business write committed its message, then the node died before sending; the client
    // retried the write, which queued the same dedupe key again: still one message.
    const a = await enqueue({
      channel: 'sms',
      to: PHONE,
      template: 'appt_reminder',
      params: SMS,
      dedupeKey: 'appt:b-1:reminder',
    });
    const b = await enqueue({
      channel: 'sms',
      to: PHONE,
      template: 'appt_reminder',
      params: SMS,
      dedupeKey: 'appt:b-1:reminder',
    });
    expect(b).toBe(a);
    // A node claims it and dies before the provider answers (the claim is left `sending`).
    await db()
      .updateTable('outbox_messages')
      .set({ status: 'sending', claimed_by: 'dead', claimed_at: t.clock.now.toISOString() })
      .where('id', '=', a)
      .execute();
    const p = fakeProvider('sms');
    expect(await run({ sms: p.provider }, 'n2')).toMatchObject({ sent: 0 }); // lease still held
    t.clock.advance(CLAIM_LEASE_MS + 1000);
    expect(await run({ sms: p.provider }, 'n2')).toMatchObject({ sent: 1 });
    expect(await run({ sms: p.provider }, 'n3')).toMatchObject({ sent: 0 });
    expect(p.calls.map((c) => c.dedupeKey)).toEqual(['appt:b-1:reminder']);
    const n = await db()
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dedupe_key', '=', 'appt:b-1:reminder')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('a node that sent and died before recording it: the resend carries the same dedupe key', async () => {
    const id = await enqueue({
      channel: 'webhook',
      to: 'sub-1',
      template: 'case.filed',
      params: { caseNumber: '20260302-00001' },
      dedupeKey: 'hook:sub-1:evt-1',
    });
    const p = fakeProvider('webhook');
    // Node 1 hands it to the provider, then dies before writing `submitted`.
    await db()
      .updateTable('outbox_messages')
      .set({ status: 'sending', claimed_by: 'n1', claimed_at: t.clock.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await p.provider.send({
      id,
      channel: 'webhook',
      to: 'sub-1',
      template: 'case.filed',
      params: {},
      dedupeKey: 'hook:sub-1:evt-1',
      attempt: 1,
      createdAt: '',
    });
    t.clock.advance(CLAIM_LEASE_MS + 1000);
    expect(await run({ webhook: p.provider }, 'n2')).toMatchObject({ sent: 1 });
    // Two calls, one delivery as the receiver keeps it (by the dedupe key it was given twice).
    expect(p.calls).toHaveLength(2);
    expect(p.accepted.size).toBe(1);
  });

  it('two nodes sweeping at once never send one message twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(
        await enqueue({
          channel: 'email',
          to: `r${i}@example.cn`,
          template: 'case_decided',
          params: {
            number: `20260302-${String(i).padStart(5, '0')}`,
            item: '高龄津贴',
            outcome: '办结',
          },
        }),
      );
    const a = fakeProvider('email');
    const b = fakeProvider('email');
    const [ra, rb] = await Promise.all([
      run({ email: a.provider }, 'a'),
      run({ email: b.provider }, 'b'),
    ]);
    expect(ra.sent + rb.sent).toBe(20);
    const all = [...a.calls, ...b.calls].map((c) => c.id).sort();
    expect(all).toEqual([...ids].sort());
  });

  it('WeChat refused (43101) → the fallback SMS is queued and sent', async () => {
    const id = await enqueue({
      channel: 'wechat',
      to: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      template: 'case_pickup_ready',
      params: { number: '20260302-00001', station: '伊庄村便民服务站' },
      fallbackSmsTo: PHONE,
      subject: { type: 'case', id: 'case-1' },
    });
    const wx = fakeProvider('wechat', [
      new ProviderError('43101 user refuse to accept', 'refused'),
    ]);
    const sms = fakeProvider('sms');
    expect(await run({ wechat: wx.provider, sms: sms.provider })).toMatchObject({
      failed: 1,
      fellBack: 1,
    });
    expect(await row(id)).toMatchObject({ status: 'failed', error_kind: 'refused' });
    const fb = await db()
      .selectFrom('outbox_messages')
      .selectAll()
      .where('fallback_of', '=', id)
      .executeTakeFirstOrThrow();
    expect(fb).toMatchObject({
      channel: 'sms',
      status: 'queued',
      subject_type: 'case',
      subject_id: 'case-1',
    });
    expect(await run({ wechat: wx.provider, sms: sms.provider })).toMatchObject({ sent: 1 });
    expect(sms.calls.map((c) => [c.to, c.template])).toEqual([[PHONE, 'case_pickup_ready']]);
    expect(fb.recipient_cipher).not.toContain(PHONE);
  });

  it('quiet hours hold a reminder until 08:00 China time; a login code goes at once', async () => {
    // 22:30 China time.
    const night = new Date(`${t.clock.now.toISOString().slice(0, 10)}T14:30:00.000Z`);
    t.clock.advance(night.getTime() - t.clock.now.getTime());
    const reminder = await enqueue({
      channel: 'sms',
      to: '13900000001',
      template: 'appt_reminder',
      params: SMS,
    });
    const code = await enqueue({
      channel: 'sms',
      to: '13900000002',
      template: 'login_code',
      params: { code: '123456', minutes: 5 },
    });
    const p = fakeProvider('sms');
    const quiet = { quietHours: DEFAULT_QUIET_HOURS };
    expect(await run({ sms: p.provider }, 'n', quiet)).toMatchObject({ sent: 1, held: 1 });
    expect(p.calls.map((c) => c.id)).toEqual([code]);
    const held = await row(reminder);
    expect(held.status).toBe('queued');
    expect(held.attempts).toBe(0);
    expect(new Date(String(held.next_attempt_at)).toISOString()).toBe(
      new Date(night.getTime() + 9.5 * 3_600_000).toISOString(), // 08:00 China time
    );
    t.clock.advance(9.5 * 3_600_000);
    expect(await run({ sms: p.provider }, 'n', quiet)).toMatchObject({ sent: 1 });
  });

  it('per-number rate limits: one a minute to the same number', async () => {
    const p = fakeProvider('sms');
    const limits = { rateLimits: DEFAULT_RATE_LIMITS };
    const first = await enqueue({
      channel: 'sms',
      to: '13900000003',
      template: 'appt_reminder',
      params: SMS,
    });
    expect(await run({ sms: p.provider }, 'n', limits)).toMatchObject({ sent: 1 });
    const second = await enqueue({
      channel: 'sms',
      to: '13900000003',
      template: 'home_visit_done',
      params: { station: '伊庄村便民服务站', date: '2026-03-04' },
    });
    const other = await enqueue({
      channel: 'sms',
      to: '13900000004',
      template: 'appt_reminder',
      params: SMS,
    });
    expect(await run({ sms: p.provider }, 'n', limits)).toMatchObject({ sent: 1, held: 1 });
    expect(p.calls.map((c) => c.id)).toEqual([first, other]);
    t.clock.advance(60_000);
    expect(await run({ sms: p.provider }, 'n', limits)).toMatchObject({ sent: 1 });
    expect(p.calls.map((c) => c.id)).toEqual([first, other, second]);
  });

  it('a message past its expiry is expired, never sent late', async () => {
    const id = await enqueue({
      channel: 'sms',
      to: PHONE,
      template: 'appt_reminder',
      params: SMS,
      expiresAt: new Date(t.clock.now.getTime() + 60_000),
    });
    t.clock.advance(120_000);
    const p = fakeProvider('sms');
    expect(await run({ sms: p.provider })).toMatchObject({ expired: 1, sent: 0 });
    expect((await row(id)).status).toBe('expired');
    expect(p.calls).toHaveLength(0);
  });

  it('a channel without a provider is left queued (not claimed)', async () => {
    const id = await enqueue({
      channel: 'print',
      to: 'station-1',
      template: 'case_pickup_ready',
      params: { number: '20260302-00001', station: '伊庄村便民服务站' },
    });
    await run({ sms: fakeProvider('sms').provider });
    expect((await row(id)).status).toBe('queued');
  });

  it('a message that fits no template is refused before queuing; the write rolls back', async () => {
    const before = await db()
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const long = '很长的便民服务站名字'.repeat(4);
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          enqueueSms(trx, t.pii, {
            to: PHONE,
            template: 'appt_reminder',
            params: { ...SMS, station: long },
            now: t.clock.now,
          }),
        ),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'OUTBOX_TEMPLATE_INVALID');
    await expect(
      enqueue({
        channel: 'webhook',
        to: 'sub-1',
        template: 'case.filed',
        params: { applicantPhone: PHONE },
      }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'OUTBOX_TEMPLATE_INVALID');
    const after = await db()
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
