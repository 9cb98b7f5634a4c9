/**
 * CP-5 program figures on a hand-built data set in 魏善庄镇 (two villages and the town itself) and
 * one program in 长子营镇, in July 2031 (no demo rows then), with answers counted by hand. Runs on
 * the dialect of the run (DOORSTEP_TEST_DB=postgres for PostgreSQL).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  OTHER_TOWN,
  SANSHUNZHUANG,
  seedJuly2031,
  type SeededIds,
  TOWN,
  YIZHUANG,
} from './program-figures.fixtures.ts';
import { seedDays2031 } from './program-figures.days.ts';

const DISTRICT = '110115000000';
const JULY = 'from=2031-07-01&to=2031-07-31';

interface Block {
  programs: number;
  classes: number;
  classesRun: number;
  capacity: number;
  enrolments: number;
  childrenEnrolled: number;
  fillRate: number | null;
  waitlisted: number;
  offersMade: number;
  offersAccepted: number;
  offersDeclined: number;
  offersExpired: number;
  offersOutstanding: number;
  offerAcceptance: number | null;
  childVisits: number;
  volunteers: number;
  volunteerHours: number;
  latePickups: number;
}
interface Figures {
  region: { code: string; level: string };
  period: { from: string; to: string };
  totals: Block;
  children: (Block & { code: string; name: string; ownLevel: boolean })[];
  programs: (Block & { id: string; title: string; regionCode: string })[];
}

describe('CP-5 program figures per region level and per program', () => {
  let t: TestApp;
  let organiser: Client;
  let admin: Client;
  let ids: SeededIds;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.testDb.db.kysely;
    organiser = await t.login('organiser');
    admin = await t.login('admin');
    ids = await seedJuly2031(db);
    await seedDays2031(db, t.pii, ids);
  }, 120_000);
  afterAll(async () => t.close());

  const get = async (client: Client, query: string) => {
    const r = await client.call('GET', `/api/v1/programs/figures?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Figures>();
  };

  const zeros = {
    programs: 0,
    classes: 0,
    capacity: 0,
    enrolments: 0,
    childrenEnrolled: 0,
    fillRate: null,
    waitlisted: 0,
    offersMade: 0,
    offerAcceptance: null,
  };

  it('town totals: programs, classes, places, enrolments, children, waitlist, offers', async () => {
    const f = await get(organiser, `regionCode=${TOWN}&${JULY}`);
    expect(f.region).toMatchObject({ code: TOWN, level: 'town' });
    expect(f.period).toEqual({ from: '2031-07-01', to: '2031-07-31' });
    expect(f.totals).toMatchObject({
      programs: 3, // A, B, C (D cancelled, E in autumn, F in another town)
      classes: 4,
      capacity: 39, // 10 + 5 + 4 + 20
      enrolments: 17, // A1 6, A2 5, B1 4, C1 2
      childrenEnrolled: 16, // one child is in both classes of A
      fillRate: 0.4359, // 17 / 39
      waitlisted: 5, // A1 2, B1 3
      offersMade: 5, // A1: accepted, declined, expired, outstanding; B1: by hand, accepted
      offersAccepted: 2,
      offersDeclined: 1,
      offersExpired: 1,
      offersOutstanding: 1,
      offerAcceptance: 0.4,
    });
  });

  it('town totals from the days: classes run, child-visits, late pickups, volunteers, hours', async () => {
    const f = await get(organiser, `regionCode=${TOWN}&${JULY}`);
    expect(f.totals).toMatchObject({
      classesRun: 2, // A1 and B1 (A2's only day all absent; C1's day is in August)
      childVisits: 9, // A1 4 + 2 (absent and sweep-closed left out), B1 3
      latePickups: 2,
      volunteers: 2, // v1, v2 (v3 never checked in; v4 in August)
      volunteerHours: 10.3, // 270 + 120 + 225 minutes (v2's open check-in adds none)
    });
    const row = (code: string) => f.children.find((c) => c.code === code);
    expect(row(YIZHUANG)).toMatchObject({
      classesRun: 1,
      childVisits: 6,
      latePickups: 2,
      volunteers: 2,
      volunteerHours: 6.5,
    });
    expect(row(SANSHUNZHUANG)).toMatchObject({
      classesRun: 1,
      childVisits: 3,
      latePickups: 0,
      volunteers: 1,
      volunteerHours: 3.8, // 225 minutes
    });
    expect(row(TOWN)).toMatchObject({ classesRun: 0, childVisits: 0, volunteers: 0 });
    const a = f.programs.find((p) => p.id === ids.A)!;
    expect(a).toMatchObject({ classes: 2, classesRun: 1, childVisits: 6 });
  });

  it('per child region (villages), with the town’s own programs on a row of their own', async () => {
    const f = await get(organiser, `regionCode=${TOWN}&${JULY}`);
    const row = (code: string) => f.children.find((c) => c.code === code);
    expect(f.children[0]).toMatchObject({ code: TOWN, ownLevel: true });
    expect(row(TOWN)).toMatchObject({ programs: 1, capacity: 20, enrolments: 2, fillRate: 0.1 });
    expect(row(YIZHUANG)).toMatchObject({
      ownLevel: false,
      programs: 1,
      classes: 2,
      capacity: 15,
      enrolments: 11,
      childrenEnrolled: 10,
      fillRate: 0.7333,
      waitlisted: 2,
      offersMade: 4,
      offersAccepted: 1,
      offerAcceptance: 0.25,
    });
    expect(row(SANSHUNZHUANG)).toMatchObject({
      programs: 1,
      capacity: 4,
      enrolments: 4,
      fillRate: 1,
      waitlisted: 3,
      offersMade: 1,
      offersAccepted: 1,
      offerAcceptance: 1,
    });
    // every other village of the town is listed with nothing
    const others = f.children.filter((c) => ![TOWN, YIZHUANG, SANSHUNZHUANG].includes(c.code));
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) expect(o).toMatchObject(zeros);
  });

  it('per program, in region order', async () => {
    const f = await get(organiser, `regionCode=${TOWN}&${JULY}`);
    expect(f.programs.map((p) => p.id)).toEqual([ids.C, ids.A, ids.B]);
    expect(f.programs[1]).toMatchObject({
      title: 'A 伊庄暑托',
      regionCode: YIZHUANG,
      classes: 2,
      enrolments: 11,
      offersMade: 4,
      offersExpired: 1,
    });
  });

  it('a district: one row per town, the other town’s program counted there', async () => {
    const f = await get(admin, `regionCode=${DISTRICT}&${JULY}`);
    expect(f.region.level).toBe('district');
    expect(f.totals).toMatchObject({ programs: 4, capacity: 44, enrolments: 19, childVisits: 10 });
    const town = f.children.find((c) => c.code === TOWN)!;
    expect(town).toMatchObject({ programs: 3, capacity: 39, enrolments: 17, childrenEnrolled: 16 });
    expect(f.children.find((c) => c.code === OTHER_TOWN)).toMatchObject({
      programs: 1,
      enrolments: 2,
      fillRate: 0.4,
    });
    expect(f.children.some((c) => c.ownLevel)).toBe(false);
  });

  it('a village: its own programs only, no child rows', async () => {
    const f = await get(organiser, `regionCode=${YIZHUANG}&${JULY}`);
    expect(f.totals).toMatchObject({ programs: 1, enrolments: 11, childrenEnrolled: 10 });
    expect(f.children).toEqual([]);
    expect(f.programs.map((p) => p.id)).toEqual([ids.A]);
  });

  it('the period decides which programs count: August leaves B out, the default leaves all out', async () => {
    const aug = await get(organiser, `regionCode=${TOWN}&from=2031-08-01&to=2031-08-31`);
    expect(aug.programs.map((p) => p.id)).toEqual([ids.C, ids.A]);
    expect(aug.totals).toMatchObject({
      offersMade: 0,
      offerAcceptance: null,
      waitlisted: 2,
      classesRun: 1,
      childVisits: 2, // C1 on 08-03
      volunteers: 1,
      volunteerHours: 2,
      latePickups: 0,
    });
    // default: the organiser's grant, 1 January to today (2026): none of the 2031 programs
    const now = await get(organiser, '');
    expect(now.region.code).toBe(TOWN);
    expect(now.period.to.startsWith('2026-')).toBe(true);
    expect(now.programs.filter((p) => Object.values(ids).includes(p.id))).toEqual([]);
  });

  it('CP-5 scope: an organiser reaches their own region only; a guardian nothing', async () => {
    for (const code of [OTHER_TOWN, DISTRICT]) {
      const r = await organiser.call('GET', `/api/v1/programs/figures?regionCode=${code}&${JULY}`);
      expect(r.statusCode).toBe(403);
      expect(r.json<{ code: string }>().code).toBe('OUT_OF_SCOPE');
    }
    const guardian = await t.login('guardian');
    expect((await guardian.call('GET', '/api/v1/programs/figures')).statusCode).toBe(403);
    expect((await guardian.call('GET', '/api/v1/programs/figures.xlsx')).statusCode).toBe(403);
  });

  it('bad input: 4xx problem+json with a code', async () => {
    const bad: [string, string][] = [
      [`regionCode=${TOWN}&from=2031-08-01&to=2031-07-01`, 'FIGURES_PERIOD_INVALID'],
      [`regionCode=${TOWN}&from=2025-01-01&to=2031-07-01`, 'FIGURES_PERIOD_INVALID'],
      [`regionCode=${TOWN}&from=2031-02-30`, 'VALIDATION_FAILED'],
      ['regionCode=abc', 'VALIDATION_FAILED'],
      ['regionCode=110115999000', 'UNKNOWN_REGION'],
      ['colour=red', 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of bad) {
      const r = await admin.call('GET', `/api/v1/programs/figures?${query}`);
      expect({ query, status: r.statusCode, code: r.json<{ code: string }>().code }).toEqual({
        query,
        status: 400,
        code,
      });
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const xl = await admin.call('GET', `/api/v1/programs/figures.xlsx?lang=fr`);
    expect(xl.statusCode).toBe(400);
  });

  it('the Excel export opens and holds the same numbers (zh and en)', async () => {
    const r = await organiser.call(
      'GET',
      `/api/v1/programs/figures.xlsx?regionCode=${TOWN}&${JULY}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="program-figures-${TOWN}-2031-07-01-2031-07-31.xlsx"`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '各地区', '各项目']);
    const summary = wb.getWorksheet('概况')!;
    const value = (label: string) => {
      let v: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(value('项目数')).toBe(3);
    expect(value('名额')).toBe(39);
    expect(value('在读儿童')).toBe(16);
    expect(value('满额率')).toBe(0.4359);
    expect(value('候补人数')).toBe(5);
    expect(value('递补接受率')).toBe(0.4);
    expect(value('服务人次')).toBe(9);
    expect(value('志愿服务时长（小时）')).toBe(10.3);
    expect(value('延迟接送')).toBe(2);
    expect(value('统计期间')).toBe('2031-07-01 – 2031-07-31');
    const regions = wb.getWorksheet('各地区')!;
    expect(regions.getRow(1).getCell(1).value).toBe('地区');
    expect(regions.getRow(2).getCell(1).value).toMatch(/（本级）$/);
    const yz = regions
      .getRows(2, regions.rowCount - 1)!
      .find((x) => x.getCell(2).value === YIZHUANG)!;
    const col = (ws: ExcelJS.Worksheet, header: string) => {
      let n = 0;
      ws.getRow(1).eachCell((c, i) => {
        if (c.value === header) n = i;
      });
      return n;
    };
    expect(yz.getCell(col(regions, '在读报名')).value).toBe(11);
    expect(yz.getCell(col(regions, '满额率')).numFmt).toBe('0.0%');
    const programs = wb.getWorksheet('各项目')!;
    expect(programs.rowCount).toBe(4);
    expect(programs.getRow(3).getCell(1).value).toBe('A 伊庄暑托');
    expect(programs.getRow(3).getCell(col(programs, '递补名额发出')).value).toBe(4);

    const en = await organiser.call(
      'GET',
      `/api/v1/programs/figures.xlsx?regionCode=${TOWN}&${JULY}&lang=en`,
    );
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['Summary', 'Regions', 'Programs']);
    expect(wbEn.getWorksheet('Programs')!.getRow(1).getCell(1).value).toBe('Program');
  });
});
