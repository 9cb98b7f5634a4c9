/**
 * Issue #15 point 9: a catalog per town ("47+N"). The shared list stays as it is; 魏善庄镇 has its
 * own items (the demo's three). A station files a town item only when it serves that town; only
 * those covering the town change its items; the town's 实施清单 export holds exactly its 47+N.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import type { CatalogItem, CatalogItemView } from '../../src/modules/catalog/catalog.schema.ts';
import { readCatalogXlsx, XLSX_CONTENT_TYPE } from '../../src/modules/catalog/catalog-xlsx.ts';
import { DEMO_TOWN, DEMO_TOWN_ITEMS } from '../../src/modules/catalog/demo-catalog-town.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const QINGYUNDIAN = '110115103000'; // 青云店镇
const LI = '110115194803120019'; // 李长福, 三顺庄村 (魏善庄镇)
const OWN = DEMO_TOWN_ITEMS.map((i) => i.code).sort();

interface List {
  total: number;
  items: { code: string; town: string | null }[];
  townList: { town: string; shared: number; own: number } | null;
}

describe('a catalog per town, 47+N (issue #15 point 9)', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let sharedCount = 0;
  let liId = '';

  const list = async (who: Client | null, query = '') => {
    const url = `/api/v1/catalog/items?limit=200${query}`;
    const r = who ? await who.call('GET', url) : await t.app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<List>();
  };
  const townCodes = (l: List) =>
    l.items
      .filter((i) => i.town !== null)
      .map((i) => i.code)
      .sort();
  const newItem = (code: string, scope: CatalogItem['scope'] = 'town'): CatalogItem => ({
    ...structuredClone(DEMO_TOWN_ITEMS[2]!),
    code,
    name: { zh: `测试镇事项${code}`, en: `Town test item ${code}` },
    scope,
  });

  beforeAll(async () => {
    t = await createTestApp();
    await createAccount(t.testDb.db.kysely, {
      username: 'town-qyd',
      displayName: '青云店镇中心人员（测试）',
      password: DEMO_PASSWORD,
      grants: [{ role: 'town_officer', regionCode: QINGYUNDIAN }],
      residentId: null,
      isDemo: true,
      actor: { accountId: null, role: 'system', stationId: null },
      now: t.clock.now,
    });
    for (const u of ['admin', 'supervisor', 'town', 'town-qyd', 'clerk', 'clerk-qyd', 'resident'])
      c[u] = await t.login(u);
    liId = (await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
  });
  afterAll(async () => t.close());

  it('lists: the shared items for everyone, 魏善庄镇’s own only where its town is served', async () => {
    const pub = await list(null);
    expect(townCodes(pub)).toEqual([]);
    sharedCount = pub.total;
    expect(sharedCount).toBeGreaterThanOrEqual(47);

    const town = await list(null, `&town=${DEMO_TOWN}`);
    expect(town.total).toBe(sharedCount + OWN.length);
    expect(townCodes(town)).toEqual(OWN);
    expect(town.townList).toEqual({ town: DEMO_TOWN, shared: sharedCount, own: OWN.length });
    expect(town.items.find((i) => i.code === OWN[0])?.town).toBe(DEMO_TOWN);

    // Staff at a 魏善庄 station, the town centre, the district's administrator, a 魏善庄 resident.
    for (const u of ['clerk', 'town', 'admin', 'resident'])
      expect(townCodes(await list(c[u]!)), u).toEqual(OWN);
    // A 青云店 station: the shared list only; its own town's list when asked is still the 47.
    expect(townCodes(await list(c['clerk-qyd']!))).toEqual([]);
    expect((await list(c['clerk-qyd']!, `&town=${QINGYUNDIAN}`)).total).toBe(sharedCount);

    // Pinyin search covers both: 老年餐桌 by initials, a shared item by pinyin.
    const byInitials = await list(null, `&town=${DEMO_TOWN}&q=lncz`);
    expect(byInitials.items.map((i) => i.code)).toContain('WSZ-LL-001');
    expect(townCodes(await list(null, '&q=lncz'))).toEqual([]);
    const byPinyin = await list(c.clerk!, '&q=gaice');
    expect(byPinyin.items.map((i) => i.code)).toContain('WSZ-NY-002');

    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/items?town=110115110207',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('filing: a 魏善庄 station files its town item; a 青云店 station is refused with a code', async () => {
    const ok = await c.clerk!.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'WSZ-LL-001',
      presented: ['id_card'],
    });
    expect(ok.statusCode, ok.body).toBe(201);

    // A town item whose 通办 scope is the whole district is still only the town's (47+N).
    const wide = await c.town!.call('POST', `/api/v1/catalog/items?town=${DEMO_TOWN}`, {
      ...newItem('WSZ-TEST-001', 'district'),
    });
    expect(wide.statusCode, wide.body).toBe(201);
    const refused = await c['clerk-qyd']!.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'WSZ-TEST-001',
      presented: ['id_card'],
    });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'CATALOG_ITEM_OTHER_TOWN',
      itemTown: { regionCode: DEMO_TOWN, regionName: '魏善庄镇' },
    });
    expect(refused.json<{ detail: string }>().detail).toContain('魏善庄镇');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: c['clerk-qyd']!.cookie, 'accept-language': 'en' },
      payload: { residentId: liId, itemCode: 'WSZ-TEST-001', presented: ['id_card'] },
    });
    expect(en.statusCode).toBe(403);
    expect(en.json<{ title: string }>().title).toMatch(/another town/);
  });

  it('editing: the town officer and the district admin change 魏善庄镇’s items; others are refused', async () => {
    const audit = async (code: string) =>
      t.testDb.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'region_code'])
        .where('entity_id', '=', code)
        .orderBy('seq')
        .execute();
    const created = await c.town!.call('POST', `/api/v1/catalog/items?town=${DEMO_TOWN}`, {
      ...newItem('WSZ-TEST-002'),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<CatalogItemView>()).toMatchObject({ town: DEMO_TOWN, version: 1 });
    expect(await audit('WSZ-TEST-002')).toEqual([
      { action: 'catalog.item_created', region_code: DEMO_TOWN },
    ]);

    const changed = { ...newItem('WSZ-TEST-002'), conditions: ['本镇户籍'] };
    const byAdmin = await c.admin!.call('PUT', '/api/v1/catalog/items/WSZ-TEST-002', changed);
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json<CatalogItemView>()).toMatchObject({ town: DEMO_TOWN, version: 2 });

    // 青云店镇's officer: not 魏善庄镇's items, not the shared list, not a new 魏善庄 item.
    const other = await c['town-qyd']!.call('PUT', '/api/v1/catalog/items/WSZ-TEST-002', {
      ...changed,
      conditions: ['越权'],
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'CATALOG_TOWN_OUT_OF_SCOPE' });
    const otherNew = await c['town-qyd']!.call(
      'POST',
      `/api/v1/catalog/items?town=${DEMO_TOWN}`,
      newItem('WSZ-TEST-003'),
    );
    expect(otherNew.statusCode).toBe(403);
    expect(otherNew.json()).toMatchObject({ code: 'CATALOG_TOWN_OUT_OF_SCOPE' });
    const shared = await c.town!.call('POST', '/api/v1/catalog/items', newItem('DX-TEST-009'));
    expect(shared.statusCode).toBe(403);
    expect(shared.json()).toMatchObject({ code: 'FORBIDDEN' });
    // Its own town: allowed.
    const own = await c['town-qyd']!.call(
      'POST',
      `/api/v1/catalog/items?town=${QINGYUNDIAN}`,
      newItem('QYD-TEST-001'),
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(await audit('WSZ-TEST-003')).toEqual([]);
    // A code that is not a town in the tree.
    const unknown = await c.admin!.call(
      'POST',
      '/api/v1/catalog/items?town=110115999000',
      newItem('WSZ-TEST-004'),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'CATALOG_TOWN_UNKNOWN' });
  });

  it('export: 魏善庄镇’s 实施清单 holds exactly its 47+N; importing it back changes nothing', async () => {
    const ownNow = (await list(null, `&town=${DEMO_TOWN}`)).townList!.own;
    expect(ownNow).toBe(OWN.length + 2); // + WSZ-TEST-001/002 above
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/catalog/export?format=xlsx&town=${DEMO_TOWN}`,
      headers: { cookie: c.town!.cookie },
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(DEMO_TOWN);
    const read = await readCatalogXlsx(xlsx.rawPayload);
    expect(read.errors).toEqual([]);
    const codes = read.items.map((i) => (i as { code: string }).code);
    expect(codes).toHaveLength(sharedCount + ownNow);
    expect(codes).toEqual(expect.arrayContaining([...OWN, 'WSZ-TEST-001', 'WSZ-TEST-002']));
    expect(codes).not.toContain('QYD-TEST-001');

    const json = await c.supervisor!.call('GET', `/api/v1/catalog/export?town=${QINGYUNDIAN}`);
    expect(json.json<{ items: unknown[] }>().items).toHaveLength(sharedCount + 1);
    const sharedOnly = await c.supervisor!.call('GET', '/api/v1/catalog/export');
    expect(sharedOnly.json<{ items: unknown[] }>().items).toHaveLength(sharedCount);

    const back = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/import?format=xlsx&town=${DEMO_TOWN}`,
      headers: { cookie: c.town!.cookie, 'content-type': XLSX_CONTENT_TYPE },
      payload: xlsx.rawPayload,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toEqual({
      read: sharedCount + ownNow,
      created: [],
      versioned: [],
      unchanged: sharedCount + ownNow,
    });
  });

  it('import into a town: new codes become its own; a shared or another town’s item only unchanged', async () => {
    const fresh = newItem('WSZ-TEST-005');
    const imported = await c.town!.call('POST', `/api/v1/catalog/import?town=${DEMO_TOWN}`, {
      items: [fresh],
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: ['WSZ-TEST-005'] });
    const view = await c.town!.call('GET', '/api/v1/catalog/items/WSZ-TEST-005');
    expect(view.json<CatalogItemView>().town).toBe(DEMO_TOWN);

    // The district admin imports 魏善庄's changed item into 青云店's list: refused, nothing written.
    const moved = await c.admin!.call('POST', `/api/v1/catalog/import?town=${QINGYUNDIAN}`, {
      items: [{ ...fresh, conditions: ['改了'] }, newItem('QYD-TEST-002')],
    });
    expect(moved.statusCode, moved.body).toBe(422);
    const refusal = moved.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(refusal.code).toBe('CATALOG_IMPORT_REFUSED');
    expect(refusal.errors).toHaveLength(1);
    expect(refusal.errors[0]!.path).toBe('items[0].code');
    expect(refusal.errors[0]!.message).toContain(DEMO_TOWN);
    expect((await c.admin!.call('GET', '/api/v1/catalog/items/QYD-TEST-002')).statusCode).toBe(404);
    // The town officer may not import into the shared list, nor into another town's.
    const sharedImport = await c.town!.call('POST', '/api/v1/catalog/import', { items: [fresh] });
    expect(sharedImport.statusCode).toBe(403);
    const otherTown = await c.town!.call('POST', `/api/v1/catalog/import?town=${QINGYUNDIAN}`, {
      items: [newItem('QYD-TEST-003')],
    });
    expect(otherTown.statusCode).toBe(403);
    expect(otherTown.json()).toMatchObject({ code: 'CATALOG_TOWN_OUT_OF_SCOPE' });
  });
});
