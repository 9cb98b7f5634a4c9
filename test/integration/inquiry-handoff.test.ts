/**
 * Issue #14 GS-12 → GS-4 on a real database (both dialects): the refused matter is recorded as an
 * inquiry and handed on in ONE request and ONE transaction (POST /inquiries/handed-on). Bad input
 * is 4xx problem+json; a hand-off refused (the clerk themself, someone out of reach, an unknown
 * post) writes nothing — no orphan inquiry, no hand-off, no notification; a retry with the same
 * Idempotency-Key replays the stored answer and writes nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const ITEM = 'DX-MZ-002';

interface Answer {
  inquiry: { id: string; status: string; firstResponder: { id: string }; itemCode: string };
  handoff: { id: string; entityType: string; entityId: string; status: string; to: { id: string } };
}

describe('GS-4 a refused matter: inquiry and hand-off in one transaction', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let li = '';
  const db = () => t.testDb.db.kysely;
  const count = async (table: 'inquiries' | 'handoffs' | 'notifications') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    inquiries: await count('inquiries'),
    handoffs: await count('handoffs'),
    notifications: await count('notifications'),
  });
  const inquiry = () => ({
    channel: 'walk_in',
    residentId: li,
    itemCode: ITEM,
    question: '申请临时救助',
    answer: '本人未持该事项资质，转交有资质的同事受理',
  });
  const send = (who: Client, body: unknown, key?: string) =>
    who.call(
      'POST',
      '/api/v1/inquiries/handed-on',
      body,
      key ? { 'Idempotency-Key': key } : undefined,
    );

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['clerk', 'town', 'resident']) c[u] = await t.login(u);
    for (const u of ['clerk', 'town'])
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    li = (
      await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('bad input and a refused hand-off are 4xx problem+json and write nothing', async () => {
    const before = await counts();
    const handoff = { toAccountId: id.town, reason: '需持证受理' };
    const bad: [Client, unknown, number, string][] = [
      [c.clerk!, { inquiry: inquiry() }, 400, 'VALIDATION_FAILED'],
      [
        c.clerk!,
        { inquiry: inquiry(), handoff: { reason: '需持证受理' } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        c.clerk!,
        {
          inquiry: inquiry(),
          handoff: { ...handoff, toPostId: '00000000-0000-4000-8000-000000000000' },
        },
        400,
        'VALIDATION_FAILED',
      ],
      [c.clerk!, { inquiry: { ...inquiry(), channel: 'fax' }, handoff }, 400, 'VALIDATION_FAILED'],
      [c.clerk!, { inquiry: inquiry(), handoff, extra: 1 }, 400, 'VALIDATION_FAILED'],
      // the inquiry itself refused: an unknown item
      [
        c.clerk!,
        { inquiry: { ...inquiry(), itemCode: 'NO-SUCH-ITEM' }, handoff },
        404,
        'CATALOG_ITEM_NOT_FOUND',
      ],
      // the hand-off refused: to oneself, to an unknown account, to an unknown post
      [
        c.clerk!,
        { inquiry: inquiry(), handoff: { toAccountId: id.clerk, reason: '需持证受理' } },
        422,
        'HANDOFF_RECEIVER_INVALID',
      ],
      [
        c.clerk!,
        {
          inquiry: inquiry(),
          handoff: { toAccountId: '00000000-0000-4000-8000-000000000000', reason: '需持证受理' },
        },
        422,
        'HANDOFF_RECEIVER_INVALID',
      ],
      [
        c.clerk!,
        {
          inquiry: inquiry(),
          handoff: { toPostId: '00000000-0000-4000-8000-000000000000', reason: '需持证受理' },
        },
        404,
        'POST_NOT_FOUND',
      ],
      [c.resident!, { inquiry: inquiry(), handoff }, 403, 'FORBIDDEN'],
    ];
    for (const [who, body, status, code] of bad) {
      const r = await send(who, body, `bad-${Math.random()}`);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect({ status: r.statusCode, code: r.json<{ code: string }>().code }, r.body).toEqual({
        status,
        code,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('records the inquiry and hands it on at once; a retry replays, writing nothing more', async () => {
    const before = await counts();
    const body = { inquiry: inquiry(), handoff: { toAccountId: id.town, reason: '需持证受理' } };
    const res = await send(c.clerk!, body, 'refusal-handoff-0001');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Answer>();
    expect(a.inquiry).toMatchObject({
      status: 'open',
      firstResponder: { id: id.clerk },
      itemCode: ITEM,
    });
    expect(a.handoff).toMatchObject({
      entityType: 'inquiry',
      entityId: a.inquiry.id,
      status: 'pending',
      to: { id: id.town },
    });
    const after = await counts();
    expect(after).toEqual({
      inquiries: before.inquiries + 1,
      handoffs: before.handoffs + 1,
      notifications: before.notifications + 1, // the receiver's handoff_received
    });
    const replay = await send(c.clerk!, body, 'refusal-handoff-0001');
    expect(replay.statusCode).toBe(201);
    expect(replay.json<Answer>()).toEqual(a);
    expect(await counts()).toEqual(after);
    // the same key with another body is refused
    const other = await send(
      c.clerk!,
      { ...body, handoff: { ...body.handoff, reason: '另一个原因' } },
      'refusal-handoff-0001',
    );
    expect(other.statusCode).toBe(422);
    expect(await counts()).toEqual(after);
    // the receiver sees it; the inquiry is one hand-off away from its first responder
    const box = await c.town!.call('GET', '/api/v1/handoffs?box=incoming');
    expect(box.json<{ id: string }[]>().map((h) => h.id)).toContain(a.handoff.id);
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', 'in', [a.inquiry.id, a.handoff.id])
      .orderBy('seq')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['inquiry.recorded', 'handoff.created']);
  });
});
