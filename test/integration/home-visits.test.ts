/**
 * GS-10 home visits (issue #14 point 2): requests batched by village into a day's route, the visit
 * done on a phone with the case filed on the spot (channel home_visit) and a blood-pressure record.
 * Structured health records are never in another unit's responses, the audit chain or the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  LI,
  registerVillager,
  request,
  secondClerk,
  SANSHUNZHUANG,
  YIZHUANG,
  type RouteJson,
  type VisitJson,
} from './home-visits.fixtures.ts';

const DAY = '2026-03-03'; // the day after the demo's route day
// Distinctive values: searched for in logs and other units' answers.
const CHECKUP = {
  systolic: 163,
  diastolic: 97,
  glucose: 12.7,
  glucoseTiming: 'post_meal',
  medicationAdvice: '硝苯地平缓释片早晚各一片',
  notes: '头晕三天',
};
const SECRETS = [
  '硝苯地平',
  '头晕三天',
  '"glucose":12.7',
  '"systolic":163',
  '"diastolic":97',
  '13911112222',
];

describe('GS-10 home visits', () => {
  let t: TestApp;
  let clerk: Client;
  let clerk2: Client;
  let other: Client; // 青云店镇: another town, another unit
  let town: Client; // the town centre: another unit of the same town
  let admin: Client; // a region grant: observes visits, never records
  let resident: Client; // 李长福
  const ids: Record<string, string> = {};
  let yzRoute: RouteJson;
  let recordId = '';

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    other = await t.login('clerk-qyd');
    town = await t.login('town');
    admin = await t.login('admin');
    resident = await t.login('resident');
    clerk2 = await secondClerk(t);
    const li = await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI });
    ids.li = li.json<{ id: string }>().id;
    ids.a = await registerVillager(clerk, '011', '赵老汉', YIZHUANG);
    ids.b = await registerVillager(clerk, '022', '钱奶奶', YIZHUANG);
    ids.c = await registerVillager(clerk, '033', '孙大爷', YIZHUANG);
  });
  afterAll(async () => t.close());

  it('the demo: three requests in 伊庄村 on one route for the demo day, in request order', async () => {
    const routes = (await clerk.call('GET', '/api/v1/home-visits/routes?day=2026-03-02')).json<
      RouteJson[]
    >();
    expect(routes.map((r) => r.villageCode)).toEqual([YIZHUANG]);
    expect(routes[0]!.stops.map((s) => [s.stop, s.status])).toEqual([
      [1, 'scheduled'],
      [2, 'scheduled'],
      [3, 'scheduled'],
    ]);
  });

  it('requests from a call, a relative and the agent; the phone is answered masked', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['c', { requestedBy: 'staff', reason: 'ill' }],
      ['a', { requestedBy: 'relative', itemCode: 'DX-MZ-001' }],
      ['b', { requestedBy: 'agent', reason: 'disabled' }],
      ['li', { requestedBy: 'resident' }],
    ];
    for (const [who, extra] of cases) {
      const res = await request(clerk, ids[who]!, extra);
      expect(res.statusCode, res.body).toBe(201);
      const v = res.json<VisitJson>();
      expect(v.status).toBe('requested');
      expect(v.contactPhoneMasked).toBe('139****2222');
      expect(v.availableActions).toEqual(['schedule', 'cancel']);
      ids[`v_${who}`] = v.id;
      t.clock.advance(60_000);
    }
    const stored = await t.testDb.db.kysely
      .selectFrom('home_visits')
      .select('contact_phone_cipher')
      .where('id', '=', ids.v_a!)
      .executeTakeFirstOrThrow();
    expect(stored.contact_phone_cipher).not.toContain('13911112222');
  });

  it('scheduling batches by village: one route per village, stops by request time', async () => {
    const res = await clerk.call('POST', '/api/v1/home-visits/schedule', {
      day: DAY,
      visitIds: [ids.v_li, ids.v_b, ids.v_a, ids.v_c],
    });
    expect(res.statusCode, res.body).toBe(200);
    const routes = res.json<RouteJson[]>();
    expect(routes.map((r) => r.villageCode)).toEqual([YIZHUANG, SANSHUNZHUANG]);
    yzRoute = routes[0]!;
    expect(yzRoute.stops.map((s) => s.id)).toEqual([ids.v_c, ids.v_a, ids.v_b]);
    expect(yzRoute.stops.map((s) => s.stop)).toEqual([1, 2, 3]);
    expect(routes[1]!.stops.map((s) => s.id)).toEqual([ids.v_li]);
    // No half-day named: the morning round, shown on every stop.
    expect(yzRoute.stops.map((s) => s.window)).toEqual(
      Array(3).fill({ from: '09:00', to: '12:00' }),
    );
    const listed = (await clerk.call('GET', `/api/v1/home-visits/routes?day=${DAY}`)).json<
      RouteJson[]
    >();
    expect(listed.find((r) => r.id === yzRoute.id)?.stops).toHaveLength(3);
  });

  it('a manual order names every stop once; anything else is refused', async () => {
    const order = [ids.v_b, ids.v_c, ids.v_a];
    const bad = await clerk.call('PUT', `/api/v1/home-visits/routes/${yzRoute.id}/order`, {
      visitIds: [ids.v_b, ids.v_c],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ code: string }>().code).toBe('VISIT_ROUTE_ORDER_INVALID');
    const res = await clerk.call('PUT', `/api/v1/home-visits/routes/${yzRoute.id}/order`, {
      visitIds: order,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RouteJson>().stops.map((s) => s.id)).toEqual(order);
  });

  it('on the phone: depart, record a checkup (flags), file the case, done', async () => {
    const v = ids.v_a!;
    expect(
      (
        await clerk.call('POST', `/api/v1/home-visits/${v}/records`, {
          template: 'chronic_checkup',
          values: CHECKUP,
        })
      ).statusCode,
    ).toBe(409); // not on the route yet
    const dep = await clerk.call('POST', `/api/v1/home-visits/${v}/depart`, {});
    expect(dep.statusCode, dep.body).toBe(200);
    expect(dep.json<VisitJson>().availableActions).toEqual(['complete', 'not_home', 'record']);
    const rec = await clerk.call('POST', `/api/v1/home-visits/${v}/records`, {
      template: 'chronic_checkup',
      values: CHECKUP,
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const record = rec.json<{ id: string; flags: string[]; values: Record<string, unknown> }>();
    expect(record.flags).toEqual(['blood_pressure_high', 'glucose_high']);
    expect(record.values.systolic).toBe(163);
    recordId = record.id;

    const kase = await clerk.call('POST', '/api/v1/cases', {
      residentId: ids.a,
      itemCode: 'DX-MZ-001',
      presented: ['id_card'],
      channel: 'home_visit',
    });
    expect(kase.statusCode, kase.body).toBe(201);
    const caseId = kase.json<{ id: string }>().id;
    const window = await clerk.call('POST', '/api/v1/cases', {
      residentId: ids.a,
      itemCode: 'DX-MZ-001',
      presented: ['id_card'],
    });
    const mismatch = await clerk.call('POST', `/api/v1/home-visits/${v}/complete`, {
      caseId: window.json<{ id: string }>().id,
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json<{ code: string }>().code).toBe('VISIT_CASE_MISMATCH');

    const done = await clerk.call('POST', `/api/v1/home-visits/${v}/complete`, { caseId });
    expect(done.statusCode, done.body).toBe(200);
    const visit = done.json<VisitJson>();
    expect(visit.status).toBe('done');
    expect(visit.caseId).toBe(caseId);
    expect(visit.records[0]!.flags).toEqual(['blood_pressure_high', 'glucose_high']);
    expect(visit.availableActions).toEqual(['record']);
  });

  it('not at home: scheduled again on another day', async () => {
    const v = ids.v_b!;
    await clerk.call('POST', `/api/v1/home-visits/${v}/depart`, {});
    const nh = await clerk.call('POST', `/api/v1/home-visits/${v}/not-home`, { note: '家中无人' });
    expect(nh.json<VisitJson>().availableActions).toEqual(['schedule', 'cancel']);
    const again = await clerk.call('POST', '/api/v1/home-visits/schedule', {
      day: '2026-03-04',
      visitIds: [v],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<RouteJson[]>()[0]!.stops.map((s) => s.stop)).toEqual([1]);
  });

  it('two phones marking the same stop: exactly one wins', async () => {
    const v = ids.v_c!;
    await clerk.call('POST', `/api/v1/home-visits/${v}/depart`, {});
    const [x, y] = await Promise.all([
      clerk.call('POST', `/api/v1/home-visits/${v}/complete`, {}),
      clerk2.call('POST', `/api/v1/home-visits/${v}/not-home`, {}),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
  });

  it('the same unit sees a record’s values only through an audited reveal with a reason', async () => {
    const seen = (await clerk2.call('GET', `/api/v1/home-visits/${ids.v_a}`)).json<VisitJson>();
    expect(seen.records).toHaveLength(1);
    expect(seen.records[0]!.values).toBeNull();
    expect(seen.records[0]!.revealable).toBe(true);
    const noReason = await clerk2.call(
      'POST',
      `/api/v1/home-visits/records/${recordId}/reveal`,
      {},
    );
    expect(noReason.statusCode).toBe(400);
    const res = await clerk2.call('POST', `/api/v1/home-visits/records/${recordId}/reveal`, {
      reason: '随访复核血压',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ values: Record<string, unknown> }>().values.diastolic).toBe(97);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['actor_id', 'after_json'])
      .where('action', '=', 'home_visit.record_revealed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('随访复核血压');
  });

  it('the resident sees their own record in full', async () => {
    await clerk.call('POST', `/api/v1/home-visits/${ids.v_li}/depart`, {});
    const rec = await clerk.call('POST', `/api/v1/home-visits/${ids.v_li}/records`, {
      template: 'chronic_checkup',
      values: { systolic: 118, diastolic: 76 },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const mine = await resident.call('GET', '/api/v1/home-visits/records/mine');
    expect(mine.statusCode).toBe(200);
    const rows = mine.json<{ values: Record<string, number>; flags: string[] }[]>();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.values).toEqual({ systolic: 118, diastolic: 76 });
    expect(rows[0]!.flags).toEqual([]);
  });

  it('another unit gets 404 and its listings never include the visit or its records', async () => {
    const from = t.responses.length;
    for (const c of [other, town]) {
      expect((await c.call('GET', `/api/v1/home-visits/${ids.v_a}`)).statusCode).toBe(404);
      const reveal = await c.call('POST', `/api/v1/home-visits/records/${recordId}/reveal`, {
        reason: '想看看数据',
      });
      expect([403, 404]).toContain(reveal.statusCode);
      const add = await c.call('POST', `/api/v1/home-visits/${ids.v_a}/records`, {
        template: 'chronic_checkup',
        values: { systolic: 120, diastolic: 80 },
      });
      expect([403, 404]).toContain(add.statusCode);
      const list = (await c.call('GET', '/api/v1/home-visits')).json<VisitJson[]>();
      expect(list.map((v) => v.id)).not.toContain(ids.v_a);
      const routes = await c.call('GET', `/api/v1/home-visits/routes?day=${DAY}`);
      expect(routes.json<RouteJson[]>().map((r) => r.id)).not.toContain(yzRoute.id);
      expect((await c.call('GET', `/api/v1/home-visits/routes/${yzRoute.id}`)).statusCode).toBe(
        404,
      );
    }
    // A region grant observes the visit but never its records, and may not act.
    const seen = await admin.call('GET', `/api/v1/home-visits/${ids.v_a}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<VisitJson>().records).toEqual([]);
    expect(seen.json<VisitJson>().availableActions).toEqual([]);
    const listed = (await admin.call('GET', '/api/v1/home-visits')).json<VisitJson[]>();
    expect(listed.find((v) => v.id === ids.v_a)?.records).toEqual([]);
    const answers = t.responses.slice(from).map((r) => r.body);
    expect(answers.length).toBeGreaterThan(10);
    for (const s of SECRETS) for (const a of answers) expect(a, s).not.toContain(s);
  });

  it('health values are in no log line, no other unit’s answer, and not in the audit chain', async () => {
    const logs = t.logs.join('\n');
    for (const s of SECRETS) expect(logs, s).not.toContain(s);
    const chain = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('after_json')
      .execute();
    const text = chain.map((r) => r.after_json ?? '').join('\n');
    for (const s of SECRETS) expect(text, s).not.toContain(s);
    const stored = await t.testDb.db.kysely
      .selectFrom('home_visit_records')
      .select('data_cipher')
      .execute();
    expect(stored.length).toBe(2);
    for (const r of stored) expect(r.data_cipher).not.toMatch(/systolic|163|118/);
  });
});
