/**
 * Issue #16 point 5 on both dialects: the resident registry pages by keyset (GET /residents/page)
 * — by home region, then name, then id, as the offset list: every row once in the offset list's
 * order, none twice while residents are registered, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

const VILLAGES = ['110115110230', '110115110207', '110115110222'];

describe('#16 p5 keyset pages of residents', () => {
  let t: TestApp;
  let clerk: Client; // the town centre: the whole town in reach
  let caseCursor = '';
  let seq = 100;

  const register = async (fullName = '张秀英', homeRegionCode = VILLAGES[seq % 3]!) => {
    seq += 1;
    const r = await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19500101', String(seq).padStart(3, '0')),
      fullName,
      homeRegionCode,
      address: '测试地址1号',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('town');
    // Namesakes in one village: the id breaks the (region, name) ties.
    for (let i = 0; i < 18; i += 1) await register(['张秀英', '李建国', '张伟'][i % 3]);
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('every resident once, in order, under concurrent registrations; bad cursors refused', async () => {
    await expectKeysetContract({
      who: clerk,
      offsetUrl: '/api/v1/residents?q=%E5%BC%A0', // 张
      pageUrl: '/api/v1/residents/page?q=%E5%BC%A0',
      write: () => register('张伟'),
      foreignCursor: caseCursor,
    });
  });

  it('the whole registry in reach, and one village, the same way', async () => {
    await expectKeysetContract({
      who: clerk,
      offsetUrl: '/api/v1/residents',
      pageUrl: '/api/v1/residents/page',
      write: () => register('王芳'),
      foreignCursor: caseCursor,
    });
    await expectKeysetContract({
      who: clerk,
      offsetUrl: `/api/v1/residents?regionCode=${VILLAGES[1]}`,
      pageUrl: `/api/v1/residents/page?regionCode=${VILLAGES[1]}`,
      write: () => register('王芳', VILLAGES[1]),
      foreignCursor: caseCursor,
    });
  });

  it('an empty selection is one empty page; an unknown region is a 4xx as on the offset list', async () => {
    const res = await clerk.call('GET', '/api/v1/residents/page?q=%E6%97%A0%E6%AD%A4%E4%BA%BA');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const offset = await clerk.call('GET', '/api/v1/residents?regionCode=110115999999');
    const page = await clerk.call('GET', '/api/v1/residents/page?regionCode=110115999999');
    expect(page.statusCode).toBe(offset.statusCode);
    expect(page.statusCode).toBeGreaterThanOrEqual(400);
    expect(page.statusCode).toBeLessThan(500);
  });
});
