/**
 * Issue #15 X-8: the supervisor's case dashboard (/cases/overview) has charts and a region
 * drill-down district → town → station, and exports the level drilled into to Excel. On a phone,
 * in elderly mode and in English (screenshots), and on a desktop. Issue #16 (GS-8): the lights are
 * the server's (its rollups), the overdue card equals the overdue cases paged by keyset, and the
 * stations' light columns add up to their open cases.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { request, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser } from '../helpers/e2e.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';
import { checkPager, pageOneByOne } from '../helpers/e2e-pager.ts';

const SHOTS = 'test-results';
const LI = '110115194803120019'; // 李长福
const DAY = 86_400_000;

describe('X-8 the case dashboard: charts, drill-down and export', () => {
  let server: ClockedServer;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    browser = await launchBrowser();
    // The clerk files three complete cases (the clock runs) and one short of a material (待补正:
    // no clock); then the app's clock moves 60 days on, past their due dates.
    const api = await request.newContext({ baseURL: server.baseUrl });
    const login = await api.post('/api/v1/auth/login', {
      data: { username: 'clerk', password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const li = await api.post('/api/v1/residents/lookup', { data: { idNumber: LI } });
    expect(li.ok(), await li.text()).toBe(true);
    const residentId = ((await li.json()) as { id: string }).id;
    for (const [i, presented] of [
      ['id_card', 'photo_1inch'],
      ['id_card', 'photo_1inch'],
      ['id_card', 'photo_1inch'],
      ['id_card'],
    ].entries()) {
      const r = await api.post('/api/v1/cases', {
        data: { residentId, itemCode: 'DX-SB-001', presented },
        headers: { 'Idempotency-Key': `dashboard-e2e-${i}` },
      });
      expect(r.status(), await r.text()).toBe(201);
    }
    await api.dispose();
    server.clock.advance(60 * DAY);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function supervisorIn(mode: {
    phone: boolean;
    elderlyMode: boolean;
    locale: 'zh-CN' | 'en';
  }): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: mode.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      ...(mode.phone ? { isMobile: true, hasTouch: true } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username: 'supervisor', password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: mode.elderlyMode, locale: mode.locale },
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
    return context;
  }

  const MODES = [
    { name: 'desktop', phone: false, elderlyMode: false, locale: 'zh-CN' as const },
    { name: 'phone', phone: true, elderlyMode: false, locale: 'zh-CN' as const },
    { name: 'phone-elderly', phone: true, elderlyMode: true, locale: 'zh-CN' as const },
    { name: 'phone-en', phone: true, elderlyMode: false, locale: 'en' as const },
  ];

  for (const mode of MODES) {
    it(`drills down district → town → station and exports the town (${mode.name})`, async () => {
      const context = await supervisorIn(mode);
      const page = await context.newPage();
      if (mode.name === 'desktop') await pageOneByOne(page, '/cases');
      const overdueAsked = page.waitForRequest(
        (r) => r.url().includes('/api/v1/cases/page') && r.url().includes('overdue=true'),
      );
      await page.goto(`${server.baseUrl}/cases/overview`);
      // The overdue list asks for the longest overdue first (its order is tested in cases-keyset).
      expect(new URL((await overdueAsked).url()).searchParams.get('order')).toBe('due');
      // The five cards: the server's counts, every open case in one (the reach's open cases).
      await page.getByTestId('overview-totals').waitFor({ timeout: 20_000 });
      const card = async (light: string) =>
        Number(await page.getByTestId(`overview-total-${light}`).textContent());
      const cards = await Promise.all(['red', 'yellow', 'green', 'paused', 'none'].map(card));
      expect(cards[0]).toBeGreaterThanOrEqual(3); // the three filed, now past their due dates
      expect(cards[4]).toBeGreaterThanOrEqual(1); // the one waiting for a material
      const districtsAnswer = await context.request.get(
        `${server.baseUrl}/api/v1/cases/figures/drill?by=district`,
      );
      const districts = (await districtsAnswer.json()) as { open: number; overdue: number }[];
      expect(cards.reduce((a, b) => a + b, 0)).toBe(districts.reduce((n, d) => n + d.open, 0));
      expect(cards[0]).toBe(districts.reduce((n, d) => n + d.overdue, 0));
      await page.screenshot({ path: `${SHOTS}/case-dashboard-${mode.name}-totals.png` });
      // The overdue card is the overdue cases' list, paged by keyset.
      const pager = page.getByTestId('overview-overdue-pager-total');
      await expect.poll(() => pager.textContent()).toMatch(/\d/);
      expect(Number(/\d+/.exec((await pager.textContent()) ?? '')?.[0])).toBe(cards[0]);
      if (mode.name === 'desktop') await checkPager(page, 'overview-overdue-pager', 3);
      const table = page.getByTestId('drill-table');
      await table.waitFor({ timeout: 20_000 });
      await page.getByTestId('drill-chart').waitFor();
      const drill = page.getByTestId('case-drill');
      // The demo supervisor's reach is one district of one town: the drill opens on its stations
      // by itself (a level of one region opens once); the breadcrumb goes back to the districts.
      await expect
        .poll(async () => drill.textContent(), { timeout: 10_000 })
        .toContain(mode.locale === 'en' ? 'Station' : '服务站');
      await drill.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/case-dashboard-${mode.name}-opened.png` });
      await page.getByTestId('drill-path').getByRole('button').first().click();
      await expect
        .poll(async () => table.locator('[data-testid^="drill-open-"]').count())
        .toBeGreaterThan(0);
      expect(await drill.textContent()).toContain(mode.locale === 'en' ? 'District' : '区县');
      await drill.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/case-dashboard-${mode.name}-districts.png` });

      // District → its towns
      const district = table.locator('[data-testid^="drill-open-"]').first();
      const districtName = (await district.textContent())!.trim();
      await district.click();
      await expect
        .poll(async () => drill.textContent(), { timeout: 10_000 })
        .toContain(mode.locale === 'en' ? 'Town' : '乡镇（街道）');
      expect(await page.getByTestId('drill-path').textContent()).toContain(districtName);

      // Town → its stations (the last level: names, no buttons)
      const town = table.locator('[data-testid^="drill-open-"]').first();
      const townName = (await town.textContent())!.trim();
      await town.click();
      // The stations' rows (summed by the server, #16; a level shows only its own rows) have come
      // when rows show without buttons.
      await expect
        .poll(async () =>
          Promise.all([
            table.locator('tbody tr.ant-table-row').count(),
            table.locator('[data-testid^="drill-open-"]').count(),
          ]).then(([rows, buttons]) => rows > 0 && buttons === 0),
        )
        .toBe(true);
      expect(await page.getByTestId('drill-path').textContent()).toContain(townName);
      const stations = (
        await table.locator('tbody tr.ant-table-row td:first-child').allTextContents()
      ).map((s) => s.trim());
      expect(stations.length).toBeGreaterThan(0);
      // Each station's light columns (red … none, then open) add up to its open cases.
      for (const row of await table.locator('tbody tr.ant-table-row').all()) {
        const cells = (await row.locator('td').allTextContents()).map((c) => Number(c.trim()));
        expect(cells.slice(1, 6).reduce((a, b) => a + b, 0)).toBe(cells[6]);
      }
      await drill.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/case-dashboard-${mode.name}-stations.png` });

      // The export has exactly this town's stations.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('drill-export').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^case-figures-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const ws = wb.worksheets[0]!;
      const names: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) names.push(row.getCell(3).text);
      });
      expect(names.sort()).toEqual([...stations].sort());
      expect(ws.getRow(1).getCell(1).text).toBe(mode.locale === 'en' ? 'District' : '区县');

      // Back up to every district through the breadcrumb.
      await page.getByTestId('drill-path').getByRole('button').first().click();
      await expect.poll(async () => table.textContent()).toContain(districtName);
      await context.close();
    });
  }
});
