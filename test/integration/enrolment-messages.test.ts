/**
 * Issue #15 point 5, CP-2: a guardian hears by SMS (enrolment_offer) that a seat is held for
 * their child — whether a withdrawal, a declined offer or the expiry sweep passed it on — once per
 * offer, in the transaction that offered it: a retried withdrawal with the same Idempotency-Key
 * queues nothing more; a guardian without a phone gets none (the offer stands); a failure after the
 * message was queued leaves neither the offer nor the message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireOffers } from '../../src/modules/programs/expire-offers.ts';
import { onSeatsOffered } from '../../src/modules/programs/seats-offered.port.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { subjectOutbox } from './messages.fixtures.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';

describe('X-5 the guardian’s SMS when a seat is offered (issue #15 point 5)', () => {
  let t: TestApp;
  let organiser: Client;
  let g: BulkGuardian[] = [];
  let classId = '';
  let className = '';
  const enrolment = new Map<number, string>();
  const PHONES = ['13800000000', '13800000001', '13800000002', null, '13800000004'];
  const db = () => t.testDb.db.kysely;
  const as = (i: number, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${g[i]!.token}`,
        'content-type': 'application/json',
        ...headers,
      },
      payload: '{}',
    });
  const outbox = (i: number) => subjectOutbox(t, { type: 'enrolment', id: enrolment.get(i)! });
  const statusOf = async (i: number) =>
    (
      await db()
        .selectFrom('enrolments')
        .select('status')
        .where('id', '=', enrolment.get(i)!)
        .executeTakeFirstOrThrow()
    ).status;
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
    t = await createTestApp({ residents: 5 });
    organiser = await t.login('organiser');
    g = await bulkGuardians(db(), t.pii, 5);
    for (const [i, phone] of PHONES.entries())
      if (phone)
        await db()
          .updateTable('accounts')
          .set({ phone_cipher: t.pii.encrypt(phone), phone_masked: '138****0000' })
          .where('id', '=', g[i]!.accountId)
          .execute();
    const res = await organiser.call('POST', '/api/v1/programs', summerProgram(1));
    expect(res.statusCode, res.body).toBe(201);
    const klass = res.json<{ classes: { id: string; name: string }[] }>().classes[0]!;
    classId = klass.id;
    className = klass.name;
    for (const i of [0, 1, 2, 3, 4]) {
      const enrol = await t.app.inject({
        method: 'POST',
        url: `/api/v1/programs/classes/${classId}/enrolments`,
        headers: { authorization: `Bearer ${g[i]!.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ childId: g[i]!.childId }),
      });
      expect(enrol.statusCode, enrol.body).toBe(201);
      enrolment.set(i, enrol.json<{ id: string }>().id);
    }
  }, 120_000);
  afterAll(async () => t.close());

  it('a withdrawal offers the seat: one SMS to the next guardian, also when the request is retried', async () => {
    const key = { 'idempotency-key': 'withdraw-0' };
    const url = `/api/v1/programs/enrolments/${enrolment.get(0)}/withdraw`;
    expect((await as(0, url, key)).statusCode).toBe(200);
    expect((await as(0, url, key)).statusCode).toBe(200);
    expect(await statusOf(1)).toBe('offered');
    const until = new Date(t.clock.now.getTime() + 24 * 3600_000 + 8 * 3600_000)
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ');
    expect(await outbox(1)).toEqual([
      {
        template: 'enrolment_offer',
        to: PHONES[1],
        params: { child: '孩子1', className, until },
        status: 'queued',
        regionCode: expect.stringMatching(/^110115/) as string,
        text: `【家门口】${className}为孩子1留出名额，请于 ${until} 前确认，逾期顺延。`,
      },
    ]);
  });

  it('a declined offer and an expired one pass the seat on, each with its SMS; no phone, no SMS', async () => {
    expect(
      (await as(1, `/api/v1/programs/enrolments/${enrolment.get(1)}/decline`)).statusCode,
    ).toBe(200);
    expect(await statusOf(2)).toBe('offered');
    expect((await outbox(2)).map((m) => m.to)).toEqual([PHONES[2]]);
    t.clock.advance(24 * 3600_000 + 1000);
    const before = await count();
    expect(await expireOffers(db(), { now: t.clock.now })).toBe(1);
    expect(await statusOf(3)).toBe('offered'); // guardian 3 has no phone
    expect(await outbox(3)).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('a failure after the SMS was queued: neither the offer nor the SMS', async () => {
    onSeatsOffered('test.fail', () => Promise.reject(new Error('a later step failed')));
    const before = await count();
    try {
      const r = await as(3, `/api/v1/programs/enrolments/${enrolment.get(3)}/decline`);
      expect(r.statusCode).toBe(500);
    } finally {
      onSeatsOffered('test.fail', () => Promise.resolve());
    }
    expect(await statusOf(3)).toBe('offered');
    expect(await statusOf(4)).toBe('waitlisted');
    expect(await count()).toBe(before);
    expect(
      (await as(3, `/api/v1/programs/enrolments/${enrolment.get(3)}/decline`)).statusCode,
    ).toBe(200);
    expect((await outbox(4)).map((m) => m.to)).toEqual([PHONES[4]]);
  });
});
