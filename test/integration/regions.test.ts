/** the region tree and stations, browsable by anyone, changed only by an administrator in scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('X-1 regions and stations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('browses from the root down to the villages of the pilot town', async () => {
    expect((await get('/api/v1/regions')).json()).toMatchObject([
      { code: '110000000000', name: '北京市', level: 'province', childCount: 1 },
      // the 滨州 rows of the programs story (issue #13, 黄河社区's 暑期托管驿站)
      { code: '370000000000', name: '山东省', level: 'province', childCount: 1 },
      // the 丽江 rows of the volunteer-service story (src/modules/demo/data/README.md)
      { code: '530000000000', name: '云南省', level: 'province', childCount: 1 },
    ]);
    const town = (await get('/api/v1/regions/110115110000')).json<{
      path: { name: string }[];
      children: { code: string; name: string; stationCount: number }[];
    }>();
    expect(town.path.map((p) => p.name)).toEqual(['北京市', '市辖区', '大兴区', '魏善庄镇']);
    expect(town.children).toHaveLength(44);
    expect(town.children.find((c) => c.code === '110115110207')).toMatchObject({
      name: '伊庄村',
      stationCount: 1,
    });
  });

  it('the pilot town has at least 18 village stations and a town centre, with hours and phone', async () => {
    const stations = (await get('/api/v1/stations?regionCode=110115110000')).json<
      { kind: string; phone: string; openingHours: unknown[] }[]
    >();
    expect(stations.filter((s) => s.kind === 'village_station').length).toBeGreaterThanOrEqual(18);
    expect(stations.filter((s) => s.kind === 'town_centre')).toHaveLength(1);
    expect(stations.every((s) => s.phone && s.openingHours.length > 0)).toBe(true);
    const district = (
      await get('/api/v1/stations?regionCode=110115000000&kind=district_centre')
    ).json<unknown[]>();
    expect(district).toHaveLength(1);
  });

  it('counts the stations inside each region, those of its villages included', async () => {
    const towns = (await get('/api/v1/regions?parent=110115000000')).json<
      { code: string; stationCount: number }[]
    >();
    expect(towns.find((t) => t.code === '110115110000')!.stationCount).toBe(19);
    expect(towns.find((t) => t.code === '110115103000')!.stationCount).toBe(6);
    expect(towns.find((t) => t.code === '110115001000')!.stationCount).toBe(0);
    const districts = (await get('/api/v1/regions?parent=110100000000')).json<
      { stationCount: number }[]
    >();
    expect(districts[0]!.stationCount).toBe(32);
  });

  it('an account’s grants carry the names of their region and station', async () => {
    const clerk = await t.login('clerk');
    const me = (await clerk.call('GET', '/api/v1/auth/me')).json<{
      grants: { regionName: string; stationName: string }[];
    }>();
    expect(me.grants[0]).toMatchObject({ regionName: '伊庄村', stationName: '伊庄村政务服务站' });
  });

  it('finds stations by name', async () => {
    const found = (await get(`/api/v1/stations?q=${encodeURIComponent('伊庄')}`)).json<
      { name: string }[]
    >();
    expect(found.map((s) => s.name)).toEqual(['伊庄村政务服务站']);
  });

  it('an administrator adds a grid under a village and a station on a new village', async () => {
    const admin = await t.login('admin');
    const grid = await admin.call('POST', '/api/v1/regions', {
      code: '110115110207001',
      name: '伊庄村第一网格',
      parentCode: '110115110207',
      level: 'grid',
    });
    expect(grid.statusCode, grid.body).toBe(201);
    const dup = await admin.call('POST', '/api/v1/regions', {
      code: '110115110207001',
      name: '重复',
      parentCode: '110115110207',
      level: 'grid',
    });
    expect(dup.json()).toMatchObject({ code: 'REGION_EXISTS' });
    const station = await admin.call('POST', '/api/v1/stations', {
      code: 'V-110238',
      name: '张家场村政务服务站',
      kind: 'village_station',
      regionCode: '110115110238',
      address: '张家场村村委会',
      phone: '010-69280000',
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }],
    });
    expect(station.statusCode, station.body).toBe(201);
    const again = await admin.call('POST', '/api/v1/stations', {
      code: 'V-110238',
      name: 'x',
      kind: 'village_station',
      regionCode: '110115110238',
      address: 'x',
      phone: '010-69280000',
      openingHours: [],
    });
    expect(again.json()).toMatchObject({ code: 'STATION_CODE_TAKEN' });
  });
});
