/**
 * Shared fixtures of the GS-5 one-time-notice tests (cases-requests-*.test.ts): the people, the
 * materials' names, the JSON shapes and the helpers that file, move and read a case.
 */
import { STATION_COLUMNS } from '../../src/modules/first-response/supervision-workbook.ts';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client, TestApp } from '../helpers/test-app.ts';

export const LI = '110115194803120019'; // 李长福, home 三顺庄村, phone ends 5678
export const ID_CARD = { zh: '申请人居民身份证', en: "Applicant's resident identity card" };
export const PHOTO = {
  zh: '近期一寸免冠彩色照片',
  en: 'Recent one-inch colour photo, bare-headed',
};
export const AGENT_ID = { zh: '代办人居民身份证', en: "The agent's resident identity card" };

export interface MissingNow {
  key: string;
  name: { zh: string; en: string };
  kind: string;
  blocking: boolean;
  reason: string | null;
}
export interface CaseJson {
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
export interface Figures {
  stationId: string;
  accepted: number;
  secondRequests: number;
  secondRequestRate: number;
}

export interface CaseRequestsSuite {
  t: TestApp;
  clerk: Client; // 伊庄村
  town: Client; // 魏善庄镇政务服务中心
  liId: string;
}

/** The helpers of one suite; `s` reads the suite's app and clients once `beforeAll` has set them. */
export function caseRequestHelpers(s: () => CaseRequestsSuite) {
  const file = async (c: Client, itemCode: string, presented: string[]) => {
    const r = await c.call('POST', '/api/v1/cases', { residentId: s().liId, itemCode, presented });
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
    (await s().clerk.call('GET', `/api/v1/cases/${kase.id}`)).json<CaseJson>();
  const track = async (kase: CaseJson) => {
    const r = await s().t.app.inject({
      method: 'GET',
      url: `/api/v1/track?number=${kase.number}&code=${kase.trackingCode}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ state: string; missing: { zh: string; en: string }[] }>();
  };
  const requests = (caseId: string) =>
    s()
      .t.testDb.db.kysely.selectFrom('case_requests')
      .select(['material_key', 'kind', 'blocking', 'reason', 'satisfied_at'])
      .where('case_id', '=', caseId)
      .orderBy('requested_at')
      .orderBy('kind')
      .execute();
  const figuresOf = async (stationId: string) => {
    const r = await s().town.call('GET', '/api/v1/cases/figures');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Figures[]>().find((f) => f.stationId === stationId)!;
  };
  const workbookSecondRequests = async (stationName: string) => {
    const r = await s().town.call('GET', '/api/v1/cases/supervision.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('各站数据')!;
    let found: number | null = null;
    const column = STATION_COLUMNS.findIndex((c) => c.key === 'second_requests') + 1;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === stationName) found = Number(row.getCell(column).value);
    });
    return found;
  };
  /** A DX-SB-001 case (decided at the town centre) filed with the ID card only, supplied, routed. */
  const atTownCentre = async () => {
    let kase = await file(s().clerk, 'DX-SB-001', ['id_card']);
    expect(kase.state).toBe('awaiting_supplement');
    kase = await ok(s().clerk, kase, { action: 'supplement', presented: ['photo_1inch'] });
    kase = await ok(s().clerk, kase, { action: 'route' });
    expect(kase.state).toBe('in_progress');
    return kase;
  };

  return { file, act, ok, view, track, requests, figuresOf, workbookSecondRequests, atTownCentre };
}
