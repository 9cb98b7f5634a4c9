/**
 * Issue #15 point 6: webhook subscribers — registered by an administrator (secret shown
 * once, stored encrypted, audited), deliveries signed with HMAC-SHA256 and verifiable by the
 * receiver, retried with backoff on 5xx, not retried on 4xx, a delivery log, the test button, a
 * case's event without full ID numbers or phones; bad input → 4xx problem+json, nothing written.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_TOWN, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { sendDueMessages } from '../../src/modules/notifications/outbox.sender.ts';
import { webhookProvider } from '../../src/modules/webhooks/webhook.provider.ts';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  verifySignature,
} from '../../src/modules/webhooks/webhook-signature.ts';
import { emitWebhookEvent } from '../../src/modules/webhooks/webhook-subscribers.ts';
import { containsPersonalNumber } from '../../src/shared/personal-numbers.ts';
import { drainOutbox } from '../helpers/outbox-drain.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('X-9 webhooks (issue #15 point 6)', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;
  let server: http.Server;
  let url = '';
  const received: Received[] = [];
  /** The status codes the receiver answers, in order (then 200). */
  const answers: number[] = [];
  let sub: { id: string; secret: string } = { id: '', secret: '' };
  const db = () => t.testDb.db.kysely;
  const send = () =>
    sendDueMessages(db(), {
      pii: t.pii,
      providers: { webhook: webhookProvider(db(), { pii: t.pii, now: () => t.clock.now }) },
      nodeId: 'hooks',
      now: t.clock.now,
    });
  const count = async (table: 'webhook_subscribers' | 'outbox_messages' | 'audit_events') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    await drainOutbox(t);
    admin = await t.login('admin');
    clerk = await t.login('clerk');
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answers.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  it('an administrator registers a subscriber; the secret is answered once, stored encrypted, audited', async () => {
    const r = await admin.call(
      'POST',
      '/api/v1/webhooks/subscribers',
      { name: '区政务数据平台', regionCode: PILOT_TOWN, url, events: ['case.closed'] },
      { 'idempotency-key': 'hook-create-1' },
    );
    expect(r.statusCode, r.body).toBe(201);
    sub = r.json<{ id: string; secret: string }>();
    expect(sub.secret).toMatch(/^whsec_/);
    const list = await admin.call('GET', '/api/v1/webhooks/subscribers');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(sub.secret);
    expect(list.json<{ id: string; secretHint: string }[]>().map((s) => s.id)).toContain(sub.id);
    const row = await db()
      .selectFrom('webhook_subscribers')
      .selectAll()
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_cipher).not.toContain(sub.secret);
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', sub.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.created']);
    const events = await admin.call('GET', '/api/v1/webhooks/events');
    expect(events.json<{ events: string[] }>().events).toContain('case.closed');
  });

  it('bad input on every new endpoint → 4xx problem+json, nothing written', async () => {
    const before = await Promise.all([
      count('webhook_subscribers'),
      count('outbox_messages'),
      count('audit_events'),
    ]);
    const good = { name: 'x', regionCode: PILOT_TOWN, url, events: ['case.closed'] };
    const bad: [string, string, unknown, number][] = [
      ['POST', '/api/v1/webhooks/subscribers', { ...good, url: 'ftp://example.cn/x' }, 400],
      ['POST', '/api/v1/webhooks/subscribers', { ...good, url: 'not a url' }, 400],
      ['POST', '/api/v1/webhooks/subscribers', { ...good, events: ['case.exploded'] }, 400],
      ['POST', '/api/v1/webhooks/subscribers', { ...good, events: [] }, 400],
      ['POST', '/api/v1/webhooks/subscribers', { ...good, regionCode: YIZHUANG }, 404],
      ['POST', '/api/v1/webhooks/subscribers', { ...good, extra: 1 }, 400],
      ['POST', '/api/v1/webhooks/subscribers', '{', 400],
      ['POST', '/api/v1/webhooks/subscribers/not-a-uuid/test', undefined, 400],
      ['POST', `/api/v1/webhooks/subscribers/${crypto.randomUUID()}/test`, undefined, 404],
      ['POST', `/api/v1/webhooks/subscribers/${crypto.randomUUID()}/revoke`, undefined, 404],
      ['GET', `/api/v1/webhooks/subscribers/${crypto.randomUUID()}/deliveries`, undefined, 404],
    ];
    for (const [method, path, body, status] of bad) {
      const r = await admin.call(method as 'POST', path, body);
      expect(r.statusCode, `${path} ${JSON.stringify(body)} ${r.body}`).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json<{ code: string }>().code).toBeTruthy();
    }
    // A clerk may not manage webhooks.
    const r = await clerk.call('POST', '/api/v1/webhooks/subscribers', good);
    expect(r.statusCode).toBe(403);
    expect(
      await Promise.all([
        count('webhook_subscribers'),
        count('outbox_messages'),
        count('audit_events'),
      ]),
    ).toEqual(before);
  });

  it('the test button sends a signed delivery the receiver can verify; the log shows it delivered', async () => {
    const r = await admin.call('POST', `/api/v1/webhooks/subscribers/${sub.id}/test`);
    expect(r.statusCode, r.body).toBe(202);
    expect(await send()).toMatchObject({ sent: 1 });
    const got = received.at(-1)!;
    expect(got.headers[EVENT_HEADER]).toBe('webhook.test');
    expect(got.headers[DELIVERY_HEADER]).toMatch(/^hook:/);
    const sig = String(got.headers[SIGNATURE_HEADER]);
    expect(verifySignature(sub.secret, sig, got.body, t.clock.now)).toMatchObject({ ok: true });
    expect(verifySignature('whsec_other', sig, got.body, t.clock.now)).toMatchObject({ ok: false });
    expect(
      verifySignature(
        sub.secret,
        sig,
        got.body.replace('webhook.test', 'case.closed'),
        t.clock.now,
      ),
    ).toMatchObject({ ok: false });
    const log = await admin.call('GET', `/api/v1/webhooks/subscribers/${sub.id}/deliveries`);
    expect(log.json<{ event: string; status: string }[]>()[0]).toMatchObject({
      event: 'webhook.test',
      status: 'delivered',
    });
  });

  it('a case event reaches the town’s subscriber once, carries no ID number or phone; 5xx is retried', async () => {
    const kase = await db()
      .selectFrom('cases')
      .select(['id', 'number', 'accepting_region_code'])
      .where('accepting_region_code', 'like', `${PILOT_TOWN.slice(0, 9)}%`)
      .executeTakeFirstOrThrow();
    const emit = () =>
      db()
        .transaction()
        .execute((trx) =>
          emitWebhookEvent(trx, t.pii, {
            event: 'case.closed',
            eventId: `case:${kase.id}:closed`,
            regionCode: kase.accepting_region_code,
            data: { caseId: kase.id, caseNumber: kase.number, state: 'closed' },
            now: t.clock.now,
          }),
        );
    const [first] = await emit();
    const [again] = await emit(); // the same event twice: one delivery
    expect(again).toBe(first);
    answers.push(503);
    const n = received.length;
    expect(await send()).toMatchObject({ retried: 1 });
    t.clock.advance(30_000);
    expect(await send()).toMatchObject({ sent: 1 });
    const deliveries = received.slice(n);
    expect(deliveries).toHaveLength(2);
    // The retry carries the same delivery id: a receiver that saw the first drops the second.
    expect(deliveries[0]!.headers[DELIVERY_HEADER]).toBe(deliveries[1]!.headers[DELIVERY_HEADER]);
    const body = JSON.parse(deliveries[1]!.body) as { event: string; data: { caseNumber: string } };
    expect(body.event).toBe('case.closed');
    expect(body.data.caseNumber).toBe(kase.number);
    expect(containsPersonalNumber(deliveries[1]!.body)).toBe(false);
    expect(
      verifySignature(
        sub.secret,
        String(deliveries[1]!.headers[SIGNATURE_HEADER]),
        deliveries[1]!.body,
        t.clock.now,
      ),
    ).toMatchObject({ ok: true });
  });

  it('a 4xx answer is permanent: failed, not retried', async () => {
    answers.push(410);
    const r = await admin.call('POST', `/api/v1/webhooks/subscribers/${sub.id}/test`);
    expect(r.statusCode).toBe(202);
    expect(await send()).toMatchObject({ failed: 1 });
    t.clock.advance(3_600_000);
    const n = received.length;
    expect(await send()).toMatchObject({ sent: 0, failed: 0 });
    expect(received.length).toBe(n);
    const log = await admin.call('GET', `/api/v1/webhooks/subscribers/${sub.id}/deliveries`);
    expect(log.json<{ status: string; errorKind: string }[]>()[0]).toMatchObject({
      status: 'failed',
      errorKind: 'permanent',
    });
  });

  it('revoking is final: the test button is refused, queued deliveries fail', async () => {
    await admin.call('POST', `/api/v1/webhooks/subscribers/${sub.id}/test`);
    const r = await admin.call('POST', `/api/v1/webhooks/subscribers/${sub.id}/revoke`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    const again = await admin.call('POST', `/api/v1/webhooks/subscribers/${sub.id}/test`);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('WEBHOOK_REVOKED');
    expect(await send()).toMatchObject({ failed: 1, sent: 0 });
  });
});
