/**
 * 首问负责 over HTTP on a real database (GS-4, X-5): inquiries logged without a case, hand-offs
 * (reach, receiver only, races, deadlines) and the closure notice to the first responder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Inquiry {
  id: string;
  firstResponder: { id: string };
  handlerId: string;
  accountableId: string;
  status: string;
  caseId: string | null;
  resident: { idMasked: string } | null;
}
interface Handoff {
  id: string;
  status: string;
  dueDate: string;
  overdue: boolean;
  accountableId: string;
}
interface Kase {
  id: string;
  version: number;
  firstResponderId: string;
}

describe('GS-4 first-asked responsibility', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let liId = '';

  const loginAll = async () => {
    for (const u of ['clerk', 'agent', 'town', 'district', 'clerk-qyd', 'supervisor', 'volunteer'])
      c[u] = await t.login(u);
  };
  const count = async (table: keyof Database) =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ask = async (who: Client, extra: Record<string, unknown> = {}) => {
    const r = await who.call('POST', '/api/v1/inquiries', {
      channel: 'phone',
      callerDescription: '三顺庄村一位老人',
      question: '社保卡丢了怎么补？',
      itemCode: 'DX-SB-001',
      answer: '带身份证和一寸照片到任一村级服务站办理',
      ...extra,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Inquiry>();
  };
  const handOff = (who: Client, body: Record<string, unknown>) =>
    who.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      reason: '需镇中心答复',
      ...body,
    });
  const inquiry = async (inquiryId: string) =>
    (await c.town!.call('GET', `/api/v1/inquiries/${inquiryId}`)).json<Inquiry>();
  const act = async (who: Client, k: Kase, body: Record<string, unknown>) => {
    const r = await who.call('POST', `/api/v1/cases/${k.id}/transitions`, {
      expectedVersion: k.version,
      ...body,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Kase>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll();
    for (const u of Object.keys(c))
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    liId = (
      await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('an inquiry is logged without a case; whoever records it is its first responder', async () => {
    const q = await ask(c.clerk!);
    expect(q).toMatchObject({
      firstResponder: { id: id.clerk },
      handlerId: id.clerk,
      accountableId: id.clerk,
      status: 'open',
      caseId: null,
      resident: null,
    });
    // GS-6: an agent names on an inquiry only a resident who has authorized them.
    const auth = await c.clerk!.call('POST', '/api/v1/authorizations', {
      residentId: liId,
      agentAccountId: id.agent,
      items: 'all',
      expiresOn: '2026-12-31',
      consent: { method: 'in_person' },
    });
    expect(auth.statusCode, auth.body).toBe(201);
    const walkIn = await ask(c.agent!, { channel: 'walk_in', residentId: liId });
    expect(walkIn.resident).toEqual(expect.objectContaining({ idMasked: '110115********0019' }));
    const mine = (await c.clerk!.call('GET', '/api/v1/inquiries?mine=true')).json<Inquiry[]>();
    expect(mine.map((x) => x.id)).toEqual([q.id]);
    const town = (await c.town!.call('GET', '/api/v1/inquiries')).json<Inquiry[]>();
    expect(town.map((x) => x.id)).toEqual(expect.arrayContaining([q.id, walkIn.id]));
    expect((await c['clerk-qyd']!.call('GET', `/api/v1/inquiries/${q.id}`)).json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    expect((await c['clerk-qyd']!.call('GET', '/api/v1/inquiries')).json()).toEqual([]);
    const event = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', q.id)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('inquiry.recorded');
    expect(event.after_json).not.toContain('老人'); // no free text in the chain
  });

  it('the first responder never changes, through hand-offs, acceptance, decline and closing', async () => {
    const q = await ask(c.clerk!);
    const first = (
      await handOff(c.clerk!, { entityId: q.id, toAccountId: id.town })
    ).json<Handoff>();
    expect(first).toMatchObject({ status: 'pending', dueDate: '2026-03-03', overdue: false });
    expect(first.accountableId).toBe(id.clerk);
    expect(await inquiry(q.id)).toMatchObject({ handlerId: id.clerk, accountableId: id.clerk });
    const again = await handOff(c.clerk!, { entityId: q.id, toAccountId: id.agent });
    expect(again.json()).toMatchObject({ code: 'HANDOFF_ALREADY_PENDING' });

    await c.town!.call('POST', `/api/v1/handoffs/${first.id}/accept`);
    const mine = (await c.town!.call('GET', '/api/v1/inquiries?mine=true')).json<Inquiry[]>();
    expect(mine.map((x) => x.id)).toContain(q.id); // the handler's, now
    expect(await inquiry(q.id)).toMatchObject({
      firstResponder: { id: id.clerk },
      handlerId: id.town,
      accountableId: id.town,
    });
    const second = (
      await handOff(c.town!, { entityId: q.id, toAccountId: id.agent })
    ).json<Handoff>();
    expect(second.accountableId).toBe(id.clerk); // pending: the first responder answers for it
    const declined = await c.agent!.call('POST', `/api/v1/handoffs/${second.id}/decline`, {
      reason: '不属于代办范围',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', accountableId: id.town });
    expect(await inquiry(q.id)).toMatchObject({
      handlerId: id.town,
      firstResponder: { id: id.clerk },
    });
    const notHolder = await handOff(c.agent!, { entityId: q.id, toAccountId: id.town });
    expect(notHolder.json()).toMatchObject({ code: 'MATTER_NOT_HOLDER' });

    const closed = await c.town!.call('POST', `/api/v1/inquiries/${q.id}/close`, {
      note: '已答复',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', firstResponder: { id: id.clerk } });
    const notes = (await c.clerk!.call('GET', '/api/v1/notifications')).json<
      { entityId: string }[]
    >();
    expect(notes.filter((n) => n.entityId === q.id)).toHaveLength(1);
    const row = await t.testDb.db.kysely
      .selectFrom('inquiries')
      .select('first_responder_id')
      .where('id', '=', q.id)
      .executeTakeFirstOrThrow();
    expect(row.first_responder_id).toBe(id.clerk);
    expect(
      (await handOff(c.town!, { entityId: q.id, toAccountId: id.agent })).json(),
    ).toMatchObject({
      code: 'MATTER_CLOSED',
    });
  });

  it('a hand-off to someone out of reach, not staff, or oneself is refused; nothing written', async () => {
    const q = await ask(c.clerk!);
    const kase = (
      await c.clerk!.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      })
    ).json<Kase>();
    const before = { handoffs: await count('handoffs'), audit: await count('audit_events') };
    const refused: [Record<string, unknown>, string][] = [
      [{ entityId: q.id, toAccountId: id['clerk-qyd'] }, 'HANDOFF_RECEIVER_OUT_OF_REACH'],
      [{ entityId: q.id, toAccountId: id.volunteer }, 'HANDOFF_RECEIVER_INVALID'],
      [{ entityId: q.id, toAccountId: id.clerk }, 'HANDOFF_RECEIVER_INVALID'],
      // The district department does not see a case the town centre decides.
      [
        { entityType: 'case', entityId: kase.id, toAccountId: id.district },
        'HANDOFF_RECEIVER_OUT_OF_REACH',
      ],
    ];
    for (const [body, code] of refused) {
      const r = await handOff(c.clerk!, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json()).toMatchObject({ code });
    }
    expect({ handoffs: await count('handoffs'), audit: await count('audit_events') }).toEqual(
      before,
    );
    // A case goes to the town centre; its first responder stays the clerk who filed it.
    const h = (
      await handOff(c.clerk!, { entityType: 'case', entityId: kase.id, toAccountId: id.town })
    ).json<Handoff>();
    await c.town!.call('POST', `/api/v1/handoffs/${h.id}/accept`);
    const seen = (await c.town!.call('GET', `/api/v1/cases/${kase.id}`)).json<Kase>();
    expect(seen.firstResponderId).toBe(id.clerk);
  });

  it('two parallel accepts (or accept and decline): exactly one wins; parallel hand-offs too', async () => {
    const town2 = await t.login('town'); // a second device of the receiver
    for (const second of ['accept', 'decline'] as const) {
      const q = await ask(c.clerk!);
      const h = (await handOff(c.clerk!, { entityId: q.id, toAccountId: id.town })).json<Handoff>();
      const [a, b] = await Promise.all([
        c.town!.call('POST', `/api/v1/handoffs/${h.id}/accept`),
        second === 'accept'
          ? town2.call('POST', `/api/v1/handoffs/${h.id}/accept`)
          : town2.call('POST', `/api/v1/handoffs/${h.id}/decline`, { reason: '不归我处理' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.statusCode === 409)!.json()).toMatchObject({
        code: 'HANDOFF_ALREADY_DECIDED',
      });
      const decided = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', h.id)
        .where('action', 'in', ['handoff.accepted', 'handoff.declined'])
        .execute();
      expect(decided).toHaveLength(1);
    }
    const q = await ask(c.clerk!);
    const both = await Promise.all([
      handOff(c.clerk!, { entityId: q.id, toAccountId: id.town }),
      handOff(c.clerk!, { entityId: q.id, toAccountId: id.agent }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json()).toMatchObject({
      code: 'HANDOFF_ALREADY_PENDING',
    });
  });

  it('closing a case notifies its first responder in the same transaction', async () => {
    let k = (
      await c.clerk!.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      })
    ).json<Kase>();
    const forCase = async () =>
      (await c.clerk!.call('GET', '/api/v1/notifications?unread=true'))
        .json<{ id: string; entityId: string; kind: string }[]>()
        .filter((n) => n.entityId === k.id);
    k = await act(c.clerk!, k, { action: 'route' });
    k = await act(c.town!, k, { action: 'decide', result: 'approved', resultText: '同意补办' });
    k = await act(c.town!, k, { action: 'deliver' });
    expect(await forCase()).toEqual([]);
    k = await act(c.town!, k, { action: 'close' });
    const [note] = await forCase();
    expect(note).toMatchObject({ kind: 'case_closed' });
    expect(
      (await c.town!.call('POST', `/api/v1/notifications/${note!.id}/read`)).json(),
    ).toMatchObject(
      { code: 'NOTIFICATION_NOT_FOUND' }, // someone else's
    );
    const read = await c.clerk!.call('POST', `/api/v1/notifications/${note!.id}/read`);
    expect(read.json<{ readAt: string }>().readAt).toBe(t.clock.now.toISOString());
    expect(await forCase()).toEqual([]);
  });

  it('a pending hand-off past its deadline is overdue; overseers see it', async () => {
    const q = await ask(c.clerk!);
    const h = (await handOff(c.clerk!, { entityId: q.id, toAccountId: id.agent })).json<Handoff>();
    const overdueIds = async (who: Client) =>
      (await who.call('GET', '/api/v1/handoffs?box=overdue')).json<Handoff[]>().map((x) => x.id);
    expect(await overdueIds(c.supervisor!)).not.toContain(h.id);
    t.clock.advance(2 * 86400_000); // Wednesday: due Tuesday, still pending
    await loginAll(); // sessions last 12 hours
    const seen = (await c.agent!.call('GET', `/api/v1/handoffs/${h.id}`)).json<Handoff>();
    expect(seen).toMatchObject({ status: 'pending', overdue: true, accountableId: id.clerk });
    for (const u of ['supervisor', 'town', 'clerk', 'agent'])
      expect(await overdueIds(c[u]!), u).toContain(h.id);
    expect(await overdueIds(c['clerk-qyd']!)).not.toContain(h.id);
    const incoming = (await c.agent!.call('GET', '/api/v1/handoffs?box=incoming')).json<
      Handoff[]
    >();
    expect(incoming.find((x) => x.id === h.id)?.overdue).toBe(true);
    await c.agent!.call('POST', `/api/v1/handoffs/${h.id}/accept`);
    expect(await overdueIds(c.supervisor!)).not.toContain(h.id);
  });
});
