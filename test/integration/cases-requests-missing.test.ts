/**
 * Issue #10, points 4–6 over HTTP on a real database (GS-5, GS-7, GS-9): a later request is
 * classified from the case's material history (a disguised second request is counted), what is
 * missing now is derived from the case's open requests everywhere (case view, tracking, the
 * incomplete-materials problem), a station's own item can be sent back after acceptance, and a
 * requested optional material is satisfied only by bringing it.
 *
 * This file: point 4 (second requests counted) and point 5 (what is missing now).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './records.pdf-text.ts';
import {
  caseRequestHelpers,
  ID_CARD,
  LI,
  PHOTO,
  type CaseJson,
} from './cases-requests.fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('GS-5 cases: the one-time notice holds (issue #10, points 4–6)', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let town: Client; // 魏善庄镇政务服务中心
  let liId = '';
  const { file, act, ok, view, track, requests, figuresOf, workbookSecondRequests, atTownCentre } =
    caseRequestHelpers(() => ({ t, clerk, town, liId }));

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
});
