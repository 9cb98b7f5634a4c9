/**
 * 首问负责 over HTTP (GS-4): who may call the state-changing routes, only the receiver answers a
 * hand-off, and bad input on every new endpoint — a 4xx problem+json with a code, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { ACCOUNTS } from './access/index.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Handoff {
  id: string;
}

describe('GS-4 first-asked responsibility: access and bad input', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};

  const count = async (table: keyof Database) =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ask = async (who: Client) => {
    const r = await who.call('POST', '/api/v1/inquiries', {
      channel: 'walk_in',
      question: '高龄津贴怎么领？',
      answer: '带身份证到村服务站登记',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>();
  };
  const handOff = (who: Client, body: Record<string, unknown>) =>
    who.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      reason: '需镇中心答复',
      ...body,
    });

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['clerk', 'agent', 'town', 'volunteer']) {
      c[u] = await t.login(u);
      id[u] = (await c[u].call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    }
  });
  afterAll(async () => t.close());

  it('only the receiver accepts', async () => {
    const q = await ask(c.clerk!);
    const h = (await handOff(c.clerk!, { entityId: q.id, toAccountId: id.town })).json<Handoff>();
    for (const u of ['clerk', 'agent']) {
      const r = await c[u]!.call('POST', `/api/v1/handoffs/${h.id}/accept`);
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'HANDOFF_NOT_RECEIVER' });
    }
    expect(
      (await c.volunteer!.call('POST', `/api/v1/handoffs/${h.id}/accept`)).json(),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const ok = await c.town!.call('POST', `/api/v1/handoffs/${h.id}/accept`);
    expect(ok.json()).toMatchObject({ status: 'accepted', accountableId: id.town });
  });

  it('logging an inquiry is idempotent: same key and body → one row, the same answer', async () => {
    const before = await count('inquiries');
    const body = { channel: 'phone', question: '医保怎么转入？', answer: '带转移单到镇中心' };
    const key = { 'idempotency-key': 'inquiry-once-1' };
    const [a, b] = await Promise.all([
      c.clerk!.call('POST', '/api/v1/inquiries', body, key),
      c.clerk!.call('POST', '/api/v1/inquiries', body, key),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json<{ id: string }>().id).toBe(b.json<{ id: string }>().id);
    expect(await count('inquiries')).toBe(before + 1);
  });

  it('route roles of the state-changing routes: declared roles pass, the others are FORBIDDEN', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    const routes: [string, unknown, readonly string[]][] = [
      [
        `/api/v1/inquiries/${none}/close`,
        {},
        ['clerk', 'agent', 'town_officer', 'district_officer'],
      ],
      [
        '/api/v1/handoffs',
        { entityType: 'inquiry', entityId: none, toAccountId: none, reason: 'x' },
        ['clerk', 'agent', 'town_officer', 'district_officer'],
      ],
      [
        `/api/v1/handoffs/${none}/accept`,
        undefined,
        ['clerk', 'agent', 'town_officer', 'district_officer'],
      ],
      [
        `/api/v1/handoffs/${none}/decline`,
        { reason: 'x' },
        ['clerk', 'agent', 'town_officer', 'district_officer'],
      ],
      [`/api/v1/notifications/${none}/read`, undefined, Object.values(ACCOUNTS)],
    ];
    for (const [username, role] of Object.entries(ACCOUNTS)) {
      const who = await t.login(username);
      for (const [url, body, allowed] of routes) {
        const r = await who.call('POST', url, body);
        expect(r.statusCode, `${role} ${url}`).toBe(allowed.includes(role) ? 404 : 403);
        if (!allowed.includes(role)) expect(r.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
  });

  it('bad input on every new endpoint → 4xx problem+json with a code, nothing written', async () => {
    const q = await ask(c.clerk!);
    const h = (await handOff(c.clerk!, { entityId: q.id, toAccountId: id.town })).json<Handoff>();
    const none = '00000000-0000-4000-8000-000000000000';
    const tables = ['inquiries', 'handoffs', 'notifications', 'audit_events'] as const;
    const counts = async () => Promise.all(tables.map((x) => count(x)));
    const before = await counts();
    const ok = { channel: 'phone', question: '问', answer: '答' };
    const bad: [string, string, unknown, string][] = [
      ['POST', '/api/v1/inquiries', { ...ok, extra: 1 }, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/inquiries', { ...ok, channel: 'email' }, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/inquiries', { channel: 'phone', answer: '答' }, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/inquiries', '{"channel":', 'MALFORMED_JSON'],
      [
        'POST',
        '/api/v1/inquiries',
        { ...ok, callerDescription: '李 110115194803120019' },
        'FREE_TEXT_PERSONAL_NUMBER',
      ],
      [
        'POST',
        '/api/v1/inquiries',
        { ...ok, answer: '回电 138 1234 5678' },
        'FREE_TEXT_PERSONAL_NUMBER',
      ],
      ['POST', '/api/v1/inquiries', { ...ok, itemCode: 'NO-SUCH' }, 'CATALOG_ITEM_NOT_FOUND'],
      ['POST', '/api/v1/inquiries', { ...ok, residentId: none }, 'RESIDENT_NOT_FOUND'],
      ['POST', '/api/v1/inquiries', { ...ok, caseId: none }, 'CASE_NOT_FOUND'],
      ['POST', '/api/v1/inquiries', { ...ok, stationId: none }, 'OUT_OF_SCOPE'],
      ['GET', '/api/v1/inquiries?mine=maybe', undefined, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/inquiries?limit=0', undefined, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/inquiries/not-a-uuid', undefined, 'VALIDATION_FAILED'],
      ['GET', `/api/v1/inquiries/${none}`, undefined, 'INQUIRY_NOT_FOUND'],
      ['POST', `/api/v1/inquiries/${q.id}/close`, { extra: 1 }, 'VALIDATION_FAILED'],
      [
        'POST',
        `/api/v1/inquiries/${q.id}/close`,
        { note: '13812345678' },
        'FREE_TEXT_PERSONAL_NUMBER',
      ],
      ['POST', `/api/v1/inquiries/${none}/close`, {}, 'INQUIRY_NOT_FOUND'],
      [
        'POST',
        '/api/v1/handoffs',
        { entityType: 'resident', entityId: q.id, toAccountId: id.town, reason: 'x' },
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/v1/handoffs',
        { entityType: 'inquiry', entityId: q.id, toAccountId: id.town },
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/v1/handoffs',
        { entityType: 'inquiry', entityId: q.id, toAccountId: id.town, reason: 'x', dueDays: 0 },
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/v1/handoffs',
        { entityType: 'inquiry', entityId: none, toAccountId: id.town, reason: 'x' },
        'INQUIRY_NOT_FOUND',
      ],
      [
        'POST',
        '/api/v1/handoffs',
        { entityType: 'case', entityId: none, toAccountId: id.town, reason: 'x' },
        'CASE_NOT_FOUND',
      ],
      ['POST', `/api/v1/handoffs/${h.id}/decline`, {}, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/handoffs/${none}/accept`, undefined, 'HANDOFF_NOT_FOUND'],
      ['POST', '/api/v1/handoffs/not-a-uuid/accept', undefined, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/handoffs?box=all', undefined, 'VALIDATION_FAILED'],
      ['GET', `/api/v1/handoffs/${none}`, undefined, 'HANDOFF_NOT_FOUND'],
      ['GET', '/api/v1/notifications?unread=yes', undefined, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/notifications/${none}/read`, undefined, 'NOTIFICATION_NOT_FOUND'],
    ];
    for (const [method, url, body, code] of bad) {
      const who = url.includes('/decline') ? c.town! : c.clerk!;
      const r = await who.call(method as 'GET' | 'POST', url, body);
      expect(r.statusCode, `${url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json(), `${url} ${JSON.stringify(body)}`).toMatchObject({ code });
    }
    expect(await counts()).toEqual(before);
  });
});
