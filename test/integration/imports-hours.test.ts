/**
 * Issue #15 point 3, historic confirmed volunteer hours by Excel: rows enter the volunteer's
 * record as confirmed services of the recording team (its organisation on the record), counted in
 * the hours and stars at once; bad rows refused by row; dry run = apply; a re-import changes
 * nothing; on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const ZHAO_ID = buildIdNumber('110115', '19900412', '027'); // 赵雨欣, a demo volunteer
const ZHAO_PHONE = '13700001234';
const TEAM = '魏善庄镇邻里守望志愿服务队';
const file = async (rows: string[][]) =>
  (await writeImportWorkbook('hours', rows)).toString('base64');

interface RecordView {
  confirmedHours: number;
  stars: unknown;
  services: {
    organisation: string;
    content: string;
    date: string;
    hours: number;
    status: string;
  }[];
}

describe('issue #15 p3 historic hours by Excel', () => {
  let t: TestApp;
  let admin: Client;
  let volunteerId = '';
  const record = async () =>
    (await admin.call('GET', `/api/v1/vs/records/${volunteerId}`)).json<RecordView>();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    const v = await t.testDb.db.kysely
      .selectFrom('vs_volunteers')
      .select('id')
      .where('full_name', '=', '赵雨欣')
      .executeTakeFirstOrThrow();
    volunteerId = v.id;
  });
  afterAll(async () => t.close());

  it('the template round-trips without header errors', async () => {
    const tpl = await admin.call('GET', '/api/v1/imports/hours/template');
    expect(tpl.statusCode).toBe(200);
    const dry = await admin.call('POST', '/api/v1/imports/hours/dry-run', {
      file: tpl.rawPayload.toString('base64'),
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ kind: 'hours', total: 1 });
  });

  it('bad rows are refused by row with reasons, nothing written', async () => {
    const before = await record();
    const res = await admin.call('POST', '/api/v1/imports/hours/dry-run', {
      file: await file([
        [ZHAO_ID, '2023-05-06', '3', '为独居老人送餐', '伊庄村', TEAM],
        [ZHAO_ID, '2099-01-01', '0.3', '', '', '无此团队'],
        ['13900009999', '2023/5/7', '2', '陪伴聊天', '', TEAM],
        [ZHAO_ID, '2023-05-06', '3', '为独居老人送餐', '', TEAM],
        [ZHAO_PHONE, '2023年5月6日', '6', '理发', '', TEAM],
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json<{
      counts: Record<string, number>;
      rows: { row: number; action: string; reasons?: { code: string }[] }[];
    }>();
    expect(res.body).not.toContain('13900009999');
    expect(plan.rows.map((r) => [r.row, r.action, r.reasons?.map((x) => x.code)])).toEqual([
      [2, 'refused', ['HOURS_OVER_DAILY_CAP']],
      [3, 'refused', ['DATE_IN_FUTURE', 'HOURS_INVALID', 'CONTENT_MISSING']],
      [4, 'refused', ['VOLUNTEER_UNKNOWN']],
      [5, 'refused', ['SERVICE_DUPLICATE_IN_FILE']],
      [6, 'refused', ['HOURS_OVER_DAILY_CAP']],
    ]);
    const apply = await admin.call('POST', '/api/v1/imports/hours/apply', {
      file: await file([[ZHAO_ID, '2099-01-01', '2', '送餐', '', TEAM]]),
    });
    expect(apply.statusCode).toBe(422);
    expect(apply.json()).toMatchObject({ code: 'IMPORT_REFUSED' });
    expect(await record()).toEqual(before);
  });

  it('dry run = apply; the hours are confirmed with the team’s organisation; re-import changes nothing', async () => {
    const before = await record();
    const body = {
      file: await file([
        [ZHAO_ID, '2023-05-06', '3', '为独居老人送餐', '伊庄村', TEAM],
        [ZHAO_PHONE, '2023年5月7日', '2.5', '陪伴聊天', '', TEAM],
        [ZHAO_ID, '2023-05-07', '1', '理发', '', TEAM],
      ]),
    };
    const dry = (await admin.call('POST', '/api/v1/imports/hours/dry-run', body)).json<
      Record<string, unknown>
    >();
    expect(dry).toMatchObject({ counts: { create: 3, change: 0, unchanged: 0, refused: 0 } });
    const applied = await admin.call('POST', '/api/v1/imports/hours/apply', body, {
      'idempotency-key': 'hours-import-1',
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const { importId, ...plan } = applied.json<Record<string, unknown>>();
    expect(importId).toEqual(expect.any(String));
    expect(plan).toEqual(dry);
    const after = await record();
    expect(after.confirmedHours).toBe(before.confirmedHours + 6.5);
    const imported = after.services.filter((s) => s.date.startsWith('2023-05'));
    expect(
      imported.map((s) => [s.date, s.content, s.hours, s.status, s.organisation]).sort(),
    ).toEqual([
      ['2023-05-06', '为独居老人送餐', 3, 'confirmed', '魏善庄镇新时代文明实践所'],
      ['2023-05-07', '理发', 1, 'confirmed', '魏善庄镇新时代文明实践所'],
      ['2023-05-07', '陪伴聊天', 2.5, 'confirmed', '魏善庄镇新时代文明实践所'],
    ]);
    const again = await admin.call('POST', '/api/v1/imports/hours/apply', body, {
      'idempotency-key': 'hours-import-2',
    });
    expect(again.json()).toMatchObject({
      counts: { create: 0, unchanged: 3, refused: 0 },
      rows: [],
    });
    expect((await record()).confirmedHours).toBe(after.confirmedHours);
    const other = await admin.call('POST', '/api/v1/imports/hours/dry-run', {
      file: await file([[ZHAO_ID, '2023-05-06', '4', '为独居老人送餐', '', TEAM]]),
    });
    expect(other.json()).toMatchObject({
      rows: [{ row: 2, action: 'refused', reasons: [{ code: 'ALREADY_IMPORTED_DIFFERENT' }] }],
    });
  });

  it('a team outside the importer’s reach is unknown to them', async () => {
    const town = await t.login('town');
    const res = await town.call('POST', '/api/v1/imports/hours/dry-run', {
      file: await file([[ZHAO_ID, '2023-06-01', '1', '送餐', '', '不存在的外镇团队']]),
    });
    expect(res.json()).toMatchObject({ rows: [{ reasons: [{ code: 'TEAM_UNKNOWN' }] }] });
  });
});
