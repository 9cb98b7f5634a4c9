/**
 * Issue #15 point 4: a volunteer without a phone (registered by staff, no account) is signed up by
 * the activity's lead and checked in and out by hand — the hours land on their record. Only the
 * activity's managers may; bad input is a 4xx. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { servingSetup, TOWN, VILLAGE } from './activities.fixtures.ts';

const H = 3600_000;
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

describe('issue #15: the lead signs up and checks in a volunteer without a phone', () => {
  let t: TestApp;
  let leader: Client;
  let vstaff: Client;
  let activityId = '';
  let volunteerId = '';
  const code = (r: { json: <T>() => T }) => r.json<{ code: string }>().code;

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    const s = await servingSetup(t.testDb.db.kysely, t.pii);
    leader = await t.login('leader');
    vstaff = await t.login('vstaff');
    const res = await leader.call('POST', '/api/v1/vs/activities', {
      orderId: s.orderId,
      title: '助老送餐',
      place: '伊庄村委会',
      startsAt: at(2 * H),
      endsAt: at(5 * H),
      capacity: 3,
    });
    expect(res.statusCode, res.body).toBe(201);
    activityId = res.json<{ id: string }>().id;
    const v = await vstaff.call('POST', '/api/v1/volunteers', {
      idNumber: buildIdNumber('110115', '19550505', '071'),
      fullName: '赵大爷',
      homeRegionCode: VILLAGE,
      skills: ['送餐'],
      serviceRegionCodes: [TOWN],
      availability: { weekdays: [1, 2, 3, 4, 5], parts: ['am'] },
    });
    expect(v.statusCode, v.body).toBe(201);
    volunteerId = v.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  const candidates = async (c: Client, q: string) => {
    const r = await c.call(
      'GET',
      `/api/v1/vs/activities/${activityId}/signup-candidates?q=${encodeURIComponent(q)}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ id: string; hasAccount: boolean; signedUp: boolean; phoneMasked: null }[]>();
  };

  it('the lead finds them by name or number among the town’s volunteers (the roster’s picker)', async () => {
    const byName = await candidates(leader, '赵大爷');
    expect(byName.find((v) => v.id === volunteerId)).toMatchObject({
      hasAccount: false,
      signedUp: false,
      phoneMasked: null,
    });
    const number = (await vstaff.call('GET', `/api/v1/volunteers/${volunteerId}`)).json<{
      volunteerNumber: string;
    }>().volunteerNumber;
    expect((await candidates(leader, number)).map((v) => v.id)).toEqual([volunteerId]);
    expect(await candidates(leader, '没有这个人')).toEqual([]);
    const clerk = await t.login('clerk');
    const refused = await clerk.call(
      'GET',
      `/api/v1/vs/activities/${activityId}/signup-candidates?q=赵`,
    );
    expect(refused.statusCode).toBe(403);
    const noQ = await leader.call('GET', `/api/v1/vs/activities/${activityId}/signup-candidates`);
    expect([noQ.statusCode, code(noQ)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('the lead signs them up: a confirmed place, audited as by the lead', async () => {
    const r = await leader.call('POST', `/api/v1/vs/activities/${activityId}/signups`, {
      volunteerId,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'confirmed' });
    const again = await leader.call('POST', `/api/v1/vs/activities/${activityId}/signups`, {
      volunteerId,
    });
    expect([again.statusCode, code(again)]).toEqual([409, 'VS_SIGNUP_DUPLICATE']);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'vs_signup.created')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ volunteerId, by: 'lead' });
  });

  it('once signed up, the picker says so', async () => {
    expect((await candidates(leader, '赵大爷')).find((v) => v.id === volunteerId)).toMatchObject({
      signedUp: true,
    });
  });

  it('and checks them in and out by hand', async () => {
    t.clock.advance(2 * H + 10 * 60_000);
    const inn = await leader.call('POST', `/api/v1/vs/activities/${activityId}/attendance`, {
      volunteerId,
      direction: 'in',
    });
    expect(inn.statusCode, inn.body).toBe(200);
    t.clock.advance(2 * H);
    const out = await leader.call('POST', `/api/v1/vs/activities/${activityId}/attendance`, {
      volunteerId,
      direction: 'out',
    });
    expect(out.statusCode, out.body).toBe(200);
    const rec = await t.testDb.db.kysely
      .selectFrom('vs_service_records')
      .select(['volunteer_id'])
      .where('activity_id', '=', activityId)
      .where('volunteer_id', '=', volunteerId)
      .execute();
    expect(rec).toHaveLength(1);
  });

  it('only the activity’s managers; bad input is a 4xx with a code', async () => {
    for (const username of ['volunteer', 'clerk', 'resident']) {
      const c = await t.login(username);
      const r = await c.call('POST', `/api/v1/vs/activities/${activityId}/signups`, {
        volunteerId,
      });
      expect(r.statusCode, username).toBe(403);
    }
    const cases: [string, unknown, number, string][] = [
      [`/api/v1/vs/activities/${activityId}/signups`, {}, 400, 'VALIDATION_FAILED'],
      [
        `/api/v1/vs/activities/${activityId}/signups`,
        { volunteerId: crypto.randomUUID() },
        404,
        'VOLUNTEER_NOT_FOUND',
      ],
      [
        `/api/v1/vs/activities/${crypto.randomUUID()}/signups`,
        { volunteerId },
        404,
        'VS_ACTIVITY_NOT_FOUND',
      ],
    ];
    for (const [url, body, status, problem] of cases) {
      const r = await leader.call('POST', url, body);
      expect([r.statusCode, code(r)], url).toEqual([status, problem]);
    }
  });
});
