/**
 * Issue #16 point 5 on both dialects: the region search and the station list page by keyset
 * (GET /regions/page, /stations/page) — regions by code, stations by region, kind and id, as their
 * offset lists: every row once in the offset list's order, none twice while rows are added, the
 * total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract, walkPages, type KeysetPageAnswer } from './keyset.fixtures.ts';

const TOWN = '110115110000';
const VILLAGES = ['110115110207', '110115110222', '110115110230', '110115110238', '110115110205'];

describe('#16 p5 keyset pages of regions and stations', () => {
  let t: TestApp;
  let admin: Client;
  let caseCursor = '';
  let n = 0;

  const addGrid = async () => {
    n += 1;
    const parentCode = VILLAGES[n % VILLAGES.length]!;
    const r = await admin.call('POST', '/api/v1/regions', {
      code: `${parentCode}${String(100 + n).padStart(3, '0')}`,
      name: `翻页村第${n}网格`,
      parentCode,
      level: 'grid',
    });
    expect(r.statusCode, r.body).toBe(201);
  };
  const addStation = async () => {
    n += 1;
    const r = await admin.call('POST', '/api/v1/stations', {
      code: `KP-${n}`,
      name: `翻页测试服务站${n}`,
      kind: n % 2 === 0 ? 'village_station' : 'town_centre',
      regionCode: n % 2 === 0 ? VILLAGES[n % VILLAGES.length]! : TOWN,
      address: '测试地址',
      phone: '010-69280000',
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }],
    });
    expect(r.statusCode, r.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    for (let i = 0; i < 8; i += 1) await addStation(); // several share a (region, kind): the id breaks ties
    const clerk = await t.login('clerk');
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  /** Regions have codes, not ids: the codes of every page of a walk. */
  const codesOf = (pages: KeysetPageAnswer[]) =>
    pages.flatMap((p) => (p.items as unknown as { code: string }[]).map((r) => r.code));

  it('the region search: every region once, in code order, while grids are added', async () => {
    const query = `q=%E6%9D%91&within=${TOWN}`; // 村
    const offsetCodes = async () =>
      (await admin.call('GET', `/api/v1/regions?${query}&limit=200`))
        .json<{ code: string }[]>()
        .map((r) => r.code);
    const before = await offsetCodes();
    expect(before.length).toBeGreaterThan(6);
    const quiet = await walkPages(admin, `/api/v1/regions/page?${query}`, 7);
    expect(codesOf(quiet.pages)).toEqual(before);
    for (const p of quiet.pages)
      expect(p).toMatchObject({ total: before.length, totalExact: true });
    expect(quiet.pages.at(-1)!.nextCursor).toBeNull();

    const busy = codesOf(
      (await walkPages(admin, `/api/v1/regions/page?${query}`, 7, addGrid)).pages,
    );
    expect(new Set(busy).size).toBe(busy.length); // no region twice
    for (const code of before) expect(busy).toContain(code); // none lost
    expect((await offsetCodes()).length).toBeGreaterThan(before.length);

    for (const after of [
      'bm90LWEtY3Vyc29y',
      caseCursor,
      quiet.pages[0]!.nextCursor!.slice(0, -4),
    ]) {
      const res = await admin.call('GET', `/api/v1/regions/page?${query}&after=${after}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('CURSOR_INVALID');
    }
  });

  it("a region's children page in the order the tree lists them", async () => {
    const children = (await admin.call('GET', `/api/v1/regions?parent=${TOWN}`)).json<
      { code: string }[]
    >();
    const walked = await walkPages(admin, `/api/v1/regions/page?parent=${TOWN}`, 7);
    expect(codesOf(walked.pages)).toEqual(children.map((r) => r.code));
    expect(walked.pages[0]).toMatchObject({ total: children.length, totalExact: true });
  });

  it('stations: every station once, in order, while stations are added; bad cursors refused', async () => {
    await expectKeysetContract({
      who: admin,
      offsetUrl: `/api/v1/stations?regionCode=${TOWN}`,
      pageUrl: `/api/v1/stations/page?regionCode=${TOWN}`,
      write: addStation,
      foreignCursor: caseCursor,
    });
  });

  it('an empty selection is one empty page; a bad query is a 400 as on the offset list', async () => {
    const res = await admin.call('GET', '/api/v1/stations/page?q=%E6%97%A0%E6%AD%A4%E7%AB%99');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const bad = await admin.call('GET', `/api/v1/regions/page?within=${TOWN}`);
    expect(bad.statusCode).toBe(400);
  });
});
