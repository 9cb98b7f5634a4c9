/**
 * VS-6 over HTTP: who may call the state-changing routes (every demo role, and anonymously), and
 * bad input on every endpoint — a 4xx problem+json with a code, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTIVITY_IDS } from '../../src/modules/activities/activities.demo.ts';
import { ACCOUNTS } from './access/index.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { servingSetup } from './activities.fixtures.ts';

const VOLUNTEER = ['volunteer'];
const MANAGERS = ['team_leader', 'volunteer_staff'];
const H = 3600_000;
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();
const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('VS-6 serving: access and bad input', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let s: Awaited<ReturnType<typeof servingSetup>>;
  let activityId = '';
  const demo = DEMO_ACTIVITY_IDS.haircut;

  const counts = async () => {
    const db = t.testDb.db.kysely;
    const out: number[] = [];
    for (const table of [
      'audit_events',
      'vs_activities',
      'vs_signups',
      'vs_service_records',
      'vs_code_uses',
    ] as const) {
      const r = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out.push(Number(r.n));
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    s = await servingSetup(t.testDb.db.kysely, t.pii);
    for (const u of Object.keys(ACCOUNTS)) c[u] = await t.login(u);
    const res = await c.leader!.call('POST', '/api/v1/vs/activities', {
      orderId: s.orderId,
      title: '助老送餐',
      place: '伊庄村委会',
      startsAt: at(2 * H),
      endsAt: at(5 * H),
      capacity: 3,
    });
    expect(res.statusCode, res.body).toBe(201);
    activityId = res.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('the demo activity is seeded (the route matrix names it)', async () => {
    const r = await c.volunteer!.call('GET', `/api/v1/vs/activities/${demo}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ mySignup: { status: 'confirmed' } });
  });

  const routes: { method: 'POST'; url: () => string; allowed: string[]; body?: unknown }[] = [
    {
      method: 'POST',
      url: () => '/api/v1/vs/activities',
      allowed: MANAGERS,
      body: {
        projectId: NOBODY,
        title: 'x',
        place: 'y',
        startsAt: at(2 * H),
        endsAt: at(3 * H),
        capacity: 2,
      },
    },
    {
      method: 'POST',
      url: () => `/api/v1/vs/activities/${NOBODY}/cancel`,
      allowed: MANAGERS,
      body: { reason: '测试' },
    },
    { method: 'POST', url: () => `/api/v1/vs/activities/${NOBODY}/signup`, allowed: VOLUNTEER },
    {
      method: 'POST',
      url: () => `/api/v1/vs/activities/${NOBODY}/signup/cancel`,
      allowed: VOLUNTEER,
    },
    {
      method: 'POST',
      url: () => `/api/v1/vs/activities/${NOBODY}/check`,
      allowed: VOLUNTEER,
      body: { direction: 'in', code: '123456' },
    },
    {
      method: 'POST',
      url: () => `/api/v1/vs/activities/${NOBODY}/attendance`,
      allowed: MANAGERS,
      body: { volunteerId: NOBODY, direction: 'in' },
    },
    {
      method: 'POST',
      url: () => `/api/v1/vs/service-records/${NOBODY}/travel`,
      allowed: MANAGERS,
      body: { travelMinutes: 10 },
    },
    {
      method: 'POST',
      url: () => `/api/v1/vs/service-records/${NOBODY}/confirm`,
      allowed: MANAGERS,
      body: {},
    },
    {
      method: 'POST',
      url: () => `/api/v1/vs/service-records/${NOBODY}/reject`,
      allowed: MANAGERS,
      body: { reason: '测试' },
    },
  ];

  describe('route roles of the state-changing routes', () => {
    for (const r of routes) {
      it(`${r.method} ${r.url()}`, async () => {
        const before = await counts();
        const anon = await t.app.inject({
          method: r.method,
          url: r.url(),
          ...(r.body !== undefined ? { payload: r.body as object } : {}),
        });
        expect(anon.statusCode).toBe(401);
        for (const [username, role] of Object.entries(ACCOUNTS)) {
          const res = await c[username]!.call(r.method, r.url(), r.body);
          if (r.allowed.includes(role)) {
            // Past the route gate: the row does not exist (404) — never FORBIDDEN.
            expect(res.json<{ code: string }>().code, `${username}: ${res.body}`).not.toBe(
              'FORBIDDEN',
            );
            expect(res.statusCode, `${username}: ${res.body}`).toBe(404);
          } else {
            expect(res.statusCode, `${username}`).toBe(403);
            expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
          }
        }
        expect(await counts()).toEqual(before);
      });
    }
  });

  describe('bad input → 4xx problem+json, nothing written', () => {
    const bad: {
      who: string;
      method: 'GET' | 'POST';
      url: () => string;
      body?: unknown;
      status?: number;
    }[] = [];
    const create = (body: Record<string, unknown>, status = 400) =>
      bad.push({ who: 'leader', method: 'POST', url: () => '/api/v1/vs/activities', body, status });
    const good = () => ({
      orderId: s.orderId,
      title: '送餐',
      place: '村委会',
      startsAt: at(2 * H),
      endsAt: at(4 * H),
      capacity: 5,
    });
    // (bodies are built lazily: s is set in beforeAll)
    it('creating an activity', async () => {
      const cases: [Record<string, unknown>, number][] = [
        [{}, 400],
        [{ ...good(), capacity: 0 }, 400],
        [{ ...good(), capacity: 10_001 }, 400],
        [{ ...good(), capacity: 2.5 }, 400],
        [{ ...good(), endsAt: at(1 * H) }, 400],
        [{ ...good(), endsAt: at(30 * H) }, 400], // longer than 24 h
        [{ ...good(), startsAt: at(-5 * H), endsAt: at(-4 * H) }, 400], // in the past
        [{ ...good(), startsAt: 'tomorrow' }, 400],
        [{ ...good(), projectId: NOBODY }, 400], // both order and project
        [{ ...good(), orderId: 'not-a-uuid' }, 400],
        [{ ...good(), title: '   ' }, 400],
        [{ ...good(), extra: 1 }, 400],
        [{ ...good(), skills: 'driving' }, 400],
        [{ ...good(), regionCode: '999999999999' }, 400],
        [{ ...good(), leadAccountId: s.volunteerAccountId }, 422], // a volunteer cannot lead
        [{ ...good(), orderId: NOBODY }, 409],
      ];
      for (const [body, status] of cases) create(body, status);
      for (const b of bad.splice(0)) {
        const before = await counts();
        const res = await c[b.who]!.call(b.method, b.url(), b.body);
        expect(res.statusCode, `${JSON.stringify(b.body)} → ${res.body}`).toBe(b.status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json<{ code: string }>().code).toBeTruthy();
        expect(await counts()).toEqual(before);
      }
      const notJson = await c.leader!.call('POST', '/api/v1/vs/activities', '{"title":', {
        'content-type': 'application/json',
      });
      expect(notJson.statusCode).toBe(400);
    });

    it('every other endpoint', async () => {
      const id = () => activityId;
      const cases: {
        who: string;
        method: 'GET' | 'POST';
        url: string;
        body?: unknown;
        status: number;
      }[] = [
        {
          who: 'volunteer',
          method: 'GET',
          url: '/api/v1/vs/activities?view=everything',
          status: 400,
        },
        { who: 'volunteer', method: 'GET', url: '/api/v1/vs/activities?limit=0', status: 400 },
        { who: 'volunteer', method: 'GET', url: '/api/v1/vs/activities/not-a-uuid', status: 400 },
        { who: 'volunteer', method: 'GET', url: `/api/v1/vs/activities/${NOBODY}`, status: 404 },
        { who: 'volunteer', method: 'GET', url: '/api/v1/vs/my-activities?when=soon', status: 400 },
        {
          who: 'leader',
          method: 'GET',
          url: `/api/v1/vs/activities/${id()}/code?direction=up`,
          status: 400,
        },
        {
          who: 'leader',
          method: 'GET',
          url: `/api/v1/vs/activities/${id()}/code?extra=1`,
          status: 400,
        },
        {
          who: 'leader',
          method: 'GET',
          url: `/api/v1/vs/activities/${NOBODY}/roster`,
          status: 404,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/cancel`,
          body: {},
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/cancel`,
          body: { reason: '' },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/cancel`,
          body: { reason: 'x', force: true },
          status: 400,
        },
        {
          who: 'volunteer',
          method: 'POST',
          url: '/api/v1/vs/activities/not-a-uuid/signup',
          status: 400,
        },
        {
          who: 'volunteer',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/signup/cancel`,
          status: 404,
        },
        {
          who: 'volunteer',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/check`,
          body: { direction: 'in' },
          status: 400,
        },
        {
          who: 'volunteer',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/check`,
          body: { direction: 'in', code: '12345' },
          status: 400,
        },
        {
          who: 'volunteer',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/check`,
          body: { direction: 'sideways', code: '123456' },
          status: 400,
        },
        {
          who: 'volunteer',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/check`,
          body: { direction: 'in', code: '123456' },
          status: 409, // not signed up
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/attendance`,
          body: { volunteerId: 'x', direction: 'in' },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/attendance`,
          body: { volunteerId: NOBODY, direction: 'in', at: 'noon' },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/activities/${id()}/attendance`,
          body: { volunteerId: NOBODY, direction: 'in', at: at(10 * H) },
          status: 400, // in the future
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/travel`,
          body: { travelMinutes: -1 },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/travel`,
          body: { travelMinutes: 601 },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/travel`,
          body: { travelMinutes: '10' },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/confirm`,
          body: { travelMinutes: 1.5 },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/confirm`,
          body: { approve: true },
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/reject`,
          body: {},
          status: 400,
        },
        {
          who: 'leader',
          method: 'POST',
          url: `/api/v1/vs/service-records/${NOBODY}/confirm`,
          body: {},
          status: 404,
        },
      ];
      for (const b of cases) {
        const before = await counts();
        const res = await c[b.who]!.call(b.method, b.url, b.body);
        expect(res.statusCode, `${b.method} ${b.url} ${JSON.stringify(b.body)} → ${res.body}`).toBe(
          b.status,
        );
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(await counts()).toEqual(before);
      }
    });
  });
});
