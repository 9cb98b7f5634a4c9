/**
 * Issue #10, points 4–6 over HTTP on a real database (GS-5, GS-7, GS-9): a later request is
 * classified from the case's material history (a disguised second request is counted), what is
 * missing now is derived from the case's open requests everywhere (case view, tracking, the
 * incomplete-materials problem), a station's own item can be sent back after acceptance, and a
 * requested optional material is satisfied only by bringing it.
 *
 * This file: point 6 (sending back after acceptance, optional materials) and the 0013 backfill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
  backfillCaseRequests,
  type BackfillDb,
} from '../../src/db/migrations/0013_case_requests.ts';
import {
  AGENT_ID,
  caseRequestHelpers,
  ID_CARD,
  LI,
  type CaseJson,
} from './cases-requests.fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('GS-5 cases: the one-time notice holds (issue #10, points 4–6)', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let town: Client; // 魏善庄镇政务服务中心
  let liId = '';
  const { file, act, ok, view, track, requests } = caseRequestHelpers(() => ({
    t,
    clerk,
    town,
    liId,
  }));

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
  });
  afterAll(async () => t.close());

  it('point 6: a station’s own item can be sent back after acceptance; a routed one only at its unit', async () => {
    let own = await file(clerk, 'DX-SB-002', ['id_card']); // 社保卡挂失, decided at the station
    expect(own.state).toBe('accepted');
    expect(own.availableActions).toContain('request_supplement');
    own = await ok(clerk, own, {
      action: 'request_supplement',
      materialKey: 'id_card',
      reason: '身份证复印件模糊不清',
    });
    expect(own.state).toBe('awaiting_supplement');
    expect((await track(own)).missing).toEqual([ID_CARD]);
    own = await ok(clerk, own, { action: 'supplement', presented: ['id_card'] });
    expect(own.state).toBe('accepted');

    const routed = await file(clerk, 'DX-SB-001', ['id_card', 'photo_1inch']);
    const early = await act(town, routed, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      reason: '照片背景不是白色',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CASE_NOT_AT_DECIDING_UNIT' });
    const done = await ok(clerk, await ok(clerk, routed, { action: 'route' }), {
      action: 'withdraw',
      reason: '申请人撤回',
    });
    const late = await act(town, done, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      reason: '照片背景不是白色',
    });
    expect(late.json()).toMatchObject({ code: 'CASE_INVALID_TRANSITION' });
  });

  it('point 6: request_supplement by where the item is decided and where the case stands (table)', async () => {
    type Setup = 'filed' | 'routed' | 'returned' | 'decided';
    // [item, how the case is brought there, who asks, expected status, expected code]
    const table: [string, Setup, 'clerk' | 'town', number, string | null][] = [
      ['DX-SB-002', 'filed', 'clerk', 200, null], // station item, accepted
      ['DX-SB-002', 'returned', 'clerk', 409, 'CASE_INVALID_TRANSITION'], // awaiting supplement
      ['DX-SB-002', 'decided', 'clerk', 409, 'CASE_INVALID_TRANSITION'],
      ['DX-SB-001', 'filed', 'town', 409, 'CASE_NOT_AT_DECIDING_UNIT'], // routed item, accepted
      ['DX-SB-001', 'routed', 'town', 200, null], // at the town centre
      ['DX-SB-001', 'routed', 'clerk', 403, 'CASE_NOT_PARTY'], // the accepting clerk does not decide it
      ['DX-SB-001', 'decided', 'town', 409, 'CASE_INVALID_TRANSITION'],
    ];
    for (const [itemCode, setup, who, status, code] of table) {
      const presented = itemCode === 'DX-SB-002' ? ['id_card'] : ['id_card', 'photo_1inch'];
      let kase = await file(clerk, itemCode, presented);
      const decider = itemCode === 'DX-SB-002' ? clerk : town;
      if (setup !== 'filed' && itemCode === 'DX-SB-001')
        kase = await ok(clerk, kase, { action: 'route' });
      if (setup === 'returned')
        kase = await ok(decider, kase, {
          action: 'request_supplement',
          materialKey: 'id_card',
          reason: '身份证复印件模糊不清',
        });
      if (setup === 'decided')
        kase = await ok(decider, kase, {
          action: 'decide',
          result: 'approved',
          resultText: '准予办理',
        });
      const r = await act(who === 'clerk' ? clerk : town, kase, {
        action: 'request_supplement',
        materialKey: 'id_card',
        reason: '身份证已过有效期',
      });
      const label = `${itemCode} ${setup} by ${who}: ${r.body.slice(0, 200)}`;
      expect(r.statusCode, label).toBe(status);
      if (code) expect(r.json<{ code: string }>().code, label).toBe(code);
      else expect(r.json<CaseJson>().state, label).toBe('awaiting_supplement');
    }
  });

  it('point 6: a requested optional material is satisfied only by bringing it', async () => {
    for (const [itemCode, presented, route] of [
      ['DX-SB-001', ['id_card', 'photo_1inch'], true],
      ['DX-SB-002', ['id_card'], false],
    ] as const) {
      let kase = await file(clerk, itemCode, [...presented]);
      if (route) kase = await ok(clerk, kase, { action: 'route' });
      const decider = route ? town : clerk;
      kase = await ok(decider, kase, {
        action: 'request_supplement',
        materialKey: 'agent_id_card',
        kind: 'missing',
        reason: '由代办人办理，需代办人身份证',
      });
      expect(kase.state).toBe('awaiting_supplement');
      for (const body of [
        { action: 'supplement' },
        { action: 'supplement', presented: [] },
        { action: 'supplement', presented: ['authorisation'] },
      ]) {
        const r = await act(clerk, kase, body);
        expect(r.statusCode, `${itemCode} ${JSON.stringify(body)}`).toBe(400);
        expect(r.json()).toMatchObject({
          code: 'CASE_MATERIALS_INCOMPLETE',
          missing: [{ key: 'agent_id_card', name: AGENT_ID }],
        });
      }
      expect((await view(kase)).state).toBe('awaiting_supplement');
      kase = await ok(clerk, kase, { action: 'supplement', presented: ['agent_id_card'] });
      expect(kase.state).toBe('accepted');
      expect((await requests(kase.id)).filter((r) => r.material_key === 'agent_id_card')).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'missing' })]),
      );
      expect(
        (await requests(kase.id)).find((r) => r.kind === 'missing')?.satisfied_at,
      ).not.toBeNull();
    }
  });

  it('the migration rebuilds from the action log exactly the requests the app wrote', async () => {
    const db = t.testDb.db.kysely;
    const all = () =>
      db
        .selectFrom('case_requests')
        .select([
          'case_id',
          'material_key',
          'kind',
          'blocking',
          'reason',
          'requested_by',
          'requested_at',
          'satisfied_at',
          'satisfied_by',
        ])
        .orderBy('case_id')
        .orderBy('requested_at')
        .orderBy('material_key')
        .orderBy('kind')
        .execute();
    const written = await all();
    expect(written.filter((r) => r.kind === 'defective').length).toBeGreaterThanOrEqual(3);
    await db.deleteFrom('case_requests').execute();
    await backfillCaseRequests(db as unknown as Kysely<BackfillDb>);
    expect(await all()).toEqual(written);
  });
});
