/**
 * GS-8 past the official data: statutory holidays of 2027 count, the due date says it is
 * provisional on every surface (view, list, tracking, receipt) until the year's notice is entered
 * in one admin action; a single override does not silence the warning; the yellow window is
 * configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateCjkFont } from '../../src/modules/documents/pdf-font.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { pdfText } from './records.pdf-text.ts';

const LI = '110115194803120019'; // 李长福, phone ending 5678
/** PDFs need a CJK font (fonts-noto-cjk); without one the server answers 503 by design. */
const NO_CJK_FONT = locateCjkFont() === null;

interface CaseJson {
  trackingCode: string;
  id: string;
  number: string;
  dueDate: string;
  dueDateProvisional: boolean;
  provisionalYears: number[];
  light: string;
}

describe('GS-8 provisional years and their notices', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;
  let kase: CaseJson;
  let handoffId = '';

  const view = async () => (await clerk.call('GET', `/api/v1/cases/${kase.id}`)).json<CaseJson>();
  const listed = async () =>
    (await clerk.call('GET', '/api/v1/cases?box=accepted_here'))
      .json<CaseJson[]>()
      .find((c) => c.id === kase.id)!;
  const tracked = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/track?number=${kase.number}&code=${kase.trackingCode}`,
      })
    ).json<{ dueDate: string; dueDateProvisional: boolean; provisionalYears: number[] }>();
  const receipt = async () => {
    const res = await clerk.call('GET', `/api/v1/cases/${kase.id}/receipt.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    return pdfText(res.rawPayload);
  };
  const surfaces = async () => {
    const [v, l, tr] = [await view(), await listed(), await tracked()];
    return [v, l, tr].map((x) => ({
      dueDate: x.dueDate,
      dueDateProvisional: x.dueDateProvisional,
      provisionalYears: x.provisionalYears,
    }));
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.now = new Date('2026-12-04T09:30:00+08:00'); // a Friday
    admin = await t.login('admin');
    clerk = await t.login('clerk');
    const li = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    // 老年人优待卡: 20 working days promised.
    const filed = await clerk.call('POST', '/api/v1/cases', {
      residentId: li,
      itemCode: 'DX-LL-001',
      presented: ['id_card', 'photo_1inch'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    kase = filed.json<CaseJson>();
  });
  afterAll(async () => t.close());

  it('the due-date preview skips 元旦 2027 and says the date is provisional', async () => {
    const res = await clerk.call('GET', '/api/v1/calendar/due-date?from=2026-12-30&days=2');
    expect(res.json()).toMatchObject({
      dueDate: '2027-01-04',
      dueDateProvisional: true,
      provisionalYears: [2027],
      warnings: [expect.objectContaining({ code: 'CALENDAR_YEAR_PROVISIONAL', year: 2027 })],
    });
  });

  it('a 20-working-day case filed 2026-12-04 is due 2027-01-04, provisional on every surface', async () => {
    expect(kase).toMatchObject({
      dueDate: '2027-01-04',
      dueDateProvisional: true,
      provisionalYears: [2027],
    });
    const expected = { dueDate: '2027-01-04', dueDateProvisional: true, provisionalYears: [2027] };
    expect(await surfaces()).toEqual([expected, expected, expected]);
  });

  it.skipIf(NO_CJK_FONT)('the receipt PDF carries the warning under the due date', async () => {
    expect(await receipt()).toContain('注：2027 年节假日安排尚未公布，办结时限为暂定');
  });

  it('a hand-off made on 2026-12-31 has a provisional deadline too', async () => {
    t.clock.now = new Date('2026-12-31T10:00:00+08:00');
    [admin, clerk] = [await t.login('admin'), await t.login('clerk')]; // sessions of the new day
    const town = await t.login('town');
    const townMe = (await town.call('GET', '/api/v1/auth/me')).json<{ id: string }>();
    const res = await clerk.call('POST', '/api/v1/handoffs', {
      entityType: 'case',
      entityId: kase.id,
      toAccountId: townMe.id,
      reason: '请镇中心核对',
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json<{ id: string; dueDate: string; provisionalYears: number[] }>();
    handoffId = h.id;
    expect(h.dueDate).toBe('2027-01-04'); // one working day: 元旦 2027 and the weekend skipped
    expect(h).toMatchObject({ dueDateProvisional: true, provisionalYears: [2027] });
  });

  it('one override entered in 2027 does not silence the year’s warning', async () => {
    const set = await admin.call('PUT', '/api/v1/calendar/overrides/2027-03-08', {
      kind: 'holiday',
      note: '本地调整（测试）',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await view()).dueDateProvisional).toBe(true);
    expect((await tracked()).provisionalYears).toEqual([2027]);
    await admin.call('DELETE', '/api/v1/calendar/overrides/2027-03-08');
  });

  it('refuses a notice for a year inside the official data, a day outside the year, or both forms', async () => {
    const official = await admin.call('PUT', '/api/v1/calendar/years/2026/notice', {
      note: '国办发明电〔2025〕7号',
      days: [],
    });
    expect(official.statusCode).toBe(409);
    expect(official.headers['content-type']).toContain('application/problem+json');
    expect(official.json()).toMatchObject({ code: 'CALENDAR_YEAR_OFFICIAL' });
    const outside = await admin.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '测试',
      days: [{ date: '2028-01-01', kind: 'holiday' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ code: 'CALENDAR_NOTICE_INVALID' });
    const twice = await admin.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '测试',
      days: [
        { date: '2027-02-09', kind: 'holiday' },
        { date: '2027-02-09', kind: 'workday' },
      ],
    });
    expect(twice.json()).toMatchObject({ code: 'CALENDAR_NOTICE_INVALID' });
    const badCsv = await admin.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '测试',
      csv: 'date,kind\n2027-02-30,休\n',
    });
    expect(badCsv.statusCode).toBe(400);
    expect(badCsv.json()).toMatchObject({ code: 'CALENDAR_NOTICE_INVALID' });
    const both = await admin.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '测试',
      days: [],
      csv: '',
    });
    expect(both.statusCode).toBe(400);
    const clerkTry = await clerk.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '测试',
      days: [],
    });
    expect(clerkTry.statusCode).toBe(403);
    expect((await clerk.call('GET', '/api/v1/calendar/years/2027/notice')).statusCode).toBe(404);
    expect((await view()).dueDateProvisional).toBe(true); // nothing was written
  });

  it('entering the 2027 notice (CSV) clears the flag everywhere and moves the due date with it', async () => {
    // A test notice (the real one is not out yet): 4 January a bridge day, 20 February a make-up day.
    const csv = [
      'date,kind,name',
      '2027-01-04,休,元旦',
      '2027-02-09,休,春节',
      '2027-02-10,休,春节',
      '2027-02-20,班,春节',
    ].join('\n');
    const res = await admin.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '国办发明电〔2026〕测试号',
      csv,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2027,
      days: [
        { date: '2027-01-04', kind: 'holiday', name: { zh: '元旦', en: "New Year's Day" } },
        { date: '2027-02-09', kind: 'holiday' },
        { date: '2027-02-10', kind: 'holiday' },
        { date: '2027-02-20', kind: 'workday' },
      ],
      recomputedDueDates: [
        { caseId: kase.id, number: kase.number, from: '2027-01-04', to: '2027-01-05' },
      ],
    });
    const expected = { dueDate: '2027-01-05', dueDateProvisional: false, provisionalYears: [] };
    expect(await surfaces()).toEqual([expected, expected, expected]);
    // The hand-off's one working day from 31 December now ends on 5 January.
    expect(res.json()).toMatchObject({
      recomputedHandoffs: [{ handoffId, from: '2027-01-04', to: '2027-01-05' }],
    });
    const h = (await clerk.call('GET', `/api/v1/handoffs/${handoffId}`)).json<unknown>();
    expect(h).toMatchObject({
      dueDate: '2027-01-05',
      dueDateProvisional: false,
      provisionalYears: [],
    });
    if (!NO_CJK_FONT) expect(await receipt()).not.toContain('尚未公布');
    const preview = await clerk.call('GET', '/api/v1/calendar/due-date?from=2026-12-30&days=2');
    expect(preview.json()).toMatchObject({
      dueDate: '2027-01-05',
      dueDateProvisional: false,
      provisionalYears: [],
      warnings: [],
    });
    const list = (await clerk.call('GET', '/api/v1/calendar/notices')).json<unknown>();
    expect(list).toMatchObject({
      lastOfficialYear: 2026,
      notices: [{ year: 2027, holidays: 3, workdays: 1, note: '国办发明电〔2026〕测试号' }],
    });
    const days = (
      await clerk.call('GET', '/api/v1/calendar/days?from=2027-02-08&to=2027-02-20')
    ).json<{ days: { date: string; working: boolean; source: string }[] }>().days;
    expect(days.find((d) => d.date === '2027-02-08')).toMatchObject({ source: 'statutory' });
    expect(days.find((d) => d.date === '2027-02-09')).toMatchObject({ source: 'notice' });
    expect(days.find((d) => d.date === '2027-02-20')).toMatchObject({
      source: 'notice',
      working: true,
    });
  });

  it('entering the notice again replaces it atomically, audited with before and after', async () => {
    const res = await admin.call('PUT', '/api/v1/calendar/years/2027/notice', {
      note: '国办发明电〔2026〕测试号（更正）',
      days: [{ date: '2027-02-09', kind: 'holiday', name: '春节' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ days: unknown[] }>().days).toHaveLength(1);
    expect((await view()).dueDate).toBe('2027-01-04'); // 4 January is a working day again
    expect((await view()).dueDateProvisional).toBe(false);
    const events = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'before_json', 'after_json', 'actor_role'])
      .where('entity_type', '=', 'calendar_year')
      .where('entity_id', '=', '2027')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'calendar.notice_entered',
      'calendar.notice_entered',
    ]);
    expect(events[0]!.before_json).toBeNull();
    const daysIn = (json: string | null) => (JSON.parse(json!) as { days: unknown[] }).days;
    expect(daysIn(events[1]!.before_json)).toHaveLength(4);
    expect(daysIn(events[1]!.after_json)).toHaveLength(1);
    expect((await admin.call('POST', '/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('two admins entering the same year at once: both succeed, one whole table wins', async () => {
    const other = await t.login('admin');
    const table = (day: string) => ({
      note: `测试 ${day}`,
      days: [
        { date: `2030-${day}`, kind: 'holiday' },
        { date: '2030-02-09', kind: 'workday' },
      ],
    });
    const [a, b] = await Promise.all([
      admin.call('PUT', '/api/v1/calendar/years/2030/notice', table('10-04')),
      other.call('PUT', '/api/v1/calendar/years/2030/notice', table('10-05')),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    const now = (await clerk.call('GET', '/api/v1/calendar/years/2030/notice')).json<{
      note: string;
      days: { date: string }[];
    }>();
    expect(now.days).toHaveLength(2);
    expect(now.days.map((d) => d.date)).toContain(`2030-${now.note.slice(3)}`);
  });

  it('2028 stays provisional: a due date reaching into it says so', async () => {
    const res = await clerk.call('GET', '/api/v1/calendar/due-date?from=2027-12-20&days=20');
    expect(res.json()).toMatchObject({ dueDateProvisional: true, provisionalYears: [2028] });
  });
});

describe('GS-8 the yellow window is configuration (DEADLINE_YELLOW_WORKING_DAYS)', () => {
  it('with 3, a case due in three working days is yellow; with the default 1, green', async () => {
    for (const [env, light] of [
      [{ DEADLINE_YELLOW_WORKING_DAYS: '3' }, 'yellow'],
      [{}, 'green'],
    ] as const) {
      const t = await createTestApp({ env });
      try {
        const clerk = await t.login('clerk');
        const li = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
          id: string;
        }>().id;
        // Filed Monday 2 March 2026, 5 working days: due Monday 9 March.
        const filed = (
          await clerk.call('POST', '/api/v1/cases', {
            residentId: li,
            itemCode: 'DX-SB-001',
            presented: ['id_card', 'photo_1inch'],
          })
        ).json<CaseJson>();
        expect(filed.dueDate).toBe('2026-03-09');
        t.clock.now = new Date('2026-03-04T10:00:00+08:00'); // Wednesday: Thu, Fri, Mon left
        const again = await t.login('clerk');
        const seen = (await again.call('GET', `/api/v1/cases/${filed.id}`)).json<CaseJson>();
        expect(seen.light).toBe(light);
      } finally {
        await t.close();
      }
    }
  });
});
