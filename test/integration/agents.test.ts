/**
 * 帮办代办 over HTTP on a real database (GS-6): authorizations recorded and revoked, intake by an
 * agent only under a valid one, agent-filed cases showing applicant and agent, and agents seeing
 * only their own cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Auth {
  id: string;
  status: string;
  items: 'all' | string[];
  recordedBy: { id: string };
}
interface Kase {
  id: string;
  version: number;
  applicant: { fullName: string };
  agent: { id: string; displayName: string } | null;
}

describe('GS-6 agents', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let li = ''; // 李长福, 三顺庄村
  let cheng = ''; // 程建国, 伊庄村

  const loginAll = async () => {
    for (const u of ['clerk', 'agent', 'town', 'clerk-qyd', 'supervisor', 'volunteer'])
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
  const counts = async () =>
    Promise.all((['cases', 'case_actions', 'authorizations', 'audit_events'] as const).map(count));
  const authorize = (who: Client, body: Record<string, unknown>) =>
    who.call('POST', '/api/v1/authorizations', {
      residentId: li,
      agentAccountId: id.agent,
      items: ['DX-SB-001'],
      expiresOn: '2026-03-04',
      consent: { method: 'in_person' },
      ...body,
    });
  const file = (who: Client, residentId: string, itemCode = 'DX-SB-001') =>
    who.call('POST', '/api/v1/cases', { residentId, itemCode, presented: ['id_card'] });
  const revoke = (who: Client, authId: string, reason = '本人来电撤销委托') =>
    who.call('POST', `/api/v1/authorizations/${authId}/revoke`, { reason });

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll();
    for (const u of Object.keys(c))
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const lookup = async (idNumber: string) =>
      (await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber })).json<{ id: string }>()
        .id;
    li = await lookup('110115194803120019');
    cheng = await lookup('110115194611230037');
  });
  afterAll(async () => t.close());

  it('an agent files under a valid authorization; the case shows applicant and agent', async () => {
    const auth = await authorize(c.agent!, {
      consent: { method: 'phone', callRecordRef: '站内录音 3 月 2 日第 3 通' },
    });
    expect(auth.statusCode, auth.body).toBe(201);
    expect(auth.json<Auth>()).toMatchObject({
      status: 'active',
      items: ['DX-SB-001'],
      recordedBy: { id: id.agent },
    });
    const filed = await file(c.agent!, li);
    expect(filed.statusCode, filed.body).toBe(201);
    const kase = filed.json<Kase>();
    expect(kase.applicant.fullName).toBe('李长福');
    expect(kase.agent).toEqual({ id: id.agent, displayName: expect.any(String) as string });
    const seen = (await c.clerk!.call('GET', `/api/v1/cases/${kase.id}`)).json<Kase>();
    expect(seen.agent?.id).toBe(id.agent);
    const byClerk = (await file(c.clerk!, li)).json<Kase>();
    expect(byClerk.agent).toBeNull();
    const listed = (await c.clerk!.call('GET', `/api/v1/authorizations?residentId=${li}`)).json<
      Auth[]
    >();
    expect(listed.map((a) => a.id)).toContain(auth.json<Auth>().id);
  });

  it('agents see and act on only their own cases', async () => {
    const own = (await file(c.agent!, li)).json<Kase>();
    const clerks = (await file(c.clerk!, li)).json<Kase>();
    const list = (await c.agent!.call('GET', '/api/v1/cases?limit=200')).json<Kase[]>();
    expect(list.map((k) => k.id)).toContain(own.id);
    expect(list.every((k) => k.agent?.id === id.agent)).toBe(true);
    const clerkList = (await c.clerk!.call('GET', '/api/v1/cases?limit=200')).json<Kase[]>();
    expect(clerkList.map((k) => k.id)).toEqual(expect.arrayContaining([own.id, clerks.id]));
    const other = await c.agent!.call('GET', `/api/v1/cases/${clerks.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const before = await counts();
    const act = (k: Kase) =>
      c.agent!.call('POST', `/api/v1/cases/${k.id}/transitions`, {
        action: 'withdraw',
        expectedVersion: k.version,
        reason: '申请人不办了',
      });
    expect((await act(clerks)).json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(await counts()).toEqual(before);
    expect((await act(own)).json()).toMatchObject({ state: 'withdrawn' });
  });

  it('refused without a valid authorization (missing, wrong item, revoked), nothing written', async () => {
    const all = await authorize(c.clerk!, { residentId: cheng, items: 'all' });
    expect(all.statusCode, all.body).toBe(201);
    expect((await revoke(c.clerk!, all.json<Auth>().id)).json()).toMatchObject({
      status: 'revoked',
    });
    const before = await counts();
    const refused: [string, string, string][] = [
      [li, 'DX-SB-004', 'AUTHORIZATION_OUT_OF_SCOPE'],
      [cheng, 'DX-SB-001', 'AUTHORIZATION_MISSING'], // its only authorization was revoked
    ];
    for (const [residentId, item, code] of refused) {
      const r = await file(c.agent!, residentId, item);
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json()).toMatchObject({ code });
    }
    expect(await counts()).toEqual(before);
  });

  it('revoking: staff in reach and the agent itself; others are refused', async () => {
    const make = async () => (await authorize(c.town!, { items: 'all' })).json<Auth>().id;
    const a = await make();
    for (const [u, code] of [
      ['clerk-qyd', 'OUT_OF_SCOPE'],
      ['volunteer', 'FORBIDDEN'],
      ['supervisor', 'FORBIDDEN'],
    ] as const) {
      const r = await revoke(c[u]!, a);
      expect(r.statusCode, u).toBe(403);
      expect(r.json()).toMatchObject({ code });
    }
    expect((await revoke(c.agent!, a)).json()).toMatchObject({ status: 'revoked' });
    expect((await revoke(c.agent!, a)).json()).toMatchObject({ code: 'AUTHORIZATION_REVOKED' });
    expect((await revoke(c.town!, await make())).statusCode).toBe(200);
    expect((await revoke(c.clerk!, await make())).statusCode).toBe(200);
    // Recording: an agent only for themselves; the named account must be an agent in reach.
    expect((await authorize(c.agent!, { agentAccountId: id.clerk })).statusCode).toBe(403);
    expect((await authorize(c.clerk!, { agentAccountId: id.town })).json()).toMatchObject({
      code: 'AUTHORIZATION_AGENT_INVALID',
    });
    expect((await authorize(c['clerk-qyd']!, {})).json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const signed = await authorize(c.clerk!, {
      consent: { method: 'signed_form', attachmentId: 'scan-0001' },
    });
    expect(signed.statusCode, signed.body).toBe(201);
  });

  it('bad input → 4xx problem+json with a code, nothing written', async () => {
    const before = await counts();
    const none = '00000000-0000-4000-8000-000000000000';
    const bad: [Record<string, unknown>, string][] = [
      [{ extra: 1 }, 'VALIDATION_FAILED'],
      [{ items: [] }, 'VALIDATION_FAILED'],
      [{ items: 'some' }, 'VALIDATION_FAILED'],
      [{ expiresOn: '2026-02-30' }, 'VALIDATION_FAILED'],
      [{ expiresOn: '2026-03-01' }, 'AUTHORIZATION_EXPIRY_PAST'],
      [{ consent: { method: 'phone' } }, 'VALIDATION_FAILED'],
      [{ consent: { method: 'email' } }, 'VALIDATION_FAILED'],
      [{ consent: { method: 'in_person', attachmentId: 'x' } }, 'VALIDATION_FAILED'],
      [
        { consent: { method: 'phone', callRecordRef: '回拨 13812345678' } },
        'FREE_TEXT_PERSONAL_NUMBER',
      ],
      [{ items: ['NO-SUCH-ITEM'] }, 'CATALOG_ITEM_NOT_FOUND'],
      [{ residentId: none }, 'RESIDENT_NOT_FOUND'],
    ];
    for (const [body, code] of bad) {
      const r = await authorize(c.clerk!, body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json(), JSON.stringify(body)).toMatchObject({ code });
    }
    const others: [string, unknown, string][] = [
      ['/api/v1/authorizations?residentId=x', undefined, 'VALIDATION_FAILED'],
      [`/api/v1/authorizations/${none}/revoke`, {}, 'VALIDATION_FAILED'],
      [`/api/v1/authorizations/${none}/revoke`, { reason: '撤销' }, 'AUTHORIZATION_NOT_FOUND'],
      ['/api/v1/authorizations/not-a-uuid/revoke', { reason: '撤销' }, 'VALIDATION_FAILED'],
    ];
    for (const [url, body, code] of others) {
      const r = await c.clerk!.call(body === undefined ? 'GET' : 'POST', url, body);
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json(), url).toMatchObject({ code });
    }
    expect(await counts()).toEqual(before);
  });

  it('refused once the authorization has expired, nothing written', async () => {
    t.clock.advance(3 * 86400_000); // Thursday 5 March: the authorization ended on the 4th
    await loginAll(); // sessions last 12 hours
    const before = await counts();
    const r = await file(c.agent!, li);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'AUTHORIZATION_EXPIRED' });
    expect(await counts()).toEqual(before);
    const mine = (await c.agent!.call('GET', `/api/v1/authorizations?residentId=${li}`)).json<
      Auth[]
    >();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.status !== 'active')).toBe(true);
  });
});
