/**
 * Issue #16 point 5 on both dialects: the volunteer registry pages by keyset (GET /volunteers/page)
 * — by home region, then volunteer number, as the offset list: every row once in the offset list's
 * order, none twice while volunteers are registered, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

const VILLAGES = ['110115110230', '110115110207', '110115110222'];

describe('#16 p5 keyset pages of volunteers', () => {
  let t: TestApp;
  let vstaff: Client;
  let caseCursor = '';
  let seq = 500;

  const register = async (homeRegionCode = VILLAGES[seq % 3]!) => {
    seq += 1;
    const r = await vstaff.call('POST', '/api/v1/volunteers', {
      idNumber: buildIdNumber('110115', '19800101', String(seq)),
      fullName: `翻页志愿者${seq}`,
      homeRegionCode,
      skills: ['理发'],
      serviceRegionCodes: ['110115110000'],
      availability: { weekdays: [6, 7], parts: ['am'] },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    for (let i = 0; i < 12; i += 1) await register();
    const clerk = await t.login('clerk');
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('every volunteer once, in order, under concurrent registrations; bad cursors refused', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: '/api/v1/volunteers?skill=%E7%90%86%E5%8F%91', // 理发
      pageUrl: '/api/v1/volunteers/page?skill=%E7%90%86%E5%8F%91',
      write: () => register(),
      foreignCursor: caseCursor,
    });
  });

  it('the whole registry in reach the same way', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: '/api/v1/volunteers?status=active',
      pageUrl: '/api/v1/volunteers/page?status=active',
      write: () => register(),
      foreignCursor: caseCursor,
    });
  });

  it('an empty selection is one empty page; a caller outside the centre staff is refused', async () => {
    const res = await vstaff.call('GET', '/api/v1/volunteers/page?q=%E6%97%A0%E6%AD%A4%E4%BA%BA');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const volunteer = await t.login('volunteer');
    const offset = await volunteer.call('GET', '/api/v1/volunteers');
    const page = await volunteer.call('GET', '/api/v1/volunteers/page');
    expect(page.statusCode).toBe(offset.statusCode);
    expect(page.statusCode).toBe(403);
  });
});
