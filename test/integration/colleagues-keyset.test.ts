/**
 * Issue #16 point 5 on both dialects: the colleagues a matter can be handed to page by keyset
 * (GET /colleagues/page) — every row of the unpaged list once, in its order (the grant's region,
 * the name, then the grant); with an item code the competent colleagues first, as in the list;
 * none twice and none lost while colleagues are added; the total exact; a bad or foreign cursor a
 * 400.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/shared/china-time.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { insertAccount } from '../helpers/vs-fixtures.ts';
import { walkPages } from './keyset.fixtures.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';

const TOWN = '110115110000';
const VILLAGES = ['110115110207', '110115110222'];
const ITEM = 'DX-SB-004';

describe('#16 p5 keyset pages of colleagues', () => {
  let t: TestApp;
  let town: Client;
  let caseCursor = '';
  let n = 0;

  const db = () => t.testDb.db.kysely;
  /** A clerk; names repeat in threes and regions alternate, so every column orders. */
  const addColleague = async () => {
    n += 1;
    const { id } = await insertAccount(db(), {
      role: 'clerk',
      regionCode: VILLAGES[n % 2]!,
      displayName: `同事 ${Math.floor(n / 3)}`,
      now: t.clock.now,
    });
    return id;
  };
  const certify = async (accountId: string) => {
    const now = t.clock.now.toISOString();
    await db()
      .insertInto('competences')
      .values({
        id: crypto.randomUUID(),
        account_id: accountId,
        item_code: ITEM,
        town_code: TOWN,
        session_id: null,
        certified_by: accountId,
        certified_on: '2020-01-01',
        expires_on: '2099-12-31',
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
    town = await t.login('town');
    caseCursor = await caseListCursor(await t.login('clerk'));
    for (let i = 0; i < 10; i += 1) {
      const id = await addColleague();
      if (i % 3 === 1) await certify(id);
    }
    expect(chinaDate(t.clock.now) >= '2020-01-01').toBe(true);
  });
  afterAll(async () => t.close());

  it('every row once, in order, under concurrent inserts; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: town,
      listUrl: '/api/v1/colleagues',
      pageUrl: '/api/v1/colleagues/page',
      write: addColleague,
      foreignCursor: caseCursor,
    });
  });

  it('with an item code: the competent first, marked, as in the list, at any page size', async () => {
    const list = (await town.call('GET', `/api/v1/colleagues?itemCode=${ITEM}`)).json<
      { id: string; competent: boolean }[]
    >();
    const competent = list.filter((c) => c.competent).length;
    expect(competent).toBeGreaterThan(1);
    expect(list.length - competent).toBeGreaterThan(1);
    for (const limit of [1, 2, competent, competent + 1, 5]) {
      const { ids, pages } = await walkPages(
        town,
        `/api/v1/colleagues/page?itemCode=${ITEM}`,
        limit,
      );
      expect(ids).toEqual(list.map((c) => c.id));
      const items = pages.flatMap((p) => p.items as unknown as { competent: boolean }[]);
      expect(items.map((c) => c.competent)).toEqual(list.map((c) => c.competent));
    }
    // The whole list on one page: one page, no cursor past it.
    const full = await walkPages(town, `/api/v1/colleagues/page?itemCode=${ITEM}`, list.length);
    expect(full.pages).toHaveLength(1);
    // A cursor of the competent walk is not one of the plain list.
    const first = (
      await town.call('GET', `/api/v1/colleagues/page?itemCode=${ITEM}&limit=1`)
    ).json<{ nextCursor: string }>().nextCursor;
    const res = await town.call('GET', `/api/v1/colleagues/page?after=${first}`);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('CURSOR_INVALID');
  });

  it('the same scope: a clerk of another town sees none of these', async () => {
    const other = await t.login('clerk-qyd');
    const list = (await other.call('GET', '/api/v1/colleagues')).json<{ id: string }[]>();
    const { ids } = await walkPages(other, '/api/v1/colleagues/page', 3);
    expect(ids).toEqual(list.map((c) => c.id));
  });
});
