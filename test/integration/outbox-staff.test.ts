/**
 * Issue #15 point 5: staff see a case's and a person's messages with their states and may
 * resend a finished one (a new message, audited); a message still queued, a login code, another
 * case's message are refused; bad input → 4xx problem+json, nothing written.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/modules/notifications/outbox.ts';
import { ProviderError, sendDueMessages } from '../../src/modules/notifications/outbox.sender.ts';
import { drainOutbox } from '../helpers/outbox-drain.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('X-5 a case’s and a person’s messages (issue #15 point 5)', () => {
  let t: TestApp;
  let clerk: Client;
  let caseId = '';
  let residentId = '';
  let phone = '';
  let caseMsg = '';
  let personMsg = '';
  let filed: string[] = [];
  const db = () => t.testDb.db.kysely;
  const count = async () =>
    Number(
      (
        await db()
          .selectFrom('outbox_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    await drainOutbox(t);
    clerk = await t.login('clerk');
    const li = await clerk.call('POST', '/api/v1/residents/lookup', {
      idNumber: '110115194803120019',
    });
    residentId = li.json<{ id: string }>().id;
    const kase = await clerk.call('POST', '/api/v1/cases', {
      residentId,
      itemCode: 'DX-SB-004',
      presented: ['id_card'],
    });
    expect(kase.statusCode, kase.body).toBe(201);
    caseId = kase.json<{ id: string }>().id;
    // The filing's own messages (case-messages.test.ts: demo resident → suppressed).
    filed = (
      await db()
        .selectFrom('outbox_messages')
        .select('id')
        .where('subject_id', '=', caseId)
        .execute()
    ).map((m) => m.id);
    expect(filed).toHaveLength(2); // case_filed + case_supplement (the one-time notice)
    const r = await db()
      .selectFrom('residents')
      .select('phone_cipher')
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow();
    phone = r.phone_cipher ? t.pii.decrypt(r.phone_cipher) : '13911112222';
    await db()
      .transaction()
      .execute(async (trx) => {
        caseMsg = await enqueueMessage(trx, t.pii, {
          channel: 'sms',
          to: phone,
          template: 'case_pickup_ready',
          params: { number: '20260302-00001', station: '三顺庄村便民服务站' },
          subject: { type: 'case', id: caseId },
          now: t.clock.now,
        });
        // A message to the person's phone, about nothing in particular: found by the phone's hash.
        personMsg = await enqueueMessage(trx, t.pii, {
          channel: 'sms',
          to: phone,
          template: 'appt_reminder',
          params: { station: '三顺庄村便民服务站', date: '2026-03-03', time: '09:00' },
          now: t.clock.now,
        });
      });
  });
  afterAll(async () => t.close());

  it('lists a case’s messages with their states (masked recipient, no phone)', async () => {
    const r = await clerk.call('GET', `/api/v1/cases/${caseId}/messages`);
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json<{ id: string; status: string; recipient: string; resendable: boolean }[]>();
    expect(list.map((m) => m.id).sort()).toEqual([caseMsg, ...filed].sort());
    expect(list.find((m) => m.id === caseMsg)).toMatchObject({
      status: 'queued',
      resendable: false,
    });
    for (const id of filed)
      expect(list.find((m) => m.id === id)).toMatchObject({ status: 'suppressed' });
    expect(r.body).not.toContain(phone);
  });

  it('lists a person’s messages, by subject and by their phone', async () => {
    const code = await db()
      .transaction()
      .execute((trx) =>
        enqueueMessage(trx, t.pii, {
          channel: 'sms',
          to: phone,
          template: 'login_code',
          params: { code: '864209', minutes: 5 },
          now: t.clock.now,
        }),
      );
    const r = await clerk.call('GET', `/api/v1/residents/${residentId}/messages`);
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json<{ id: string; text: string | null }[]>();
    const ids = list.map((m) => m.id);
    if (phone !== '13911112222') {
      expect(ids).toEqual(expect.arrayContaining([personMsg, caseMsg, code]));
      // Staff read what a message says, never a login code.
      expect(list.find((m) => m.id === personMsg)!.text).toContain('三顺庄村便民服务站');
      expect(list.find((m) => m.id === code)!.text).toBeNull();
    }
    expect(r.body).not.toContain(phone);
    expect(r.body).not.toContain('864209');
  });

  it('a queued message is not resent; a failed one is, as a new audited message', async () => {
    const early = await clerk.call('POST', `/api/v1/cases/${caseId}/messages/${caseMsg}/resend`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('OUTBOX_RESEND_NOT_ALLOWED');
    await sendDueMessages(db(), {
      pii: t.pii,
      providers: {
        sms: {
          name: 'down',
          channel: 'sms',
          send: () => Promise.reject(new ProviderError('isv.MOBILE_NUMBER_ILLEGAL', 'permanent')),
        },
      },
      nodeId: 'n',
      now: t.clock.now,
    });
    const r = await clerk.call(
      'POST',
      `/api/v1/cases/${caseId}/messages/${caseMsg}/resend`,
      undefined,
      { 'idempotency-key': 'resend-1' },
    );
    expect(r.statusCode, r.body).toBe(201);
    const again = r.json<{ id: string; status: string; resentOf: string }>();
    expect(again).toMatchObject({ status: 'queued', resentOf: caseMsg });
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', again.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['message.resent']);
    const list = await clerk.call('GET', `/api/v1/cases/${caseId}/messages`);
    expect(list.json<{ id: string }[]>()).toHaveLength(2 + filed.length);
  });

  it('bad input → 4xx problem+json, nothing written', async () => {
    const before = await count();
    const cases: [string, string, number][] = [
      ['GET', '/api/v1/cases/not-a-uuid/messages', 400],
      ['GET', `/api/v1/cases/${crypto.randomUUID()}/messages`, 404],
      ['GET', `/api/v1/residents/${crypto.randomUUID()}/messages`, 404],
      ['POST', `/api/v1/cases/${caseId}/messages/not-a-uuid/resend`, 400],
      ['POST', `/api/v1/cases/${caseId}/messages/${crypto.randomUUID()}/resend`, 404],
      // Another subject's message through this case: not found here.
      ['POST', `/api/v1/cases/${caseId}/messages/${personMsg}/resend`, 404],
    ];
    for (const [method, url, status] of cases) {
      const r = await clerk.call(method as 'GET', url);
      expect(r.statusCode, `${url} ${r.body}`).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const resident = await t.login('resident');
    expect((await resident.call('GET', `/api/v1/cases/${caseId}/messages`)).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
