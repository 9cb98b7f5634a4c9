/**
 * Issue #16 point 5 on both dialects: the centre's needs page by keyset (GET /vs/needs/page) —
 * every row once in the offset list's order, none twice while needs come in, the total exact, a
 * bad or foreign cursor a 400.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectKeysetContract } from './keyset.fixtures.ts';
import { accept, need, otherCat, t, useOrdersWorld, vstaff } from './orders.world.fixtures.ts';

describe('#16 p5 keyset pages of the volunteer needs', () => {
  useOrdersWorld();
  let orderCursor = '';

  beforeAll(async () => {
    for (let i = 0; i < 16; i += 1) {
      await need(undefined, i % 2 === 0 ? { categoryCode: otherCat } : {});
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    await accept((await need()).id);
    await accept((await need()).id);
    const page = (await vstaff.call('GET', '/api/v1/vs/orders/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    orderCursor = page.nextCursor ?? '';
    expect(orderCursor).not.toBe('');
  });

  it('needs: every row once, in order, under concurrent needs; bad cursors refused', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: '/api/v1/vs/needs',
      pageUrl: '/api/v1/vs/needs/page',
      write: () => need(),
      foreignCursor: orderCursor,
    });
  });

  it('needs: the status and category filters the same way', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: `/api/v1/vs/needs?status=submitted&categoryCode=${otherCat}`,
      pageUrl: `/api/v1/vs/needs/page?status=submitted&categoryCode=${otherCat}`,
      write: () => need(undefined, { categoryCode: otherCat }),
      foreignCursor: orderCursor,
    });
  });

  it('an empty selection is one empty page; a cursor is not a filter', async () => {
    const res = await vstaff.call('GET', '/api/v1/vs/needs/page?status=rejected');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const bad = await vstaff.call('GET', '/api/v1/vs/needs/page?after=not%20a%20cursor');
    expect(bad.statusCode).toBe(400);
  });
});
