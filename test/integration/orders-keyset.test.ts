/**
 * Issue #16 point 5 on both dialects: the centre board's orders page by keyset (GET
 * /vs/orders/page) — every row once in the offset list's order, none twice while orders are made,
 * the total exact, a bad or foreign cursor a 400.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectKeysetContract } from './keyset.fixtures.ts';
import { accept, need, t, useOrdersWorld, vstaff } from './orders.world.fixtures.ts';

describe('#16 p5 keyset pages of the volunteer orders', () => {
  useOrdersWorld();
  let needCursor = '';

  const newOrder = async () => accept((await need()).id);

  beforeAll(async () => {
    for (let i = 0; i < 10; i += 1) {
      await newOrder();
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    const page = (await vstaff.call('GET', '/api/v1/vs/needs/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    needCursor = page.nextCursor ?? '';
    expect(needCursor).not.toBe('');
  });

  it('orders: every row once, in order, under concurrent orders; bad cursors refused', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: '/api/v1/vs/orders',
      pageUrl: '/api/v1/vs/orders/page',
      write: newOrder,
      foreignCursor: needCursor,
    });
  });

  it('orders: the state filter the same way', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: '/api/v1/vs/orders?state=awaiting_dispatch',
      pageUrl: '/api/v1/vs/orders/page?state=awaiting_dispatch',
      write: newOrder,
      foreignCursor: needCursor,
    });
  });

  it('an empty selection is one empty page; other roles are refused as on the offset list', async () => {
    const res = await vstaff.call('GET', '/api/v1/vs/orders/page?state=cancelled');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const resident = await t.login('resident');
    expect((await resident.call('GET', '/api/v1/vs/orders')).statusCode).toBe(403);
    expect((await resident.call('GET', '/api/v1/vs/orders/page')).statusCode).toBe(403);
  });
});
