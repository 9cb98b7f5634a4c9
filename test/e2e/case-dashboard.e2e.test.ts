/**
 * Issue #15 X-8: the supervisor's case dashboard (/cases/overview) has charts and a region
 * drill-down district → town → station, and exports the level drilled into to Excel. On a phone,
 * in elderly mode and in English (screenshots), and on a desktop.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = 'test-results';

describe('X-8 the case dashboard: charts, drill-down and export', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
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
      await page.goto(`${server.baseUrl}/cases/overview`);
      const table = page.getByTestId('drill-table');
      await table.waitFor({ timeout: 20_000 });
      await page.getByTestId('drill-chart').waitFor();
      const drill = page.getByTestId('case-drill');
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
