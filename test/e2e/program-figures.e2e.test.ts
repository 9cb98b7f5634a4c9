/**
 * CP-5 in the browser: the demo organiser opens the program figures of 魏善庄镇 (rows written into
 * the server's SQLite file: three programs over two villages and the town, with a waitlist and
 * answered offers in July) on a phone, in elderly mode and in English, and downloads the Excel file.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';
import {
  accountIdOf,
  insertChild,
  insertClass,
  insertEnrolment,
  insertProgram,
} from '../integration/program-figures.fixtures.ts';
import { insertAttendance, insertSession } from '../integration/program-figures.days.ts';

const SHOTS = 'test-results';
const TOWN = '110115110000';
const YIZHUANG = '110115110207';
const SANSHUNZHUANG = '110115110222';
const at = (day: number) => new Date(Date.UTC(2026, 6, day, 2)).toISOString();

async function seedPrograms(file: string) {
  const db = openDatabase({ dialect: 'sqlite', file });
  const k = db.kysely;
  try {
    const org = await accountIdOf(k, 'organiser');
    const guardian = await accountIdOf(k, 'guardian');
    const enrol = async (
      classId: string,
      regionCode: string,
      status: 'enrolled' | 'waitlisted' | 'declined' | 'expired',
      n: number,
      reasons?: [string, string][],
    ) => {
      for (let i = 0; i < n; i++)
        await insertEnrolment(k, {
          classId,
          childId: await insertChild(k, guardian, regionCode),
          guardianId: guardian,
          regionCode,
          status,
          reasons,
        });
    };
    const program = async (title: string, regionCode: string, capacities: number[]) => {
      const id = await insertProgram(k, {
        organiserId: org,
        title,
        regionCode,
        season: ['2026-07-06', '2026-08-14'],
      });
      return Promise.all(
        capacities.map((capacity) =>
          insertClass(k, { programId: id, regionCode, capacity, seats: 0 }),
        ),
      );
    };
    const [a1, a2] = await program('伊庄村暑期托管驿站', YIZHUANG, [40, 40]);
    await enrol(a1!, YIZHUANG, 'enrolled', 39);
    await enrol(a1!, YIZHUANG, 'enrolled', 1, [
      [at(2), 'offer'],
      [at(2), 'accept_offer'],
    ]);
    await enrol(a1!, YIZHUANG, 'waitlisted', 6);
    await enrol(a2!, YIZHUANG, 'enrolled', 31);
    await enrol(a2!, YIZHUANG, 'declined', 1, [
      [at(3), 'offer'],
      [at(3), 'decline_offer'],
    ]);
    const [b1] = await program('三顺庄四点半学校', SANSHUNZHUANG, [20]);
    await enrol(b1!, SANSHUNZHUANG, 'enrolled', 18);
    await enrol(b1!, SANSHUNZHUANG, 'expired', 1, [
      [at(4), 'offer'],
      [at(5), 'expire'],
    ]);
    const [c1] = await program('魏善庄镇妇女儿童家园', TOWN, [30]);
    await enrol(c1!, TOWN, 'enrolled', 12);
    // two days of A1: 37 + 36 children present, 2 picked up late
    for (const [day, present] of [
      ['2026-07-07', 37],
      ['2026-07-08', 36],
    ] as const) {
      const programId = (
        await k
          .selectFrom('program_classes')
          .select('program_id')
          .where('id', '=', a1!)
          .executeTakeFirstOrThrow()
      ).program_id;
      const sessionId = await insertSession(k, {
        classId: a1!,
        programId,
        regionCode: YIZHUANG,
        day,
      });
      await insertAttendance(k, {
        sessionId,
        classId: a1!,
        day,
        statuses: [...Array<'released'>(present - 1).fill('released'), 'late', 'absent'],
      });
    }
  } finally {
    await db.close();
  }
}

describe('CP-5 program figures page', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    await seedPrograms(path.join(server.dataDir, 'doorstep.sqlite'));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function organiserIn(mode: {
    phone: boolean;
    elderlyMode: boolean;
    locale: 'zh-CN' | 'en';
  }): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: mode.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      ...(mode.phone ? { isMobile: true, hasTouch: true } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
    });
    const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username: 'organiser', password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: mode.elderlyMode, locale: mode.locale },
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
    return context;
  }

  const MODES = [
    { name: 'phone', phone: true, elderlyMode: false, locale: 'zh-CN' as const },
    { name: 'phone-elderly', phone: true, elderlyMode: true, locale: 'zh-CN' as const },
    { name: 'phone-en', phone: true, elderlyMode: false, locale: 'en' as const },
    { name: 'desktop', phone: false, elderlyMode: false, locale: 'zh-CN' as const },
  ];

  for (const mode of MODES) {
    it(`the organiser sees the town's figures with charts (${mode.name})`, async () => {
      const context = await organiserIn(mode);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/programs/figures`);
      await page.getByTestId('cp-fig-bar').waitFor({ timeout: 20_000 });
      await page.getByTestId('cp-fig-pie').waitFor();
      // 39 + 1 + 31 + 18 + 12 enrolled children; 101 of 130 places; 6 waiting; 1 of 3 offers accepted
      expect(await page.getByTestId('kpi-children').textContent()).toContain('101');
      expect(await page.getByTestId('kpi-fill').textContent()).toContain('77.7%');
      expect(await page.getByTestId('kpi-waitlist').textContent()).toContain('6');
      expect(await page.getByTestId('kpi-offers').textContent()).toContain('33.3%');
      expect(await page.getByTestId('kpi-visits').textContent()).toContain('73');
      expect(await page.getByTestId('kpi-late').textContent()).toContain('2');
      const text = await page.locator('main').innerText();
      expect(text).toContain(mode.locale === 'en' ? 'Program figures' : '托管项目数据');
      expect(text).toContain('伊庄村暑期托管驿站');
      await page.screenshot({ path: `${SHOTS}/program-figures-${mode.name}.png`, fullPage: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/program-figures-${mode.name}-top.png` });
      await page.getByTestId('cp-fig-pie').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/program-figures-${mode.name}-charts.png` });
      await page.getByTestId('cp-fig-quiet').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/program-figures-${mode.name}-tables.png` });
      await context.close();
    });
  }

  it('the Excel download holds the same numbers', async () => {
    const context = await organiserIn({ phone: false, elderlyMode: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/programs/figures`);
    await page.getByTestId('cp-fig-bar').waitFor({ timeout: 20_000 });
    const href = await page.getByTestId('cp-figures-xlsx').getAttribute('href');
    expect(href).toMatch(/\/programs\/figures\.xlsx\?regionCode=110115110000&from=2026-01-01/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('cp-figures-xlsx').click(),
    ]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const summary = wb.getWorksheet('概况')!;
    const values = new Map<unknown, unknown>();
    summary.eachRow((row) => values.set(row.getCell(1).value, row.getCell(2).value));
    expect(values.get('在读儿童')).toBe(101);
    expect(values.get('名额')).toBe(130);
    expect(values.get('递补名额发出')).toBe(3);
    expect(wb.getWorksheet('各项目')!.rowCount).toBe(4);
    await context.close();
  });
});
