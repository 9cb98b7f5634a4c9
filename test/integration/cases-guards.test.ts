/**
 * 赶集式通办 cases over HTTP on a real database (GS-3, GS-5, GS-7, GS-8, GS-9): the 李大爷 story,
 * the same item at several stations, scope, the one-time notice, the table, and races.
 *
 * This file: races, the transition table's guards, bad input and the tracking rate limit.
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

  it('parallel decisions: exactly one wins', async () => {
    const admin = await t.login('admin');
    const centre = (
      await admin.call('GET', '/api/v1/stations?regionCode=110115110000&kind=town_centre')
    ).json<{ id: string }[]>()[0]!;
    await admin.call('POST', '/api/v1/accounts', {
      username: 'town2',
      displayName: '镇中心二号',
      password: 'second-officer-pw',
      grants: [{ role: 'town_officer', stationId: centre.id }],
    });
    const town2 = await t.login('town2', 'second-officer-pw');
    let kase = (await file(clerk, { presented: ['id_card', 'photo_1inch'] })).json<CaseJson>();
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    const before = await count('case_actions');
    const [a, b] = await Promise.all([
      act(town, kase, { action: 'decide', result: 'approved', resultText: '准予' }),
      act(town2, kase, { action: 'decide', result: 'not_approved', resultText: '不予' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    // The loser either lost the conditional update (CASE_CHANGED) or already saw the decided state.
    const loser = [a, b].find((r) => r.statusCode === 409)!.json<{ code: string }>();
    expect(['CASE_CHANGED', 'CASE_INVALID_TRANSITION']).toContain(loser.code);
    expect(await count('case_actions')).toBe(before + 1);
  });

  it('the table guards every action: wrong state, wrong side, missing reason or result', async () => {
    let kase = (await file(clerk, { presented: ['id_card', 'photo_1inch'] })).json<CaseJson>();
    expect((await act(clerk, kase, { action: 'deliver' })).json()).toMatchObject({
      code: 'CASE_INVALID_TRANSITION',
    });
    expect((await act(clerk, kase, { action: 'withdraw' })).json()).toMatchObject({
      code: 'CASE_REASON_REQUIRED',
    });
    expect((await act(other, kase, { action: 'route' })).json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    expect(
      (await act(town, kase, { action: 'decide', result: 'approved', resultText: 'x' })).json(),
    ).toMatchObject({ code: 'CASE_NOT_AT_DECIDING_UNIT' });
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    expect((await act(town, kase, { action: 'decide', result: 'approved' })).json()).toMatchObject({
      code: 'CASE_RESULT_REQUIRED',
    });
    expect(
      (
        await act(
          town,
          { ...kase, version: kase.version - 1 },
          { action: 'suspend', reason: '等待公安核查' },
        )
      ).json(),
    ).toMatchObject({ code: 'CASE_CHANGED' });
    kase = (await act(town, kase, { action: 'suspend', reason: '等待公安核查' })).json<CaseJson>();
    expect(kase).toMatchObject({
      state: 'suspended',
      light: 'paused',
      availableActions: ['resume', 'withdraw'],
    });
    kase = (await act(town, kase, { action: 'resume' })).json<CaseJson>();
    expect(kase.state).toBe('in_progress');
    const volunteer = await t.login('volunteer');
    expect(
      (await act(volunteer, kase, { action: 'decide', result: 'approved', resultText: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('bad input → 4xx problem+json, nothing written', async () => {
    const before = { cases: await count('cases'), audit: await count('audit_events') };
    const bad: [Record<string, unknown>, string][] = [
      [{ presented: ['id_card'], extra: 1 }, 'VALIDATION_FAILED'],
      [{ presented: 'id_card' }, 'VALIDATION_FAILED'],
      [{ presented: ['passport_scan'] }, 'UNKNOWN_MATERIAL'],
      [{ presented: ['id_card', 'id_card'] }, 'UNKNOWN_MATERIAL'],
      [{ presented: [], itemCode: 'NO-SUCH-ITEM' }, 'CATALOG_ITEM_NOT_FOUND'],
      [{ presented: [], residentId: '00000000-0000-4000-8000-000000000000' }, 'RESIDENT_NOT_FOUND'],
      [{ presented: [], stationId: '00000000-0000-4000-8000-000000000000' }, 'OUT_OF_SCOPE'],
    ];
    for (const [body, code] of bad) {
      const r = await file(clerk, body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json(), JSON.stringify(body)).toMatchObject({ code });
    }
    const notJson = await clerk.call('POST', '/api/v1/cases', '{"residentId":');
    expect(notJson.json()).toMatchObject({ code: 'MALFORMED_JSON' });
    const badTransition = await clerk.call('POST', '/api/v1/cases/not-a-uuid/transitions', {
      action: 'route',
      expectedVersion: 1,
    });
    expect(badTransition.statusCode).toBe(400);
    const unknownAction = await clerk.call(
      'POST',
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/transitions',
      { action: 'teleport', expectedVersion: 1 },
    );
    expect(unknownAction.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const missingCase = await clerk.call(
      'POST',
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/transitions',
      { action: 'route', expectedVersion: 1 },
    );
    expect(missingCase.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    const badTrack = await t.app.inject({
      method: 'GET',
      url: '/api/v1/track?number=abc&phoneLast4=12',
    });
    expect(badTrack.statusCode).toBe(400);
    expect({ cases: await count('cases'), audit: await count('audit_events') }).toEqual(before);
  });

  it('tracking is rate-limited per address', async () => {
    // Other case numbers each time: the per-case-number limit (abuse-limits.test.ts) stays out of it.
    const ask = (i: number) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/track?number=20260302-9${String(i).padStart(4, '0')}&code=12345678`,
        remoteAddress: '10.7.7.7',
      });
    const codes = [];
    for (let i = 0; i < 32; i++) codes.push((await ask(i)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
  });
});
