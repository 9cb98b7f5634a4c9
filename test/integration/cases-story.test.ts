/**
 * 赶集式通办 cases over HTTP on a real database (GS-3, GS-5, GS-7, GS-8, GS-9): the 李大爷 story,
 * the same item at several stations, scope, the one-time notice, the table, and races.
 *
 * This file: the 李大爷 story, the same item at several stations, scope and the one-time notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { caseHelpers, LI, type CaseJson } from './cases.fixtures.ts';

describe('GS-2 GS-3 GS-5 GS-7 GS-9 cases', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let agent: Client; // 三顺庄村
  let town: Client; // 魏善庄镇政务服务中心
  let other: Client; // a clerk in 青云店镇
  let liId = '';

  const { file, act, count } = caseHelpers(() => ({ t, liId }));

  /** Moves the clock; sessions last 12 hours, so everyone logs in again as a new day starts. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await loginAll();
  };
  const loginAll = async () => {
    clerk = await t.login('clerk');
    agent = await t.login('agent');
    town = await t.login('town');
    other = await t.login('clerk-qyd');
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll();
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    // GS-6: the demo agent files for 李长福 under his recorded authorization.
    const agentId = (await agent.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const authorized = await clerk.call('POST', '/api/v1/authorizations', {
      residentId: liId,
      agentAccountId: agentId,
      items: 'all',
      expiresOn: '2026-12-31',
      consent: { method: 'in_person' },
    });
    expect(authorized.statusCode, authorized.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('the 李大爷 story: filed at 伊庄村 for a resident of 三顺庄村, decided at the town centre, tracked by phone', async () => {
    const filed = await file(clerk, { presented: ['id_card', 'photo_1inch'] });
    expect(filed.statusCode, filed.body).toBe(201);
    let kase = filed.json<CaseJson>();
    expect(kase).toMatchObject({
      state: 'accepted',
      isTongban: true,
      decidedBy: 'town_centre',
      acceptingStation: { name: '伊庄村政务服务站' },
      item: { code: 'DX-SB-001', version: 1 },
    });
    expect(kase.number).toMatch(/^\d{9}-20260302-\d{7}$/);
    expect(kase.dueDate).toBe('2026-03-09'); // Monday 2 March + 5 working days
    expect(kase.light).toBe('green');
    expect(kase.availableActions).toEqual(['route', 'withdraw']);

    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    expect(kase.state).toBe('in_progress');
    const inbox = (await town.call('GET', '/api/v1/cases?box=inbox')).json<CaseJson[]>();
    expect(inbox.map((c) => c.id)).toContain(kase.id);
    const seen = (await town.call('GET', `/api/v1/cases/${kase.id}`)).json<CaseJson>();
    // The town officer is on both sides: the deciding unit, and station staff who may withdraw.
    expect(seen.availableActions).toEqual([
      'request_supplement',
      'forward',
      'suspend',
      'decide',
      'withdraw',
    ]);

    const clerkDecides = await act(clerk, kase, {
      action: 'decide',
      result: 'approved',
      resultText: '同意补卡',
    });
    expect(clerkDecides.json()).toMatchObject({ code: 'CASE_NOT_PARTY' });

    await advance(2 * 86400_000);
    kase = (
      await act(town, kase, {
        action: 'decide',
        result: 'approved',
        resultText: '同意补办，新卡已送制',
      })
    ).json<CaseJson>();
    expect(kase.state).toBe('decided');
    const noAddress = await act(town, kase, { action: 'deliver', deliveryMethod: 'post' });
    expect(noAddress.json()).toMatchObject({ code: 'CASE_POSTAL_ADDRESS_REQUIRED' });
    kase = (
      await act(town, kase, {
        action: 'deliver',
        deliveryMethod: 'post',
        postalAddress: '北京市大兴区魏善庄镇伊庄村南街3号（女儿家）',
      })
    ).json<CaseJson>();
    const delivered = await t.testDb.db.kysely
      .selectFrom('case_actions')
      .select('payload')
      .where('case_id', '=', kase.id)
      .where('action', '=', 'deliver')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(delivered.payload!)).toMatchObject({ deliveryMethod: 'post' });
    expect(kase.state).toBe('delivered');

    const history = (await clerk.call('GET', `/api/v1/cases/${kase.id}/actions`)).json<
      { action: string; toState: string; actorRole: string; stationName: string | null }[]
    >();
    expect(history.map((h) => [h.action, h.toState, h.actorRole])).toEqual([
      ['file', 'accepted', 'clerk'],
      ['route', 'in_progress', 'clerk'],
      ['decide', 'decided', 'town_officer'],
      ['deliver', 'delivered', 'town_officer'],
    ]);
    expect(history[0]!.stationName).toBe('伊庄村政务服务站');
    expect((await other.call('GET', `/api/v1/cases/${kase.id}/actions`)).statusCode).toBe(403);

    const tracked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/track?number=${kase.number}&code=${kase.trackingCode}`,
    });
    expect(tracked.json()).toEqual({
      number: kase.number,
      item: { zh: '社会保障卡补办', en: 'Social security card replacement' },
      state: 'delivered',
      station: '伊庄村政务服务站',
      dueDate: '2026-03-09',
      dueDateProvisional: false,
      provisionalYears: [],
      missing: [],
      result: 'approved',
      townStations: expect.any(Array) as unknown, // issue #11: see lan-http.test.ts
    });
    expect(tracked.body).not.toContain('李长福');
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/api/v1/track?number=${kase.number}&code=${kase.trackingCode === '00000000' ? '00000001' : '00000000'}`,
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toMatchObject({ code: 'TRACKING_NOT_FOUND' });
  });

  it('the same item filed at three stations gives the same materials, due date and outcome', async () => {
    const results = [];
    for (const c of [clerk, agent, town]) {
      const r = await file(c, { presented: ['id_card'] });
      expect(r.statusCode, r.body).toBe(201);
      results.push(r.json<CaseJson>());
    }
    const shape = (k: CaseJson) => ({
      state: k.state,
      dueDate: k.dueDate,
      notice: k.notice,
      decidedBy: k.decidedBy,
      item: k.item,
    });
    expect(shape(results[1]!)).toEqual(shape(results[0]!));
    expect(shape(results[2]!)).toEqual(shape(results[0]!));
    expect(results[0]!.notice.missing.map((m) => [m.key, m.blocking])).toEqual([
      ['photo_1inch', true],
      ['agent_id_card', false],
      ['authorisation', false],
    ]);
    expect(results.map((r) => r.isTongban)).toEqual([true, false, true]);
  });

  it('in town: every station of 魏善庄镇 accepts the item for a resident of 三顺庄村', async () => {
    const admin = await t.login('admin');
    const stations = (
      await admin.call('GET', '/api/v1/stations?regionCode=110115110000&limit=100')
    ).json<{ id: string; code: string; kind: string }[]>();
    expect(stations.length).toBeGreaterThanOrEqual(19); // 18 village stations + the town centre
    const dueDates = new Set<string | null>();
    for (const s of stations) {
      const username = `clerk-${s.code.toLowerCase()}`;
      const created = await admin.call('POST', '/api/v1/accounts', {
        username,
        displayName: `${s.code} 专管员`,
        password: 'every-station-pw',
        grants: [{ role: s.kind === 'town_centre' ? 'town_officer' : 'clerk', stationId: s.id }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const c = await t.login(username, 'every-station-pw');
      const r = await file(c, { presented: ['id_card', 'photo_1inch'] });
      expect(r.statusCode, `${s.code}: ${r.body}`).toBe(201);
      expect(r.json<CaseJson>().state).toBe('accepted');
      dueDates.add(r.json<CaseJson>().dueDate);
    }
    expect(dueDates.size).toBe(1); // the same standard everywhere (GS-2)
  });

  it('out of town: refused with a code naming where it can be filed, nothing written', async () => {
    const before = await count('cases');
    const r = await file(other, { presented: ['id_card', 'photo_1inch'] });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({
      code: 'CASE_OUTSIDE_SCOPE',
      detail: '可在魏善庄镇的任一服务站办理',
      fileWithin: { regionCode: '110115110000', regionName: '魏善庄镇' },
    });
    expect(await count('cases')).toBe(before);
  });

  it('one-time notice: supplement until complete; later requests only for what the notice lists', async () => {
    let kase = (await file(clerk, { presented: ['id_card'] })).json<CaseJson>();
    expect(kase).toMatchObject({ state: 'awaiting_supplement', dueDate: null, light: 'none' });
    const stillMissing = await act(clerk, kase, {
      action: 'supplement',
      presented: ['agent_id_card'],
    });
    expect(stillMissing.json()).toMatchObject({ code: 'CASE_MATERIALS_INCOMPLETE' });
    await advance(3600_000);
    kase = (
      await act(clerk, kase, { action: 'supplement', presented: ['photo_1inch'] })
    ).json<CaseJson>();
    expect(kase.state).toBe('accepted');
    expect(kase.dueDate).not.toBeNull();
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();

    const before = await count('case_requests');
    const outside = await act(town, kase, {
      action: 'request_supplement',
      materialKey: 'marriage_cert',
      kind: 'missing',
      reason: '需要婚姻证明',
    });
    expect(outside.json()).toMatchObject({ code: 'SUPPLEMENT_NOT_IN_NOTICE' });
    // Asking again for a presented material under kind 'missing' is a second request, not a
    // refusal: see cases-requests.test.ts (issue #10, point 4).
    const noReason = await act(town, kase, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      kind: 'defective',
    });
    expect(noReason.json()).toMatchObject({ code: 'CASE_REASON_REQUIRED' });
    expect(await count('case_requests')).toBe(before);

    const withReason = await act(town, kase, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      kind: 'defective',
      reason: '照片背景不是白色，无法制卡',
    });
    expect(withReason.statusCode, withReason.body).toBe(200);
    kase = withReason.json<CaseJson>();
    expect(kase).toMatchObject({ state: 'awaiting_supplement', light: 'paused' });
    const row = await t.testDb.db.kysely
      .selectFrom('case_requests')
      .selectAll()
      .where('case_id', '=', kase.id)
      .where('kind', '!=', 'notice')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      material_key: 'photo_1inch',
      kind: 'defective',
      blocking: 1,
      satisfied_at: null,
    });

    // Back at the window: the new photo; the paused working day moves the due date by one.
    const dueBefore = kase.dueDate!;
    await advance(86400_000);
    kase = (
      await act(town, kase, { action: 'supplement', presented: ['photo_1inch'] })
    ).json<CaseJson>();
    expect(kase.state).toBe('accepted');
    expect(kase.dueDate! > dueBefore).toBe(true);
  });
});
