/**
 * Issue #16 point 5 on both dialects: the administrator's account list pages by keyset
 * (GET /accounts/page) — by username, as the offset list: every row once in the offset list's
 * order, none twice while accounts are created, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_TOWN, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

describe('#16 p5 keyset pages of accounts', () => {
  let t: TestApp;
  let admin: Client;
  let caseCursor = '';
  let seq = 0;
  const PASSWORD = 'a-long-password-for-tests-1';

  const create = async (role = 'clerk') => {
    seq += 1;
    // Usernames that sort apart from the order they are made in.
    const username = `kp-${(seq * 7919) % 1000}-${seq}`;
    const r = await admin.call('POST', '/api/v1/accounts', {
      username,
      displayName: `翻页账号${seq}`,
      password: PASSWORD,
      grants: [{ role, regionCode: role === 'clerk' ? YIZHUANG : PILOT_TOWN }],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    for (let i = 0; i < 8; i += 1) await create(i % 2 === 0 ? 'clerk' : 'town_officer');
    const clerk = await t.login('clerk');
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('every account once, in order, under concurrent creation; bad cursors refused', async () => {
    await expectKeysetContract({
      who: admin,
      offsetUrl: '/api/v1/accounts',
      pageUrl: '/api/v1/accounts/page',
      write: () => create(),
      foreignCursor: caseCursor,
    });
  });

  it('filtered by role and name the same way', async () => {
    await expectKeysetContract({
      who: admin,
      offsetUrl: '/api/v1/accounts?role=clerk&q=kp-',
      pageUrl: '/api/v1/accounts/page?role=clerk&q=kp-',
      write: () => create('clerk'),
      foreignCursor: caseCursor,
    });
  });

  it('an empty selection is one empty page; a non-administrator is refused as on the offset list', async () => {
    const res = await admin.call('GET', '/api/v1/accounts/page?q=no-such-account');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const clerk = await t.login('clerk');
    const offset = await clerk.call('GET', '/api/v1/accounts');
    const page = await clerk.call('GET', '/api/v1/accounts/page');
    expect(page.statusCode).toBe(offset.statusCode);
    expect(page.statusCode).toBe(403);
  });
});
