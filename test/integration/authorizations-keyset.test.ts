/**
 * Issue #16 point 5 on both dialects: authorizations (帮办代办) page by keyset
 * (GET /authorizations/page) — newest first, as the offset list: every row once in the offset
 * list's order, none twice while authorizations are recorded, the total exact, a bad or foreign
 * cursor a 400; an agent still sees only their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract, walkPages } from './keyset.fixtures.ts';

describe('#16 p5 keyset pages of authorizations', () => {
  let t: TestApp;
  let town: Client;
  let agent: Client;
  let agentId = '';
  let caseCursor = '';
  const residents: string[] = [];
  let n = 0;

  const record = async () => {
    n += 1;
    const r = await town.call('POST', '/api/v1/authorizations', {
      residentId: residents[n % residents.length],
      agentAccountId: agentId,
      items: ['DX-SB-001'],
      expiresOn: '2026-12-31',
      consent: { method: 'in_person' },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    town = await t.login('town');
    agent = await t.login('agent');
    agentId = (await agent.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    for (const idNumber of ['110115194803120019', '110115194611230037']) {
      const r = await town.call('POST', '/api/v1/residents/lookup', { idNumber });
      residents.push(r.json<{ id: string }>().id);
    }
    for (let i = 0; i < 10; i += 1) {
      await record();
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    const clerk = await t.login('clerk');
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('every authorization once, in order, under concurrent recording; bad cursors refused', async () => {
    await expectKeysetContract({
      who: town,
      offsetUrl: '/api/v1/authorizations',
      pageUrl: '/api/v1/authorizations/page',
      write: record,
      foreignCursor: caseCursor,
    });
  });

  it("one resident's the same way; an agent pages only their own", async () => {
    await expectKeysetContract({
      who: town,
      offsetUrl: `/api/v1/authorizations?residentId=${residents[0]}`,
      pageUrl: `/api/v1/authorizations/page?residentId=${residents[0]}`,
      write: record,
      foreignCursor: caseCursor,
    });
    const own = await walkPages(agent, '/api/v1/authorizations/page', 4);
    const offset = (await agent.call('GET', '/api/v1/authorizations?limit=200')).json<
      { id: string; agent: { id: string } }[]
    >();
    expect(own.ids).toEqual(offset.map((r) => r.id));
    expect(offset.every((r) => r.agent.id === agentId)).toBe(true);
  });

  it('an empty selection is one empty page', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    const res = await town.call('GET', `/api/v1/authorizations/page?residentId=${none}`);
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
  });
});
