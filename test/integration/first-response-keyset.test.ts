/**
 * Issue #16 point 5 on both dialects: the inquiries and hand-offs lists page by keyset
 * (GET /inquiries/page, /handoffs/page) — every row once in the offset list's order, none twice
 * while rows are written, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

describe('#16 p5 keyset pages of inquiries and hand-offs', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let townId = '';
  let caseCursor = '';

  const recordInquiry = async () => {
    const r = await clerk.call('POST', '/api/v1/inquiries', {
      channel: 'phone',
      callerDescription: '三顺庄村一位老人',
      question: '社保卡丢了怎么补？',
      itemCode: 'DX-SB-001',
      answer: '带身份证和一寸照片到任一村级服务站办理',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  const handOffNew = async () => {
    const entityId = await recordInquiry();
    const r = await clerk.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      entityId,
      toAccountId: townId,
      reason: '需镇中心答复',
    });
    expect(r.statusCode, r.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    townId = (await town.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    for (let i = 0; i < 10; i += 1) {
      await handOffNew(); // an inquiry and its hand-off
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('inquiries: every row once, in order, under concurrent inserts; bad cursors refused', async () => {
    await expectKeysetContract({
      who: clerk,
      offsetUrl: '/api/v1/inquiries?status=open',
      pageUrl: '/api/v1/inquiries/page?status=open',
      write: recordInquiry,
      foreignCursor: caseCursor,
    });
  });

  it('hand-offs: the incoming box the same way', async () => {
    await expectKeysetContract({
      who: town,
      offsetUrl: '/api/v1/handoffs?box=incoming',
      pageUrl: '/api/v1/handoffs/page?box=incoming',
      write: handOffNew,
      foreignCursor: caseCursor,
    });
  });

  it('an empty selection is one empty page', async () => {
    const res = await clerk.call('GET', '/api/v1/handoffs/page?box=overdue');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
  });
});
