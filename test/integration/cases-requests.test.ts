/**
 * Issue #10, points 4–6 over HTTP on a real database (GS-5, GS-7, GS-9): a later request is
 * classified from the case's material history (a disguised second request is counted), what is
 * missing now is derived from the case's open requests everywhere (case view, tracking, the
 * incomplete-materials problem), a station's own item can be sent back after acceptance, and a
 * requested optional material is satisfied only by bringing it.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backfillCaseRequests,
  type BackfillDb,
} from '../../src/db/migrations/0013_case_requests.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { pdfText } from './records.pdf-text.ts';

const LI = '110115194803120019'; // 李长福, home 三顺庄村, phone ends 5678
const ID_CARD = { zh: '申请人居民身份证', en: "Applicant's resident identity card" };
const PHOTO = { zh: '近期一寸免冠彩色照片', en: 'Recent one-inch colour photo, bare-headed' };
const AGENT_ID = { zh: '代办人居民身份证', en: "The agent's resident identity card" };

interface MissingNow {
  key: string;
  name: { zh: string; en: string };
  kind: string;
  blocking: boolean;
  reason: string | null;
}
interface CaseJson {
  id: string;
  number: string;
  state: string;
  version: number;
  availableActions: string[];
  acceptingStation: { id: string; name: string };
  missingNow: MissingNow[];
  /** the 查询码 printed on the receipt; tracking needs it with the number. */
  trackingCode: string;
}
interface Figures {
  stationId: string;
  accepted: number;
  secondRequests: number;
  secondRequestRate: number;
}

describe('GS-5 cases: the one-time notice holds (issue #10, points 4–6)', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let town: Client; // 魏善庄镇政务服务中心
  let liId = '';

  const file = async (c: Client, itemCode: string, presented: string[]) => {
    const r = await c.call('POST', '/api/v1/cases', { residentId: liId, itemCode, presented });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<CaseJson>();
  };
  const act = (c: Client, kase: CaseJson, body: Record<string, unknown>) =>
    c.call('POST', `/api/v1/cases/${kase.id}/transitions`, {
      expectedVersion: kase.version,
      ...body,
    });
  const ok = async (c: Client, kase: CaseJson, body: Record<string, unknown>) => {
    const r = await act(c, kase, body);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<CaseJson>();
  };
  const view = async (kase: CaseJson) =>
    (await clerk.call('GET', `/api/v1/cases/${kase.id}`)).json<CaseJson>();
  const track = async (kase: CaseJson) => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/track?number=${kase.number}&code=${kase.trackingCode}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ state: string; missing: { zh: string; en: string }[] }>();
  };
  const requests = (caseId: string) =>
    t.testDb.db.kysely
      .selectFrom('case_requests')
      .select(['material_key', 'kind', 'blocking', 'reason', 'satisfied_at'])
      .where('case_id', '=', caseId)
      .orderBy('requested_at')
      .orderBy('kind')
      .execute();
  const figuresOf = async (stationId: string) => {
    const r = await town.call('GET', '/api/v1/cases/figures');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Figures[]>().find((f) => f.stationId === stationId)!;
  };
  const workbookSecondRequests = async (stationName: string) => {
    const r = await town.call('GET', '/api/v1/cases/supervision.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('各站数据')!;
    let found: number | null = null;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === stationName) found = Number(row.getCell(9).value);
    });
    return found;
  };
  /** A DX-SB-001 case (decided at the town centre) filed with the ID card only, supplied, routed. */
  const atTownCentre = async () => {
    let kase = await file(clerk, 'DX-SB-001', ['id_card']);
    expect(kase.state).toBe('awaiting_supplement');
    kase = await ok(clerk, kase, { action: 'supplement', presented: ['photo_1inch'] });
    kase = await ok(clerk, kase, { action: 'route' });
    expect(kase.state).toBe('in_progress');
    return kase;
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
  });
  afterAll(async () => t.close());

  it('point 4: a "missing" request for a material supplied since is a second request, and counted', async () => {
    const kase = await atTownCentre();
    const before = await figuresOf(kase.acceptingStation.id);
    const xlsxBefore = await workbookSecondRequests(kase.acceptingStation.name);

    // Asking again without a real reason is refused, and nothing is written.
    const vague = await act(town, kase, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      kind: 'missing',
      reason: '重交',
    });
    expect(vague.statusCode).toBe(400);
    expect(vague.json()).toMatchObject({ code: 'SUPPLEMENT_REASON_REQUIRED' });
    const notice = await requests(kase.id);
    expect(notice.map((r) => r.kind)).toEqual(['notice', 'notice', 'notice']); // nothing new
    expect(notice.find((r) => r.material_key === 'photo_1inch')?.satisfied_at).not.toBeNull();

    const disguised = await ok(town, kase, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      kind: 'missing',
      reason: '照片背景不是白色，无法制卡',
    });
    expect(disguised.state).toBe('awaiting_supplement');
    expect((await requests(kase.id)).filter((r) => r.kind !== 'notice')).toEqual([
      {
        material_key: 'photo_1inch',
        kind: 'defective',
        blocking: 1,
        reason: '照片背景不是白色，无法制卡',
        satisfied_at: null,
      },
    ]);
    const audit = await t.testDb.db.kysely
      .selectFrom('case_actions')
      .select('payload')
      .where('case_id', '=', kase.id)
      .where('action', '=', 'request_supplement')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.payload!)).toEqual({
      materialKey: 'photo_1inch',
      kind: 'defective',
      secondRequest: true,
      claimedKind: 'missing',
    });

    const after = await figuresOf(kase.acceptingStation.id);
    expect(after.secondRequests).toBe(before.secondRequests + 1);
    expect(after.secondRequestRate).toBeGreaterThan(0);
    expect(await workbookSecondRequests(kase.acceptingStation.name)).toBe((xlsxBefore ?? 0) + 1);
  });

  it('point 4: a request for a material never presented that the notice listed is not a second request', async () => {
    let kase = await file(clerk, 'DX-SB-001', ['id_card', 'photo_1inch']);
    kase = await ok(clerk, kase, { action: 'route' });
    const before = await figuresOf(kase.acceptingStation.id);
    // Even when the caller calls it "defective": it was never presented.
    kase = await ok(town, kase, {
      action: 'request_supplement',
      materialKey: 'agent_id_card',
      kind: 'defective',
      reason: '由代办人办理，需代办人身份证',
    });
    const rows = (await requests(kase.id)).filter((r) => r.kind !== 'notice');
    expect(rows).toEqual([
      expect.objectContaining({ material_key: 'agent_id_card', kind: 'missing' }),
    ]);
    expect((await figuresOf(kase.acceptingStation.id)).secondRequests).toBe(before.secondRequests);
  });

  it('point 5: after a supplement and a later defect request, tracking and the case show what is missing now', async () => {
    let kase = await file(clerk, 'DX-SB-001', ['id_card']);
    expect((await track(kase)).missing).toEqual([PHOTO]);
    const atIntake = await view(kase);
    kase = await ok(clerk, kase, { action: 'supplement', presented: ['photo_1inch'] });
    kase = await ok(clerk, kase, { action: 'route' });
    kase = await ok(town, kase, {
      action: 'request_supplement',
      materialKey: 'id_card',
      kind: 'defective',
      reason: '身份证已过有效期',
    });

    const tracked = await track(kase);
    expect(tracked.state).toBe('awaiting_supplement');
    expect(tracked.missing).toEqual([ID_CARD]);
    expect(atIntake.missingNow.filter((m) => m.blocking).map((m) => m.key)).toEqual([
      'photo_1inch',
    ]);
    // The receipt printed now names the same.
    const receipt = await clerk.call('GET', `/api/v1/cases/${kase.id}/receipt.pdf`);
    expect(receipt.statusCode, receipt.body.slice(0, 300)).toBe(200);
    const printed = pdfText(receipt.rawPayload).replaceAll('\n', '');
    expect(printed).toContain(`尚缺 1 项材料：${ID_CARD.zh}`);
    const seen = await view(kase);
    expect(seen.missingNow.filter((m) => m.blocking)).toEqual([
      expect.objectContaining({
        key: 'id_card',
        name: ID_CARD,
        kind: 'defective',
        blocking: true,
        reason: '身份证已过有效期',
      }),
    ]);
    const listed = (await clerk.call('GET', `/api/v1/cases?number=${kase.number}`)).json<
      CaseJson[]
    >();
    expect(listed[0]!.missingNow.filter((m) => m.blocking).map((m) => m.key)).toEqual(['id_card']);

    // CASE_MATERIALS_INCOMPLETE names what is missing, in words and as data.
    const zh = await act(clerk, kase, { action: 'supplement', presented: ['photo_1inch'] });
    expect(zh.statusCode).toBe(400);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({
      code: 'CASE_MATERIALS_INCOMPLETE',
      detail: `仍缺少：${ID_CARD.zh}`,
      missing: [{ key: 'id_card', name: ID_CARD }],
    });
    const en = await act(clerk, kase, { action: 'supplement', presented: [] });
    expect(en.json()).toMatchObject({ code: 'CASE_MATERIALS_INCOMPLETE' });
    const enBody = (
      await clerk.call(
        'POST',
        `/api/v1/cases/${kase.id}/transitions`,
        { expectedVersion: kase.version, action: 'supplement' },
        { 'accept-language': 'en' },
      )
    ).json<{ detail: string; missing: unknown }>();
    expect(enBody.detail).toBe(`Still missing: ${ID_CARD.en}`);
    expect(enBody.missing).toEqual([{ key: 'id_card', name: ID_CARD }]);

    kase = await ok(clerk, kase, { action: 'supplement', presented: ['id_card'] });
    expect(kase.state).toBe('accepted');
    expect(kase.missingNow.filter((m) => m.blocking)).toEqual([]);
    expect((await track(kase)).missing).toEqual([]);
  });

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
