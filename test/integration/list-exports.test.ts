/**
 * Issue #15 X-8: a list's Excel export has the list's headers, exactly the list's rows with the
 * same filters, the caller's scope, refuses a bad filter before any byte, and is audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

async function sheetOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: (string | number | null)[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as (string | number | null)[]).slice(1));
  });
  return { name: ws.name, header: rows[0] ?? [], rows: rows.slice(1) };
}

describe('X-8 list exports (streamed Excel)', () => {
  let t: TestApp;
  let supervisor: Client;
  let town: Client;

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.login('supervisor');
    town = await t.login('town');
  });
  afterAll(async () => t.close());

  async function exported(c: Client, url: string) {
    const r = await c.call('GET', url);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="[\w-]+\.xlsx"$/);
    return sheetOf(r.rawPayload);
  }

  it('has the list’s headers in Chinese by default and in English with lang=en', async () => {
    const zh = await exported(supervisor, '/api/v1/cases/export.xlsx');
    expect(zh.name).toBe('办件');
    expect(zh.header.slice(0, 4)).toEqual(['办件编号', '事项', '申请人', '身份证号']);
    const en = await exported(supervisor, '/api/v1/cases/export.xlsx?lang=en');
    expect(en.name).toBe('Cases');
    expect(en.header.slice(0, 4)).toEqual([
      'Case number',
      'Service item',
      'Applicant',
      'ID number',
    ]);
  });

  it('has exactly the list’s rows, with the same filters, personal numbers masked', async () => {
    const all = (await supervisor.call('GET', '/api/v1/cases?limit=200')).json<
      { number: string; state: string; applicant: { idMasked: string } }[]
    >();
    expect(all.length).toBeGreaterThan(0);
    const whole = await exported(supervisor, '/api/v1/cases/export.xlsx');
    expect(whole.rows.map((r) => r[0])).toEqual(all.map((c) => c.number));
    expect(whole.rows.map((r) => r[3])).toEqual(all.map((c) => c.applicant.idMasked));
    for (const r of whole.rows) expect(String(r[3])).toMatch(/\*/);
    const state = all[0]!.state;
    const filtered = (await supervisor.call('GET', `/api/v1/cases?state=${state}&limit=200`)).json<
      { number: string }[]
    >();
    const sheet = await exported(supervisor, `/api/v1/cases/export.xlsx?state=${state}`);
    expect(sheet.rows.map((r) => r[0])).toEqual(filtered.map((c) => c.number));
    expect(filtered.length).toBeLessThanOrEqual(all.length);
  });

  it('keeps the caller’s scope: a town officer’s export has only their town', async () => {
    const mine = await exported(town, '/api/v1/cases/figures/export.xlsx');
    const all = await exported(supervisor, '/api/v1/cases/figures/export.xlsx');
    const regionColumn = 3;
    const townPrefix = '110115110'; // 魏善庄镇
    expect(mine.rows.length).toBeGreaterThan(0);
    for (const r of mine.rows)
      expect(String(r[regionColumn])).toMatch(new RegExp(`^${townPrefix}`));
    expect(all.rows.length).toBeGreaterThanOrEqual(mine.rows.length);
    const list = (await town.call('GET', '/api/v1/cases/figures')).json<
      { stationName: string }[]
    >();
    expect(mine.rows.map((r) => r[2])).toEqual(list.map((f) => f.stationName));
  });

  it('drills down by region: a town’s figures are the town’s stations, in the list and the file', async () => {
    const all = (await supervisor.call('GET', '/api/v1/cases/figures')).json<
      { townCode: string; districtCode: string; stationName: string; townName: string }[]
    >();
    const first = all[0]!;
    expect(first.townName).not.toBe(first.townCode);
    const inTown = (
      await supervisor.call('GET', `/api/v1/cases/figures?regionCode=${first.townCode}`)
    ).json<{ stationName: string; townCode: string }[]>();
    expect(inTown.map((f) => f.stationName)).toEqual(
      all.filter((f) => f.townCode === first.townCode).map((f) => f.stationName),
    );
    const sheet = await exported(
      supervisor,
      `/api/v1/cases/figures/export.xlsx?regionCode=${first.townCode}`,
    );
    expect(sheet.rows.map((r) => r[2])).toEqual(inTown.map((f) => f.stationName));
    const inDistrict = (
      await supervisor.call('GET', `/api/v1/cases/figures?regionCode=${first.districtCode}`)
    ).json<unknown[]>();
    expect(inDistrict.length).toBeGreaterThanOrEqual(inTown.length);
  });

  it('refuses a bad filter or paging with a 4xx problem, and writes no audit event', async () => {
    const before = (
      await supervisor.call('GET', '/api/v1/audit/events?action=list.exported&limit=200')
    ).json<unknown[]>().length;
    for (const url of [
      '/api/v1/cases/export.xlsx?state=nonsense',
      '/api/v1/cases/export.xlsx?limit=5',
      '/api/v1/cases/export.xlsx?lang=fr',
      '/api/v1/cases/figures/export.xlsx?regionCode=11',
      '/api/v1/audit/events/export.xlsx?from=2026-02-30',
    ]) {
      const r = await supervisor.call('GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const after = (
      await supervisor.call('GET', '/api/v1/audit/events?action=list.exported&limit=200')
    ).json<unknown[]>().length;
    expect(after).toBe(before);
  });

  it('audits who exported which list with which filters', async () => {
    await exported(supervisor, '/api/v1/inquiries/export.xlsx?status=open');
    const events = (
      await supervisor.call('GET', '/api/v1/audit/events?action=list.exported&limit=5')
    ).json<{ entityType: string; entityId: string; actorName: string; after: unknown }[]>();
    expect(events[0]).toMatchObject({
      entityType: 'list',
      entityId: '/inquiries',
      after: { filters: { status: 'open', mine: 'false' }, lang: 'zh-CN' },
    });
    expect(events[0]!.actorName).toBeTruthy();
  });

  it('pages the audit log by sequence: the export has the log’s rows, newest first', async () => {
    const list = (await supervisor.call('GET', '/api/v1/audit/events?limit=200')).json<
      { seq: number }[]
    >();
    const sheet = await exported(supervisor, '/api/v1/audit/events/export.xlsx');
    // The export's own event is written after its first page was read: it is not in the file.
    expect(sheet.rows.slice(0, list.length).map((r) => r[0])).toEqual(list.map((e) => e.seq));
  });
});
