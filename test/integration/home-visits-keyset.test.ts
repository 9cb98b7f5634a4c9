/**
 * Issue #16 point 5 on both dialects: the home visits of a clerk's stations page by keyset
 * (GET /home-visits/page) — every row of the unpaged list once, in its order (newest request
 * first, then id); none twice and none lost while visits are requested; the total exact; a bad or
 * foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { walkPages } from './keyset.fixtures.ts';
import { LI, request } from './home-visits.fixtures.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';

describe('#16 p5 keyset pages of home visits', () => {
  let t: TestApp;
  let clerk: Client;
  let residentId = '';
  let caseCursor = '';
  let n = 0;

  /** A visit request; three share each instant, so the id breaks ties. */
  const requestVisit = async () => {
    n += 1;
    const res = await request(clerk, residentId);
    expect(res.statusCode, res.body).toBe(201);
    if (n % 3 === 0) t.clock.advance(60_000);
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    caseCursor = await caseListCursor(clerk);
    const li = await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI });
    residentId = li.json<{ id: string }>().id;
    for (let i = 0; i < 8; i += 1) await requestVisit();
  });
  afterAll(async () => t.close());

  it('every row once, in order, while visits are requested; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: clerk,
      listUrl: '/api/v1/home-visits?status=requested',
      pageUrl: '/api/v1/home-visits/page?status=requested',
      write: requestVisit,
      foreignCursor: caseCursor,
    });
  });

  it('the whole list and the town’s view page as their lists; another town sees none', async () => {
    const town = await t.login('town');
    for (const who of [clerk, town]) {
      const list = (await who.call('GET', '/api/v1/home-visits')).json<{ id: string }[]>();
      const { ids } = await walkPages(who, '/api/v1/home-visits/page', 4);
      expect(ids).toEqual(list.map((v) => v.id));
    }
    const other = await t.login('clerk-qyd');
    const res = await other.call('GET', '/api/v1/home-visits/page?status=requested');
    expect(res.statusCode, res.body).toBe(200);
    const mine = (await clerk.call('GET', '/api/v1/home-visits?status=requested')).json<
      { id: string }[]
    >();
    const theirs = res.json<{ items: { id: string }[] }>().items.map((v) => v.id);
    for (const v of mine) expect(theirs).not.toContain(v.id);
  });
});
