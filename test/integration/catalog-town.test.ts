/**
 * Issue #11: the 通办 catalog a resident sees is their own town's. The demo's catalog is the one 大兴's
 * stations file under; a 丽江 resident (新义社区, no station serves 大研街道) sees none of it, list or
 * item, while 大兴's resident, staff and public callers see it all. A station opened in 大研街道 brings
 * the catalog to its residents — the scope follows the data, not a list of names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CALLER } from '../../src/modules/auth/actor.ts';
import { createStation } from '../../src/modules/regions/regions.service.ts';
import { DAYAN } from '../../src/modules/volunteers/volunteers.demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface List {
  total: number;
  items: { code: string }[];
  town: { served: boolean } | null;
  townList?: unknown;
}

describe('the catalog a resident sees is their town’s (issue #11)', () => {
  let t: TestApp;
  let ljResident: Client;
  let ljStaff: Client;
  let dxResident: Client;
  let clerk: Client;
  let someCode = '';

  beforeAll(async () => {
    t = await createTestApp();
    ljResident = await t.login('lj-resident1');
    ljStaff = await t.login('lj-staff');
    dxResident = await t.login('resident');
    clerk = await t.login('clerk');
  });
  afterAll(async () => t.close());

  const list = async (who: Client | null, query = '') => {
    const url = `/api/v1/catalog/items${query}`;
    const r = who ? await who.call('GET', url) : await t.app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<List>();
  };

  it('大兴: the resident, the clerk and a public caller see the whole catalog', async () => {
    const pub = await list(null, '?limit=200');
    expect(pub.total).toBeGreaterThanOrEqual(47);
    expect(pub.town).toBeNull();
    someCode = pub.items[0]!.code;
    // Issue #15 point 9: the clerk and the resident (魏善庄镇) see the shared list and their town's
    // own items — what a public caller sees when naming the town.
    const town = await list(null, '?limit=200&town=110115110000');
    const staff = await list(clerk, '?limit=200');
    expect(staff.items).toEqual(town.items);
    expect(staff.total).toBe(town.total);
    const resident = await list(dxResident, '?limit=200');
    expect(resident.total).toBe(town.total);
    expect(resident.town).toEqual({ served: true });
    const item = await dxResident.call('GET', `/api/v1/catalog/items/${someCode}`);
    expect(item.statusCode).toBe(200);
  });

  it('丽江: the resident and the volunteer centre see no item of 大兴’s catalog; items are refused 404 with a code', async () => {
    for (const who of [ljResident, ljStaff]) {
      expect(await list(who)).toEqual({
        total: 0,
        items: [],
        town: { served: false },
        townList: null,
      });
      expect((await list(who, '?q=shebao&tier=base')).total).toBe(0);
      for (const url of [
        `/api/v1/catalog/items/${someCode}`,
        `/api/v1/catalog/items/${someCode}/versions/1`,
      ]) {
        const r = await who.call('GET', url);
        expect(r.statusCode, r.body).toBe(404);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ code: 'CATALOG_NOT_SERVED_HERE' });
      }
    }
  });

  it('a station opened in 大研街道 brings the catalog to its residents', async () => {
    await createStation(t.testDb.db.kysely, {
      station: {
        code: 'LJ-DY-CENTRE',
        name: '大研街道便民服务中心',
        kind: 'town_centre',
        regionCode: DAYAN,
        address: '丽江市古城区大研街道',
        phone: '0888-5120000',
        openingHours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }],
      },
      actor: SEED_CALLER,
      requestId: null,
      now: t.clock.now,
    });
    const after = await list(ljResident, '?limit=200');
    expect(after.town).toEqual({ served: true });
    expect(after.total).toBe((await list(null, '?limit=200')).total);
    expect((await ljResident.call('GET', `/api/v1/catalog/items/${someCode}`)).statusCode).toBe(
      200,
    );
    // The district's volunteer centre (whose scope is all of 古城区) now has a station inside it too.
    expect((await list(ljStaff)).town).toEqual({ served: true });
  });
});
