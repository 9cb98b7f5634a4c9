/**
 * GS-10 staff at /appointments on the dialect of the run: the station picker's list (a clerk's own
 * station; a town officer's every station of the town); the walk-in clerk finds the resident by
 * ID number, name or phone tail (masked numbers only) and the B ticket carries them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { post, setTemplate, stationOf, YIZHUANG } from './appointments.fixtures.ts';

interface Staffed {
  id: string;
  name: string;
  hasTemplate: boolean;
  own: boolean;
}

describe('GS-10 staff: station picker and walk-in residents', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let stationId = '';

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    stationId = await stationOf(t);
    await setTemplate(clerk, stationId);
  });
  afterAll(async () => t.close());

  it('a clerk works their own station only; a town officer picks among the town’s stations', async () => {
    const mine = (await clerk.call('GET', '/api/v1/appointments/my-stations')).json<Staffed[]>();
    expect(mine).toEqual([
      expect.objectContaining({ id: stationId, own: true, hasTemplate: true }),
    ]);
    const res = await town.call('GET', '/api/v1/appointments/my-stations');
    expect(res.statusCode, res.body).toBe(200);
    const theirs = res.json<Staffed[]>();
    const townStations = await t.testDb.db.kysely
      .selectFrom('stations')
      .select('id')
      .where('region_code', 'like', `${YIZHUANG.slice(0, 9)}%`)
      .execute();
    expect(theirs.map((s) => s.id).sort()).toEqual(townStations.map((s) => s.id).sort());
    expect(theirs.length).toBeGreaterThan(1);
    expect(theirs.every((s) => !s.own)).toBe(true);
    expect(theirs.find((s) => s.id === stationId)?.hasTemplate).toBe(true);
    // and the day of any of them opens for the town officer
    const other = theirs.find((s) => s.id !== stationId)!;
    expect(
      (await town.call('GET', `/api/v1/appointments/stations/${other.id}/day`)).statusCode,
    ).not.toBe(403);
    expect(
      (await (await t.login('resident')).call('GET', '/api/v1/appointments/my-stations'))
        .statusCode,
    ).toBe(403);
  });

  it('finds a walk-in by phone tail and name with masked numbers; the B ticket carries them', async () => {
    const someone = await t.testDb.db.kysely
      .selectFrom('residents')
      .select(['id', 'full_name', 'phone_masked'])
      .where('home_region_code', '=', YIZHUANG)
      .where('phone_masked', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const tail = someone.phone_masked!.slice(-4);
    const byPhone = await clerk.call('GET', `/api/v1/residents?q=${tail}&limit=8`);
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    const found = byPhone.json<{ id: string; idMasked: string; phoneMasked: string }[]>();
    expect(found.map((r) => r.id)).toContain(someone.id);
    expect(found.every((r) => r.phoneMasked.endsWith(tail))).toBe(true);
    expect(found.every((r) => r.idMasked.includes('*') && r.phoneMasked.includes('*'))).toBe(true);
    const byName = await clerk.call(
      'GET',
      `/api/v1/residents?q=${encodeURIComponent(someone.full_name)}&limit=8`,
    );
    expect(byName.json<{ id: string }[]>().map((r) => r.id)).toContain(someone.id);

    const ticket = await post(clerk, `/api/v1/queue/stations/${stationId}/tickets`, {
      residentId: someone.id,
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json()).toMatchObject({
      lane: 'B',
      residentId: someone.id,
      residentName: someone.full_name,
    });
    const called = await post(clerk, `/api/v1/queue/stations/${stationId}/call-next`, {});
    expect(called.json<{ ticket: { residentId: string } }>().ticket.residentId).toBe(someone.id);
  });
});
