/**
 * CP-5 ratio shortfalls in the figures (per region level and per program) and in the Excel
 * export: sessions with a moment when present children exceeded the class's ratio per present
 * staff member, computed from the actual check-in times, and the minutes below it — counted by
 * hand on the figures test's July 2031 programs. Runs on the dialect of the run.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTeam, insertVolunteer } from '../helpers/vs-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  SANSHUNZHUANG,
  seedJuly2031,
  TOWN,
  YIZHUANG,
  type SeededIds,
} from './program-figures.fixtures.ts';
import { insertSession } from './program-figures.days.ts';

const JULY = 'from=2031-07-01&to=2031-07-31';
const at = (day: string, hhmm: string | null) =>
  hhmm === null ? null : new Date(`${day}T${hhmm}:00.000+08:00`).toISOString();

interface Shortfall {
  ratioShortfallSessions: number;
  ratioShortfallMinutes: number;
}
interface Figures {
  totals: Shortfall;
  children: (Shortfall & { code: string })[];
  programs: (Shortfall & { id: string })[];
}

describe('CP-5 ratio shortfalls from check-ins', () => {
  let t: TestApp;
  let organiser: Client;
  let ids: SeededIds;
  const db = () => t.testDb.db.kysely;

  /** Children of the class (enrolled, in id order) present from–to on the day (null to: not out). */
  async function present(
    sessionId: string,
    classId: string,
    day: string,
    spans: [string | null, string | null, 'released' | 'present' | 'absent'][],
  ) {
    const kids = await db()
      .selectFrom('enrolments')
      .select(['id', 'child_id', 'region_code'])
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .orderBy('id')
      .execute();
    for (const [i, [from, to, status]] of spans.entries())
      await db()
        .insertInto('program_attendance')
        .values({
          id: crypto.randomUUID(),
          session_id: sessionId,
          enrolment_id: kids[i]!.id,
          child_id: kids[i]!.child_id,
          class_id: classId,
          region_code: kids[i]!.region_code,
          day,
          status,
          absence_kind: status === 'absent' ? 'sick' : null,
          signed_in_at: at(day, from),
          signed_in_by: null,
          released_at: at(day, to),
          released_by: null,
          released_to_person_id: null,
          late: 0,
          flagged: 0,
          updated_at: at(day, '08:00')!,
        })
        .execute();
  }

  async function staff(sessionId: string, day: string, from: string, to: string | null) {
    const team = await insertTeam(db(), { regionCode: TOWN, name: `巾帼${day}${from}` });
    const volunteerId = await insertVolunteer(db(), t.pii, { homeRegionCode: YIZHUANG });
    await db()
      .insertInto('program_staff')
      .values({
        id: crypto.randomUUID(),
        session_id: sessionId,
        volunteer_id: volunteerId,
        team_id: team,
        account_id: null,
        checked_in_at: at(day, from),
        checked_out_at: at(day, to),
        flagged: 0,
        service_record_id: null,
        service_record_date: null,
        created_at: at(day, '07:00')!,
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.now = new Date('2031-09-01T02:00:00.000Z');
    organiser = await t.login('organiser');
    ids = await seedJuly2031(db());
    const session = (classId: string, programId: string, regionCode: string, day: string) =>
      insertSession(db(), { classId, programId, regionCode, day });
    // A1 keeps 1 staff : 2 children
    await db()
      .updateTable('program_classes')
      .set({ children_per_staff: 2 })
      .where('id', '=', ids.a1)
      .execute();
    // A1 07-07: one volunteer 08:00–12:00; children 08:00–17:00 ×2, 09:00–11:00, one absent →
    // 3 children for 1 staff 09:00–11:00 (120 min), 2 children and nobody 12:00–17:00 (300 min).
    const a1d7 = await session(ids.a1, ids.A, YIZHUANG, '2031-07-07');
    await present(a1d7, ids.a1, '2031-07-07', [
      ['08:00', '17:00', 'released'],
      ['08:00', '17:00', 'released'],
      ['09:00', '11:00', 'released'],
      [null, null, 'absent'],
    ]);
    await staff(a1d7, '2031-07-07', '08:00', '12:00');
    // A1 07-08: 1 child with 1 volunteer all along — within the ratio.
    const a1d8 = await session(ids.a1, ids.A, YIZHUANG, '2031-07-08');
    await present(a1d8, ids.a1, '2031-07-08', [['08:00', '12:00', 'released']]);
    await staff(a1d8, '2031-07-08', '07:50', '12:10');
    // B1 07-09 (1:10): 3 children 14:00–15:00, no volunteer checked in (60 min).
    const b1d9 = await session(ids.b1, ids.B, SANSHUNZHUANG, '2031-07-09');
    await present(b1d9, ids.b1, '2031-07-09', [
      ['14:00', '15:00', 'released'],
      ['14:00', '15:00', 'released'],
      ['14:00', '15:00', 'released'],
    ]);
    // C1 08-03: below the ratio too, but in August.
    const c1a3 = await session(ids.c1, ids.C, TOWN, '2031-08-03');
    await present(c1a3, ids.c1, '2031-08-03', [['09:00', '10:00', 'released']]);
  }, 120_000);
  afterAll(async () => t.close());

  const get = async (query: string) => {
    const r = await organiser.call('GET', `/api/v1/programs/figures?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Figures>();
  };

  it('counts sessions and minutes below the ratio per town, village and program', async () => {
    const f = await get(`regionCode=${TOWN}&${JULY}`);
    const pick = (x: Shortfall) => [x.ratioShortfallSessions, x.ratioShortfallMinutes];
    expect(pick(f.totals)).toEqual([2, 480]);
    expect(pick(f.children.find((c) => c.code === YIZHUANG)!)).toEqual([1, 420]);
    expect(pick(f.children.find((c) => c.code === SANSHUNZHUANG)!)).toEqual([1, 60]);
    expect(pick(f.children.find((c) => c.code === TOWN)!)).toEqual([0, 0]);
    expect(pick(f.programs.find((p) => p.id === ids.A)!)).toEqual([1, 420]);
    expect(pick(f.programs.find((p) => p.id === ids.B)!)).toEqual([1, 60]);
    const aug = await get(`regionCode=${TOWN}&from=2031-08-01&to=2031-08-31`);
    expect(pick(aug.totals)).toEqual([1, 60]);
    const village = await get(`regionCode=${YIZHUANG}&${JULY}`);
    expect(pick(village.totals)).toEqual([1, 420]);
  });

  it('a session still running counts up to now', async () => {
    t.clock.now = new Date(at('2031-07-07', '13:00')!);
    try {
      const f = await get(`regionCode=${YIZHUANG}&${JULY}`);
      // 09:00–11:00 and 12:00–13:00; the sessions of 07-08 and 07-09 have not begun
      expect([f.totals.ratioShortfallSessions, f.totals.ratioShortfallMinutes]).toEqual([1, 180]);
    } finally {
      t.clock.now = new Date('2031-09-01T02:00:00.000Z');
    }
  });

  it('the Excel export has them as columns, in Chinese and English', async () => {
    const load = async (lang: string) => {
      const r = await organiser.call(
        'GET',
        `/api/v1/programs/figures.xlsx?regionCode=${TOWN}&${JULY}&lang=${lang}`,
      );
      expect(r.statusCode, r.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      return wb;
    };
    const value = (ws: ExcelJS.Worksheet, label: string) => {
      let v: unknown;
      ws.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    const zh = await load('zh-CN');
    expect(value(zh.getWorksheet('概况')!, '师生比不足场次')).toBe(2);
    expect(value(zh.getWorksheet('概况')!, '师生比不足时长（分钟）')).toBe(480);
    const en = await load('en');
    const programs = en.getWorksheet('Programs')!;
    let col = 0;
    programs.getRow(1).eachCell((c, i) => {
      if (c.value === 'Minutes below staff ratio') col = i;
    });
    expect(col).toBeGreaterThan(0);
    const a = programs
      .getRows(2, programs.rowCount - 1)!
      .find((r) => r.getCell(1).value === 'A 伊庄暑托')!;
    expect(a.getCell(col).value).toBe(420);
  });
});
