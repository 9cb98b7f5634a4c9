/** GS-10 home visits, bad input on every endpoint: a 4xx problem+json with a code, nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  count,
  registerVillager,
  request,
  YIZHUANG,
  type VisitJson,
} from './home-visits.fixtures.ts';

describe('GS-10 home visits refuse bad input', () => {
  let t: TestApp;
  let clerk: Client;
  let visitId = '';
  let doneId = '';
  let routeId = '';
  const nobody = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    const resident = await registerVillager(clerk, '044', '周奶奶', YIZHUANG);
    visitId = (await request(clerk, resident)).json<VisitJson>().id;
    doneId = (await request(clerk, resident)).json<VisitJson>().id;
    const routes = await clerk.call('POST', '/api/v1/home-visits/schedule', {
      day: '2026-03-02',
      visitIds: [doneId],
    });
    routeId = routes.json<{ id: string }[]>()[0]!.id;
  });
  afterAll(async () => t.close());

  const bad = (): {
    name: string;
    method: 'POST' | 'GET' | 'PUT';
    url: string;
    body?: unknown;
    status: number;
    code?: string;
  }[] => [
    { name: 'no body', method: 'POST', url: '/api/v1/home-visits', body: {}, status: 400 },
    {
      name: 'unknown reason',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: { residentId: nobody, requestedBy: 'staff', reason: 'bored' },
      status: 400,
    },
    {
      name: 'no such resident',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: { residentId: nobody, requestedBy: 'staff', reason: 'ill' },
      status: 404,
      code: 'RESIDENT_NOT_FOUND',
    },
    {
      name: 'a mobile number in the note',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: { residentId: nobody, requestedBy: 'staff', reason: 'ill', note: '回电13912345678' },
      status: 400,
      code: 'FREE_TEXT_PERSONAL_NUMBER',
    },
    {
      name: 'a bad contact phone',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: { residentId: nobody, requestedBy: 'staff', reason: 'ill', contactPhone: '12345' },
      status: 400,
    },
    {
      name: 'a preferred date in the past',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: {
        residentId: nobody,
        requestedBy: 'staff',
        reason: 'ill',
        preferredDates: ['2020-01-01'],
      },
      status: 400,
      code: 'VISIT_PREFERRED_DATES_INVALID',
    },
    {
      name: 'an item without home visits',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: { residentId: 'RESIDENT', requestedBy: 'staff', reason: 'ill', itemCode: 'DX-SB-001' },
      status: 422,
      code: 'CHANNEL_NOT_OFFERED',
    },
    {
      name: 'a station not mine',
      method: 'POST',
      url: '/api/v1/home-visits',
      body: { residentId: nobody, requestedBy: 'staff', reason: 'ill', stationId: nobody },
      status: 403,
    },
    {
      name: 'a bad status filter',
      method: 'GET',
      url: '/api/v1/home-visits?status=x',
      status: 400,
    },
    {
      name: 'a route without a day',
      method: 'GET',
      url: '/api/v1/home-visits/routes',
      status: 400,
    },
    { name: 'not a uuid', method: 'GET', url: '/api/v1/home-visits/nope', status: 400 },
    { name: 'no such visit', method: 'GET', url: `/api/v1/home-visits/${nobody}`, status: 404 },
    {
      name: 'no such route',
      method: 'GET',
      url: `/api/v1/home-visits/routes/${nobody}`,
      status: 404,
    },
    {
      name: 'schedule on a past day',
      method: 'POST',
      url: '/api/v1/home-visits/schedule',
      body: { day: '2026-03-01', visitIds: ['VISIT'] },
      status: 422,
      code: 'VISIT_DAY_IN_PAST',
    },
    {
      name: 'schedule nothing',
      method: 'POST',
      url: '/api/v1/home-visits/schedule',
      body: { day: '2026-03-03', visitIds: [] },
      status: 400,
    },
    {
      name: 'schedule a bad date',
      method: 'POST',
      url: '/api/v1/home-visits/schedule',
      body: { day: '2026-02-30x', visitIds: ['VISIT'] },
      status: 400,
    },
    {
      name: 'schedule an unknown visit',
      method: 'POST',
      url: '/api/v1/home-visits/schedule',
      body: { day: '2026-03-03', visitIds: [nobody] },
      status: 404,
      code: 'VISIT_NOT_FOUND',
    },
    {
      name: 'schedule a visit already scheduled',
      method: 'POST',
      url: '/api/v1/home-visits/schedule',
      body: { day: '2026-03-03', visitIds: ['DONE'] },
      status: 409,
      code: 'VISIT_STATE',
    },
    {
      name: 'reorder with a stranger',
      method: 'PUT',
      url: '/api/v1/home-visits/routes/ROUTE/order',
      body: { visitIds: [nobody] },
      status: 422,
      code: 'VISIT_ROUTE_ORDER_INVALID',
    },
    {
      name: 'reorder with nothing',
      method: 'PUT',
      url: '/api/v1/home-visits/routes/ROUTE/order',
      body: { visitIds: [] },
      status: 400,
    },
    {
      name: 'complete before setting off',
      method: 'POST',
      url: '/api/v1/home-visits/VISIT/complete',
      body: {},
      status: 409,
      code: 'VISIT_STATE',
    },
    {
      name: 'complete with an unknown field',
      method: 'POST',
      url: '/api/v1/home-visits/VISIT/complete',
      body: { rating: 5 },
      status: 400,
    },
    {
      name: 'depart before scheduling',
      method: 'POST',
      url: '/api/v1/home-visits/VISIT/depart',
      body: {},
      status: 409,
    },
    {
      name: 'not home before setting off',
      method: 'POST',
      url: '/api/v1/home-visits/VISIT/not-home',
      body: {},
      status: 409,
    },
    {
      name: 'cancel an unknown visit',
      method: 'POST',
      url: `/api/v1/home-visits/${nobody}/cancel`,
      body: {},
      status: 404,
    },
    {
      name: 'a record before the visit',
      method: 'POST',
      url: '/api/v1/home-visits/VISIT/records',
      body: { template: 'chronic_checkup', values: { systolic: 150, diastolic: 95 } },
      status: 409,
    },
    {
      name: 'a record of an unknown template',
      method: 'POST',
      url: '/api/v1/home-visits/VISIT/records',
      body: { template: 'dental', values: {} },
      status: 400,
    },
    {
      name: 'an implausible pressure',
      method: 'POST',
      url: '/api/v1/home-visits/DONE/records',
      body: { template: 'chronic_checkup', values: { systolic: 999, diastolic: 95 } },
      status: 400,
    },
    {
      name: 'glucose without timing',
      method: 'POST',
      url: '/api/v1/home-visits/DONE/records',
      body: { template: 'chronic_checkup', values: { glucose: 6 } },
      status: 400,
    },
    {
      name: 'reveal without a reason',
      method: 'POST',
      url: `/api/v1/home-visits/records/${nobody}/reveal`,
      body: {},
      status: 400,
    },
    {
      name: 'reveal an unknown record',
      method: 'POST',
      url: `/api/v1/home-visits/records/${nobody}/reveal`,
      body: { reason: '复核数据' },
      status: 404,
      code: 'VISIT_RECORD_NOT_FOUND',
    },
  ];

  it('every endpoint answers 4xx problem+json with a code, and writes nothing', async () => {
    const residentId = (
      await t.testDb.db.kysely
        .selectFrom('home_visits')
        .select('resident_id')
        .where('id', '=', visitId)
        .executeTakeFirstOrThrow()
    ).resident_id;
    const fill = (s: string) =>
      s
        .replaceAll('VISIT', visitId)
        .replaceAll('DONE', doneId)
        .replaceAll('ROUTE', routeId)
        .replaceAll('RESIDENT', residentId);
    const before = {
      visits: await count(t, 'home_visits'),
      records: await count(t, 'home_visit_records'),
      routes: await count(t, 'home_visit_routes'),
      audit: await count(t, 'audit_events'),
    };
    for (const [i, c] of bad().entries()) {
      const body: unknown =
        c.body === undefined ? undefined : (JSON.parse(fill(JSON.stringify(c.body))) as unknown);
      const res = await clerk.call(c.method, fill(c.url), body, {
        'idempotency-key': `bad-input-${i}`,
      });
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(c.status);
      expect(res.headers['content-type'], c.name).toContain('application/problem+json');
      const problem = res.json<{ code: string; title: string }>();
      expect(problem.code, c.name).toBeTruthy();
      if (c.code) expect(problem.code, c.name).toBe(c.code);
    }
    expect({
      visits: await count(t, 'home_visits'),
      records: await count(t, 'home_visit_records'),
      routes: await count(t, 'home_visit_routes'),
      audit: await count(t, 'audit_events'),
    }).toEqual(before);
  });
});
