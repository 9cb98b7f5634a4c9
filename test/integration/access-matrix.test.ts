/**
 * every route tried by every role (and anonymously), allowed or denied exactly as declared;
 * and a clerk of another town against this town's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { ACCOUNTS, COVERED_ELSEWHERE, ROUTES, type Ctx } from './access/index.ts';

describe('X-2 route × role matrix', () => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  const ctx: Ctx = { residentId: '', stationId: '' };

  beforeAll(async () => {
    t = await createTestApp();
    for (const username of Object.keys(ACCOUNTS)) clients.set(username, await t.login(username));
    const li = await clients
      .get('clerk')!
      .call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' });
    ctx.residentId = li.json<{ id: string }>().id;
    const st = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stations?regionCode=110115110207',
    });
    ctx.stationId = st.json<{ id: string }[]>()[0]!.id;
    const idOf = async (username: string) =>
      (await clients.get(username)!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    // GS-6: 李长福 authorizes the demo agent for every item.
    ctx.agentAccountId = await idOf('agent');
    await clients.get('clerk')!.call('POST', '/api/v1/authorizations', {
      residentId: ctx.residentId,
      agentAccountId: ctx.agentAccountId,
      items: 'all',
      expiresOn: '2026-12-31',
      consent: { method: 'in_person' },
    });
    // A case every case role can see: decided by the district, filed by the agent (agents see
    // only their own cases) at 三顺庄村.
    const kase = await clients.get('agent')!.call('POST', '/api/v1/cases', {
      residentId: ctx.residentId,
      itemCode: 'DX-SB-004',
      presented: ['id_card'],
    });
    ctx.caseId = kase.json<{ id: string }>().id;
    ctx.caseNumber = kase.json<{ number: string }>().number;
    ctx.trackingCode = kase.json<{ trackingCode: string }>().trackingCode;
    // GS-4: an inquiry the agent recorded at 三顺庄村, handed to the town centre — every staff role
    // in reach sees both (an agent reads only inquiries and hand-offs they are party to, GS-6).
    const inquiry = await clients.get('agent')!.call('POST', '/api/v1/inquiries', {
      channel: 'walk_in',
      question: '低保怎么申请？',
      answer: '已告知所需材料',
    });
    ctx.inquiryId = inquiry.json<{ id: string }>().id;
    const handoff = await clients.get('agent')!.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      entityId: ctx.inquiryId,
      toAccountId: await idOf('town'),
      reason: '需镇中心答复',
    });
    ctx.handoffId = handoff.json<{ id: string }>().id;
    // Issue #10 point 9: a category owned by 魏善庄镇, which its staff and the district admin cover.
    const category = await clients.get('vstaff')!.call('POST', '/api/v1/vs/categories', {
      code: 'matrix_local',
      nameZh: '本镇类别',
      nameEn: 'Town category',
    });
    ctx.localCategory = category.json<{ code: string }>().code;
  });
  afterAll(async () => t.close());

  it('covers every API route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const tested = [...ROUTES.map((r) => `${r.method} ${r.path}`), ...COVERED_ELSEWHERE];
    expect(documented.sort()).toEqual(tested.sort());
  });

  for (const route of ROUTES) {
    describe(`${route.method} ${route.path}`, () => {
      it('anonymous', async () => {
        const { url, body } = route.request(ctx);
        const res = await t.app.inject({
          method: route.method,
          url,
          ...(body ? { payload: body } : {}),
        });
        if (route.allowed === 'public') expect(res.statusCode).toBeLessThan(300);
        else {
          expect(res.statusCode).toBe(401);
          expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
        }
      });
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        it(`${role} (${username})`, async () => {
          const { url, body } = route.request(ctx);
          const res = await clients.get(username)!.call(route.method, url, body);
          const allowed = route.allowed === 'public' || route.allowed.includes(role);
          if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
          else {
            expect(res.statusCode, res.body).toBe(403);
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
          }
        });
      }
    });
  }
});

describe('X-2 a clerk of another town against this town’s rows', () => {
  let t: TestApp;
  let other: Client;
  let own: Client;
  let residentId = '';

  beforeAll(async () => {
    t = await createTestApp();
    other = await t.login('clerk-qyd'); // 青云店镇
    own = await t.login('clerk'); // 伊庄村, 魏善庄镇
    residentId = (
      await own.call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('the home-town clerk serves a resident of another village of the same town (通办)', async () => {
    expect((await own.call('GET', `/api/v1/residents/${residentId}`)).statusCode).toBe(200);
  });
  it('reading the resident is out of scope', async () => {
    const res = await other.call('GET', `/api/v1/residents/${residentId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });
  it('exact lookup does not even say the person exists', async () => {
    const res = await other.call('POST', '/api/v1/residents/lookup', {
      idNumber: '110115194803120019',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'RESIDENT_NOT_FOUND' });
  });
  it('reveal is out of scope and writes nothing', async () => {
    const before = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await other.call('POST', `/api/v1/residents/${residentId}/reveal`, {
      reason: '想看看这个人的号码',
    });
    expect(res.statusCode).toBe(403);
    const after = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
  it('registering a resident of this town is out of scope', async () => {
    const res = await other.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19800101', '555'),
      fullName: '张三',
      homeRegionCode: '110115110222',
      address: '三顺庄村',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });
  it('registering someone already registered in another town says so, and where to go, without details', async () => {
    const res = await other.call('POST', '/api/v1/residents', {
      idNumber: '110115194803120019',
      fullName: '李长福',
      homeRegionCode: '110115103201',
      address: '青云店镇',
    });
    expect(res.statusCode, res.body).toBe(409);
    const problem = res.json<{ code: string; title: string }>();
    expect(problem.code).toBe('RESIDENT_REGISTERED_ELSEWHERE');
    expect(problem.title).toContain('区政务服务中心');
    expect(res.body).not.toContain('三顺庄');
  });
  it('the list shows only the clerk’s own town', async () => {
    const list = (await other.call('GET', '/api/v1/residents?limit=200')).json<
      { homeRegionCode: string }[]
    >();
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.homeRegionCode.startsWith('110115103'))).toBe(true);
  });
  it('an admin of the district may not create a station outside the district', async () => {
    const admin = await t.login('admin');
    const res = await admin.call('POST', '/api/v1/regions', {
      code: '110116001999',
      name: '外区',
      parentCode: '110100000000',
      level: 'district',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });
});
