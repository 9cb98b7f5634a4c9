/**
 * Issue #16 point 5 on both dialects: a caller's notifications page by keyset
 * (GET /notifications/page) — every row once in the offset list's order, none twice while
 * notifications arrive, the total exact, a bad or foreign cursor a 400; only one's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/modules/notifications/notification.service.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract, walkPages } from './keyset.fixtures.ts';

describe('#16 p5 keyset pages of notifications', () => {
  let t: TestApp;
  let town: Client;
  let clerk: Client;
  let townId = '';
  let caseCursor = '';
  let n = 0;

  const notifyTown = async () => {
    n += 1;
    await t.testDb.db.kysely.transaction().execute((trx) =>
      notify(trx, {
        accountId: townId,
        kind: 'vs_order_taken',
        params: {
          orderNumber: `PD-20260302-${String(n).padStart(4, '0')}`,
          title: '陪同买菜',
          team: '助老服务队',
        },
        entityType: 'vs_order',
        entityId: `order-${n}`,
        now: t.clock.now,
      }),
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    town = await t.login('town');
    clerk = await t.login('clerk');
    townId = (await town.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    for (let i = 0; i < 10; i += 1) {
      await notifyTown();
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('unread: every row once, in order, while notifications arrive; bad cursors refused', async () => {
    await expectKeysetContract({
      who: town,
      offsetUrl: '/api/v1/notifications?unread=true',
      pageUrl: '/api/v1/notifications/page?unread=true',
      write: notifyTown,
      foreignCursor: caseCursor,
    });
  });

  it('only my own, rendered in the language asked for', async () => {
    const mine = await walkPages(town, '/api/v1/notifications/page?lang=en', 50);
    const theirs = await walkPages(clerk, '/api/v1/notifications/page', 50);
    expect(mine.ids.filter((id) => theirs.ids.includes(id))).toEqual([]);
    const first = (await town.call('GET', '/api/v1/notifications/page?lang=en&limit=1')).json<{
      items: { text: { subject: string } }[];
    }>();
    expect(first.items[0]!.text.subject).toMatch(/[A-Za-z]/);
  });
});
