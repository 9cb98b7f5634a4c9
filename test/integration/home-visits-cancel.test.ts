/**
 * Issue #14 GS-10 a resident (or the relative on their account) cancels their own home visit before
 * it starts, with a reason, on a real database (both dialects): the transition table decides (the
 * resident's list carries `availableActions`); bad input is 4xx and writes nothing; an idempotent
 * replay answers the same; the visit leaves its route, the station sees it cancelled with the
 * reason, and the visiting unit's staff are notified in the same transaction; once the visit has
 * set off it can no longer be cancelled by the resident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface MyVisit {
  id: string;
  status: string;
  availableActions: string[];
  outcomeNote: string | null;
}

describe('GS-10 a resident cancels a home visit before it starts', () => {
  let t: TestApp;
  let resident: Client;
  let staff: Client;
  let stationId = '';
  let staffName = '';
  let visit: MyVisit;
  const db = () => t.testDb.db.kysely;
  const ask = { requestedBy: 'resident', reason: 'ill', preferredDates: ['2026-03-04'] };
  const stored = (id: string) =>
    db()
      .selectFrom('home_visits')
      .select(['status', 'route_id', 'stop_order', 'outcome_note', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const cancelNotices = () =>
    db()
      .selectFrom('notifications')
      .select(['account_id', 'params', 'entity_id'])
      .where('kind', '=', 'home_visit_cancelled')
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    resident = await t.login('resident');
    const res = await resident.call('POST', '/api/v1/home-visits/mine', ask);
    expect(res.statusCode, res.body).toBe(201);
    visit = res.json<MyVisit>();
    expect(visit.availableActions).toEqual(['cancel']);
    stationId = (
      await db()
        .selectFrom('home_visits')
        .select('station_id')
        .where('id', '=', visit.id)
        .executeTakeFirstOrThrow()
    ).station_id;
    const [holder] = await db()
      .selectFrom('role_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select('a.username')
      .where('g.station_id', '=', stationId)
      .where('g.role', 'in', ['clerk', 'agent', 'town_officer'])
      .orderBy('g.role', 'desc')
      .execute();
    staffName = holder!.username;
    staff = await t.login(staffName);
    const s = await staff.call('POST', '/api/v1/home-visits/schedule', {
      day: '2026-03-04',
      visitIds: [visit.id],
    });
    expect(s.statusCode, s.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('scheduled: the resident is offered cancel', async () => {
    const [mine] = (await resident.call('GET', '/api/v1/home-visits/mine')).json<MyVisit[]>();
    expect(mine).toMatchObject({ id: visit.id, status: 'scheduled', availableActions: ['cancel'] });
  });

  it('bad input is 4xx problem+json and writes nothing', async () => {
    const before = await stored(visit.id);
    const url = `/api/v1/home-visits/mine/${visit.id}/cancel`;
    const bad: [Client, string, unknown, number, string][] = [
      [resident, url, {}, 400, 'VALIDATION_FAILED'],
      [resident, url, { reason: ' ' }, 400, 'VALIDATION_FAILED'],
      [resident, url, { reason: '不用了', status: 'done' }, 400, 'VALIDATION_FAILED'],
      [
        resident,
        '/api/v1/home-visits/mine/not-a-uuid/cancel',
        { reason: '不用了' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        resident,
        '/api/v1/home-visits/mine/00000000-0000-4000-8000-000000000000/cancel',
        { reason: '不用了' },
        404,
        'VISIT_NOT_FOUND',
      ],
      [staff, url, { reason: '不用了' }, 403, 'FORBIDDEN'],
    ];
    for (const [who, path, body, status, code] of bad) {
      const r = await who.call('POST', path, body);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json<{ code: string }>().code).toBe(code);
    }
    expect(await stored(visit.id)).toEqual(before);
    expect(await cancelNotices()).toHaveLength(0);
  });

  it('cancelled with a reason: off the route, the station sees it, its staff are told', async () => {
    const url = `/api/v1/home-visits/mine/${visit.id}/cancel`;
    const body = { reason: '已自行到站办理' };
    const res = await resident.call('POST', url, body, { 'Idempotency-Key': 'visit-cancel-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MyVisit>()).toMatchObject({
      id: visit.id,
      status: 'cancelled',
      availableActions: [],
      outcomeNote: '已自行到站办理',
    });
    const replay = await resident.call('POST', url, body, { 'Idempotency-Key': 'visit-cancel-01' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<MyVisit>().status).toBe('cancelled');
    const again = await resident.call('POST', url, body);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('VISIT_STATE');
    expect(await stored(visit.id)).toMatchObject({
      status: 'cancelled',
      route_id: null,
      stop_order: null,
      outcome_note: '已自行到站办理',
    });
    // the station: cancelled with the reason, no longer a stop of the day's route
    const seen = await staff.call('GET', `/api/v1/home-visits/${visit.id}`);
    expect(seen.json()).toMatchObject({ status: 'cancelled', outcomeNote: '已自行到站办理' });
    expect(seen.json<{ availableActions: string[] }>().availableActions).toEqual([]);
    const routes = await staff.call('GET', '/api/v1/home-visits/routes?day=2026-03-04');
    expect(routes.body).not.toContain(visit.id);
    // every visit-staff account of the station is told, once (the replay wrote nothing more)
    const told = await cancelNotices();
    const holders = await db()
      .selectFrom('role_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select('a.id')
      .distinct()
      .where('g.station_id', '=', stationId)
      .where('g.role', 'in', ['clerk', 'agent', 'town_officer'])
      .where('a.status', '=', 'active')
      .execute();
    expect(told.map((n) => n.account_id).sort()).toEqual(holders.map((h) => h.id).sort());
    expect(told.every((n) => n.entity_id === visit.id)).toBe(true);
    expect(JSON.parse(told[0]!.params)).toMatchObject({ reason: '已自行到站办理' });
    const feed = await staff.call('GET', '/api/v1/notifications');
    expect(feed.body).toContain('已自行到站办理');
  });

  it('once the visit has set off, the resident can no longer cancel it', async () => {
    const res = await resident.call('POST', '/api/v1/home-visits/mine', ask);
    expect(res.statusCode, res.body).toBe(201); // the cancelled one is no longer open
    const second = res.json<MyVisit>();
    t.clock.advance(Date.parse('2026-03-04T01:00:00Z') - t.clock.now.getTime());
    staff = await t.login(staffName); // sessions do not last two days
    resident = await t.login('resident');
    expect(
      (
        await staff.call('POST', '/api/v1/home-visits/schedule', {
          day: '2026-03-04',
          visitIds: [second.id],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await staff.call('POST', `/api/v1/home-visits/${second.id}/depart`, {})).statusCode,
    ).toBe(200);
    const mine = (await resident.call('GET', '/api/v1/home-visits/mine'))
      .json<MyVisit[]>()
      .find((v) => v.id === second.id);
    expect(mine).toMatchObject({ status: 'on_route', availableActions: [] });
    const late = await resident.call('POST', `/api/v1/home-visits/mine/${second.id}/cancel`, {
      reason: '不用了',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ code: string }>().code).toBe('VISIT_STATE');
    expect((await stored(second.id)).status).toBe('on_route');
  });
});
