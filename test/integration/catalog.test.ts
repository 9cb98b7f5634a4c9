/** GS-1 the service catalog ("47+N"): search, versions, JSON/Excel round trips, all-or-nothing import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { seedDemoCatalog, setActive } from '../../src/modules/catalog/catalog.service.ts';
import type { CatalogItem, CatalogItemView } from '../../src/modules/catalog/catalog.schema.ts';
import { XLSX_CONTENT_TYPE } from '../../src/modules/catalog/catalog-xlsx.ts';
import { DEMO_CATALOG } from '../../src/modules/catalog/demo-catalog.ts';
import { actorForToken } from '../../src/modules/auth/session.service.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const demo = (code: string): CatalogItem =>
  structuredClone(DEMO_CATALOG.find((i) => i.code === code)!);

describe('service catalog', () => {
  let t: TestApp;
  let admin: Client;
  let supervisor: Client;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const count = async (table: 'catalog_item_versions' | 'catalog_items' | 'audit_events') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The shared list (issue #15 point 9: a town's own items are exported with ?town=). */
  const sharedItems = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('catalog_items')
          .where('town_code', 'is', null)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    versions: await count('catalog_item_versions'),
    items: await count('catalog_items'),
    audit: await count('audit_events'),
  });
  const upload = (file: Buffer, query = '?format=xlsx', type = XLSX_CONTENT_TYPE) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/import${query}`,
      headers: { cookie: admin.cookie, 'content-type': type },
      payload: file,
    });
  const exportXlsx = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/catalog/export?format=xlsx',
        headers: { cookie: admin.cookie },
      })
    ).rawPayload;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoCatalog({ db: t.testDb.db.kysely, now: t.clock.now }); // no-op if seedDemo did
    admin = await t.login('admin');
    supervisor = await t.login('supervisor');
  });
  afterAll(async () => t.close());

  it('loads the demo catalog once: 47 base items and the extras', async () => {
    expect(await seedDemoCatalog({ db: t.testDb.db.kysely, now: t.clock.now })).toBeNull();
    const base = (await get('/api/v1/catalog/items?tier=base&limit=200')).json<{ total: number }>();
    const extra = (await get('/api/v1/catalog/items?tier=extra')).json<{ total: number }>();
    expect(base.total).toBe(47);
    expect(extra.total).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['sbk', 'DX-SB-001'],
    ['shbzk', 'DX-SB-001'],
    ['shebaoka', 'DX-SB-001'],
    ['社会保障卡', 'DX-SB-001'],
    ['Social security card', 'DX-SB-001'],
    ['gljt', 'DX-LL-002'],
    ['低保', 'DX-MZ-001'],
    ['jtfk', 'DX-JT-001'],
  ])('finds "%s" → %s', async (q, code) => {
    const res = await get(`/api/v1/catalog/items?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain(code);
  });

  it('filters by category and pages', async () => {
    const page = (await get('/api/v1/catalog/items?category=utilities&limit=2&offset=1')).json<{
      total: number;
      items: { category: string }[];
    }>();
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((i) => i.category === 'utilities')).toBe(true);
  });

  it('shows an item with everything a resident must bring (public)', async () => {
    const res = await get('/api/v1/catalog/items/DX-SB-001');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ...demo('DX-SB-001'),
      version: 1,
      active: true,
      versionCreatedAt: t.clock.now.toISOString(),
    });
  });

  it('a change is a new version; the old one stays readable and unchanged', async () => {
    const v1 = demo('DX-JY-005');
    const changed = { ...v1, promisedLimitDays: 2 };
    const before = await counts();
    const put = await admin.call('PUT', '/api/v1/catalog/items/DX-JY-005', changed);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, promisedLimitDays: 2 });
    const old = await get('/api/v1/catalog/items/DX-JY-005/versions/1');
    expect(old.json<CatalogItemView>()).toMatchObject({ ...v1, version: 1 });
    expect((await get('/api/v1/catalog/items/DX-JY-005')).json()).toMatchObject({ version: 2 });
    expect(await counts()).toEqual({
      ...before,
      versions: before.versions + 1,
      audit: before.audit + 1,
    });
    const same = await admin.call('PUT', '/api/v1/catalog/items/DX-JY-005', changed);
    expect(same.json()).toMatchObject({ version: 2 });
    expect((await counts()).versions).toBe(before.versions + 1);
    const missing = await get('/api/v1/catalog/items/DX-JY-005/versions/3');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CATALOG_VERSION_NOT_FOUND' });
  });

  it('adds an item once (Idempotency-Key replays the answer)', async () => {
    const item = {
      ...demo('DX-SD-001'),
      code: 'DX-SD-101',
      name: { zh: '污水处理费缴纳', en: 'Sewage fee' },
    };
    const headers = { 'idempotency-key': 'catalog-create-1' };
    const first = await admin.call('POST', '/api/v1/catalog/items', item, headers);
    expect(first.statusCode, first.body).toBe(201);
    const replay = await admin.call('POST', '/api/v1/catalog/items', item, headers);
    expect(replay.body).toBe(first.body);
    const again = await admin.call('POST', '/api/v1/catalog/items', item);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CATALOG_ITEM_EXISTS' });
    expect(
      (await get(`/api/v1/catalog/items?q=${encodeURIComponent('污水')}`)).json<{ total: number }>()
        .total,
    ).toBe(1);
  });

  it('JSON export → import changes nothing', async () => {
    const exported = await supervisor.call('GET', '/api/v1/catalog/export?format=json');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="doorstep-catalog-.*\.json"/,
    );
    const file = exported.json<{ items: CatalogItem[] }>();
    expect(file.items.length).toBe(await sharedItems());
    const before = await counts();
    const res = await admin.call('POST', '/api/v1/catalog/import?format=json', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      read: file.items.length,
      created: [],
      versioned: [],
      unchanged: file.items.length,
    });
    expect(await counts()).toEqual(before);
  });

  it('Excel export → import changes nothing', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/export?format=xlsx',
      headers: { cookie: supervisor.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(res.headers['content-disposition']).toMatch(
      /filename="doorstep-catalog-\d{4}-\d\d-\d\d\.xlsx"/,
    );
    const before = await counts();
    const imported = await upload(res.rawPayload, '');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({
      created: [],
      versioned: [],
      unchanged: await sharedItems(),
    });
    expect(await counts()).toEqual(before);
  });

  it('an import creates new codes and versions changed ones, in one audit event', async () => {
    const changed = { ...demo('DX-ZM-002'), conditions: ['非本市户籍人员在本市居住满三日'] };
    const added = {
      ...demo('DX-SD-002'),
      code: 'DX-SD-102',
      name: { zh: '路灯费缴纳', en: 'Street light fee' },
    };
    const before = await counts();
    const res = await admin.call('POST', '/api/v1/catalog/import', {
      items: [changed, added, demo('DX-SB-001')],
    });
    expect(res.json()).toEqual({
      read: 3,
      created: ['DX-SD-102'],
      versioned: [{ code: 'DX-ZM-002', version: 2 }],
      unchanged: 1,
    });
    expect(await counts()).toEqual({
      versions: before.versions + 2,
      items: before.items + 1,
      audit: before.audit + 1,
    });
  });

  it('an import with two bad rows refuses everything and names both', async () => {
    const good = { ...demo('DX-SD-003'), code: 'DX-SD-103' };
    const late = { ...demo('DX-SB-002'), legalLimitDays: 1, promisedLimitDays: 3 };
    const noDept = {
      ...demo('DX-MZ-001'),
      route: { accepts: 'station', decides: 'district_department' },
    };
    const before = await counts();
    const res = await admin.call('POST', '/api/v1/catalog/import', {
      items: [good, late, good, noDept],
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'CATALOG_IMPORT_REFUSED',
      errors: [
        { path: 'items[1].promisedLimitDays' },
        { path: 'items[2].code', message: 'DX-SD-103 appears twice (also items[0])' },
        { path: 'items[3].route.department' },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('an Excel import with two bad rows refuses everything and names sheet and row', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await exportXlsx()).buffer);
    wb.getWorksheet('items')!.getCell('D4').value = ''; // name_zh of the 3rd item
    wb.getWorksheet('materials')!.getCell('F6').value = 'photocopy'; // form of a material
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await counts();
    const res = await upload(file);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'sheet items row 4',
      'sheet materials row 6',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a withdrawn item leaves the list but stays readable for old cases', async () => {
    const token = admin.cookie.replace('ds_session=', '');
    const actor = (await actorForToken(t.testDb.db.kysely, token, 'cookie', t.clock.now))!;
    const view = await setActive(t.testDb.db.kysely, {
      code: 'DX-SD-005',
      active: false,
      actor,
      requestId: null,
      now: t.clock.now,
    });
    expect(view.active).toBe(false);
    const list = (await get('/api/v1/catalog/items?category=utilities&limit=50')).json<{
      items: { code: string }[];
    }>();
    expect(list.items.map((i) => i.code)).not.toContain('DX-SD-005');
    expect((await get('/api/v1/catalog/items/DX-SD-005')).json()).toMatchObject({ active: false });
  });

  describe('bad input: a 4xx problem+json and nothing written', () => {
    const items = '/api/v1/catalog/items';
    const post = (url: string, body?: unknown) => admin.call('POST', url, body);
    const put = (code: string, body: unknown) => admin.call('PUT', `${items}/${code}`, body);
    const sb = (changes: Record<string, unknown>) => ({ ...demo('DX-SB-001'), ...changes });
    const M0 = () => demo('DX-SB-001').materials[0]!;
    const V = '400 VALIDATION_FAILED';
    const MEDIA = '415 UNSUPPORTED_MEDIA_TYPE';
    const cases: [string, string, () => Promise<LightMyRequestResponse>][] = [
      ['unknown category', V, () => get(`${items}?category=fishing`)],
      ['limit 0', V, () => get(`${items}?limit=0`)],
      ['unknown query field', V, () => get(`${items}?station=1`)],
      ['malformed code', V, () => get(`${items}/dx%20sb`)],
      ['unknown code', '404 CATALOG_ITEM_NOT_FOUND', () => get(`${items}/DX-NO-999`)],
      ['version not a number', V, () => get(`${items}/DX-SB-001/versions/v1`)],
      [
        'version of an unknown item',
        '404 CATALOG_ITEM_NOT_FOUND',
        () => get(`${items}/DX-NO-9/versions/1`),
      ],
      ['POST unknown field', V, () => post(items, sb({ code: 'DX-N-1', stationId: 'x' }))],
      [
        'POST promised > legal',
        V,
        () => post(items, sb({ code: 'DX-N-2', promisedLimitDays: 99 })),
      ],
      ['POST malformed JSON', '400 MALFORMED_JSON', () => post(items, '{"code": "DX')],
      [
        'POST as xlsx',
        MEDIA,
        () =>
          t.app.inject({
            method: 'POST',
            url: items,
            headers: { cookie: admin.cookie, 'content-type': XLSX_CONTENT_TYPE },
            payload: Buffer.from('PK'),
          }),
      ],
      ['PUT another code', V, () => put('DX-SB-002', demo('DX-SB-001'))],
      [
        'PUT unknown item',
        '404 CATALOG_ITEM_NOT_FOUND',
        () => put('DX-NO-9', sb({ code: 'DX-NO-9' })),
      ],
      [
        'PUT duplicate material keys',
        V,
        () => put('DX-SB-001', sb({ materials: [...demo('DX-SB-001').materials, M0()] })),
      ],
      ['export as csv', V, () => admin.call('GET', '/api/v1/catalog/export?format=csv')],
      ['import items not a list', V, () => post('/api/v1/catalog/import', { items: 'all' })],
      ['import without a body', V, () => post('/api/v1/catalog/import')],
      ['import text/plain', MEDIA, () => upload(Buffer.from('code,name'), '', 'text/plain')],
      ['import a non-workbook', '400 CATALOG_FILE_UNREADABLE', () => upload(Buffer.from('no zip'))],
      ['import JSON as format=xlsx', MEDIA, () => post('/api/v1/catalog/import?format=xlsx', {})],
      ['import a file as format=json', MEDIA, () => upload(Buffer.from('PK'), '?format=json')],
      ['import over 5 MiB', '413 BODY_TOO_LARGE', () => upload(Buffer.alloc(5 * 1024 * 1024 + 1))],
      [
        'import with an unknown field in an item',
        '422 CATALOG_IMPORT_REFUSED',
        () => post('/api/v1/catalog/import', { items: [sb({ extra: 1 })] }),
      ],
    ];
    for (const [name, expected, send] of cases) {
      it(`${name} → ${expected}`, async () => {
        const before = await counts();
        const res = await send();
        expect(`${res.statusCode} ${res.json<{ code: string }>().code}`, res.body).toBe(expected);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(await counts()).toEqual(before);
      });
    }
  });
});
