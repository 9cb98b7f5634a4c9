/**
 * Issue #10 point 9: shared reference data is changed only by someone whose scope covers
 * everyone who uses it. 丽江's centre staff may not deactivate a national volunteer category that
 * 魏善庄镇's menu uses; an administrator covering the whole region tree may. A centre's own
 * category is changed by staff covering its region, and used only inside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { DEMO_CATALOG } from '../../src/modules/catalog/demo-catalog.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Category {
  code: string;
  active: boolean;
  nameZh: string;
  regionCode: string | null;
}

const WEISHANZHUANG = '110115110000';
const SANSHUNZHUANG = '110115110222';
const GUCHENG = '530702000000'; // 丽江市古城区
const XINYI = '530702002002'; // 新义社区, 丽江

describe('who may change a volunteer service category (X-2)', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let shared = ''; // a national category 魏善庄镇's teams use

  const row = (code: string) =>
    t.testDb.db.kysely
      .selectFrom('vs_categories')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  const events = async (code: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('entity_type', '=', 'vs_category')
        .where('entity_id', '=', code)
        .execute()
    ).length;
  const menuOf = async (who: Client, regionCode: string) =>
    (await who.call('GET', `/api/v1/vs/categories?regionCode=${regionCode}`))
      .json<Category[]>()
      .map((x) => x.code);

  beforeAll(async () => {
    t = await createTestApp();
    // An administrator whose scope covers every root of the region tree (北京市, 山东省 and 云南省).
    await createAccount(t.testDb.db.kysely, {
      username: 'root-admin',
      displayName: '全域管理员（测试）',
      password: DEMO_PASSWORD,
      grants: [
        { role: 'admin', regionCode: '110000000000' },
        { role: 'admin', regionCode: '370000000000' },
        { role: 'admin', regionCode: '530000000000' },
      ],
      residentId: null,
      isDemo: true,
      actor: { accountId: null, role: 'system', stationId: null },
      now: t.clock.now,
    });
    for (const u of ['lj-staff', 'vstaff', 'admin', 'root-admin', 'leader'])
      c[u] = await t.login(u);
    const used = await t.testDb.db.kysely
      .selectFrom('vs_teams')
      .select('category_code')
      .where('region_code', 'like', '110115110%')
      .where('category_code', 'is not', null)
      .orderBy('category_code')
      .executeTakeFirstOrThrow();
    shared = used.category_code!;
  });
  afterAll(async () => t.close());

  it('丽江 staff may not deactivate a national category 魏善庄镇 uses: 403, table unchanged', async () => {
    expect((await row(shared)).region_code).toBeNull();
    expect(await menuOf(c.vstaff!, WEISHANZHUANG)).toContain(shared);
    const before = await row(shared);
    const eventsBefore = await events(shared);
    const res = await c['lj-staff']!.call('PATCH', `/api/v1/vs/categories/${shared}`, {
      active: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' });
    expect(await row(shared)).toEqual(before);
    expect(await events(shared)).toBe(eventsBefore);
  });

  it('neither may 魏善庄镇’s own staff nor a district administrator change a national one', async () => {
    for (const u of ['vstaff', 'admin']) {
      const res = await c[u]!.call('PATCH', `/api/v1/vs/categories/${shared}`, { nameZh: '改名' });
      expect(res.statusCode, u).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' });
    }
    const leader = await c.leader!.call('PATCH', `/api/v1/vs/categories/${shared}`, {
      nameZh: '改名',
    });
    expect(leader.statusCode).toBe(403);
    expect(leader.json()).toMatchObject({ code: 'FORBIDDEN' });
    const national = await c['lj-staff']!.call('POST', '/api/v1/vs/categories', {
      code: 'lj_national',
      nameZh: '全国类别',
      nameEn: 'National',
      regionCode: null,
    });
    expect(national.statusCode).toBe(403);
    expect(national.json()).toMatchObject({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' });
  });

  it('an administrator covering every region changes it, audited before → after', async () => {
    const eventsBefore = await events(shared);
    const res = await c['root-admin']!.call('PATCH', `/api/v1/vs/categories/${shared}`, {
      active: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: shared, active: false, regionCode: null });
    expect((await row(shared)).active).toBe(0);
    expect(await events(shared)).toBe(eventsBefore + 1);
    const back = await c['root-admin']!.call('PATCH', `/api/v1/vs/categories/${shared}`, {
      active: true,
    });
    expect(back.statusCode).toBe(200);
  });

  it('a centre’s own category: its staff change it, others may not, and only its region uses it', async () => {
    const created = await c['lj-staff']!.call('POST', '/api/v1/vs/categories', {
      code: 'naxi_music',
      nameZh: '纳西古乐',
      nameEn: 'Naxi music',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ regionCode: GUCHENG });
    const renamed = await c['lj-staff']!.call('PATCH', '/api/v1/vs/categories/naxi_music', {
      nameZh: '纳西古乐传承',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const other = await c.vstaff!.call('PATCH', '/api/v1/vs/categories/naxi_music', {
      active: false,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' });
    expect((await row('naxi_music')).active).toBe(1);

    // On 丽江's menu, not on 魏善庄镇's; a 魏善庄镇 team or need may not use it.
    expect(await menuOf(c.vstaff!, XINYI)).toContain('naxi_music');
    expect(await menuOf(c.vstaff!, WEISHANZHUANG)).not.toContain('naxi_music');
    const team = await c.vstaff!.call('POST', '/api/v1/vs/teams', {
      kind: 'team',
      name: '古乐队',
      regionCode: WEISHANZHUANG,
      categoryCode: 'naxi_music',
      organisationName: '魏善庄镇新时代文明实践所',
      personInCharge: '王立',
      contactPhone: '010-69280001',
    });
    expect(team.statusCode).toBe(422);
    expect(team.json()).toMatchObject({ code: 'VS_CATEGORY_OUT_OF_REGION' });
    const need = await c.vstaff!.call('POST', '/api/v1/vs/needs/on-behalf', {
      channel: 'phone',
      categoryCode: 'naxi_music',
      regionCode: SANSHUNZHUANG,
      description: '想听古乐',
      place: '三顺庄村村委会',
      contactName: '李大爷',
      contactPhone: '010-69280001',
    });
    expect(need.json()).toMatchObject({ code: 'VS_NEED_CATEGORY_INVALID' });
  });
});

describe('who may change the 47+N catalog (GS-2, X-2)', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const versions = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('catalog_item_versions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const edit = (who: Client, note: string) => {
    const item = structuredClone(DEMO_CATALOG.find((i) => i.code === 'DX-SD-005')!);
    item.conditions = [...item.conditions, note];
    return who.call('PUT', '/api/v1/catalog/items/DX-SD-005', item);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = async (username: string, regionCode: string) =>
      createAccount(t.testDb.db.kysely, {
        username,
        displayName: username,
        password: DEMO_PASSWORD,
        grants: [{ role: 'admin', regionCode }],
        residentId: null,
        isDemo: true,
        actor: { accountId: null, role: 'system', stationId: null },
        now: t.clock.now,
      });
    await admin('lj-admin', GUCHENG); // 丽江市古城区: no station files under this catalog there
    await admin('village-admin', SANSHUNZHUANG); // one village of the many stations using it
    for (const u of ['admin', 'lj-admin', 'village-admin']) c[u] = await t.login(u);
  });
  afterAll(async () => t.close());

  it('an administrator whose scope leaves out stations that use it: 403, no new version', async () => {
    const before = await versions();
    for (const u of ['lj-admin', 'village-admin']) {
      const res = await edit(c[u]!, `越权修改 ${u}`);
      expect(res.statusCode, u).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' });
      const imported = await c[u]!.call('POST', '/api/v1/catalog/import', {
        items: [DEMO_CATALOG[0]],
      });
      expect(imported.statusCode, u).toBe(403);
    }
    expect(await versions()).toBe(before);
  });

  it('the working-day calendar likewise: an override only by an administrator covering every station', async () => {
    const count = async () =>
      Number(
        (
          await t.testDb.db.kysely
            .selectFrom('calendar_overrides')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const u of ['lj-admin', 'village-admin']) {
      const res = await c[u]!.call('PUT', '/api/v1/calendar/overrides/2027-10-08', {
        kind: 'holiday',
        note: '本村自定假日',
      });
      expect(res.statusCode, u).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' });
    }
    expect(await count()).toBe(before);
    const ok = await c.admin!.call('PUT', '/api/v1/calendar/overrides/2027-10-08', {
      kind: 'holiday',
      note: '国务院办公厅通知',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const gone = await c['village-admin']!.call('DELETE', '/api/v1/calendar/overrides/2027-10-08');
    expect(gone.statusCode).toBe(403);
    expect(await count()).toBe(before + 1);
  });

  it('the district administrator, covering every station, makes a new version', async () => {
    const before = await versions();
    const res = await edit(c.admin!, '本区统一补充条件');
    expect(res.statusCode, res.body).toBe(200);
    expect(await versions()).toBe(before + 1);
  });
});
