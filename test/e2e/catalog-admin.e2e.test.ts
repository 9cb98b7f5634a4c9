/**
 * Browser journey (GS-1, GS-2, GS-8): an administrator finds 社会保障卡补办 by its pinyin
 * initials, changes the promised time limit (a new version), looks back at version 1, exports the
 * catalog as Excel, and enters a working-day override that the month view then shows.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const CODE = 'DX-SB-001';
/** A Wednesday: a working day unless an override says otherwise. */
const OVERRIDE_DATE = '2027-03-10';

describe('administrator maintains the catalog and the working-day calendar', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in as the administrator', async () => {
    await page.goto(server.baseUrl);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-catalog').waitFor();
  });

  it('finds 社会保障卡补办 by the pinyin initials "sbk"', async () => {
    await page.getByTestId('nav-catalog').click();
    await page.getByTestId('catalog-search').fill('sbk');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('sbk');
    await expect.poll(() => page.locator('.catalog-row').count()).toBeLessThanOrEqual(5);
    const row = page.getByTestId(`catalog-row-${CODE}`);
    expect(await row.innerText()).toContain('社会保障卡补办');
    await page.screenshot({ path: `${SHOTS}/catalog-1-search.png`, fullPage: true });
    await row.click();
    await expect
      .poll(() => page.getByTestId('catalog-item-title').innerText())
      .toBe('社会保障卡补办');
    expect(await page.getByTestId('catalog-item-promised').innerText()).toBe('5 个工作日');
    expect(await page.getByTestId('catalog-materials').innerText()).toContain('申请人居民身份证');
  });

  it('edits the promised days and sees version 2', async () => {
    await page.getByTestId('catalog-edit').click();
    const promised = page.getByTestId('item-promised-days');
    await expect.poll(() => promised.inputValue()).toBe('5');
    await promised.fill('3');
    await page.getByTestId('item-save').click();
    await expect.poll(() => page.getByTestId('catalog-saved').innerText()).toContain('第 2 版');
    expect(await page.getByTestId('catalog-item-promised').innerText()).toBe('3 个工作日');
    expect(await page.getByTestId('catalog-version-select').innerText()).toContain('第 2 版');
    await page.screenshot({ path: `${SHOTS}/catalog-2-version-2.png`, fullPage: true });
  });

  it('switches back to version 1 and sees the old value', async () => {
    await page.getByTestId('catalog-version-select').click();
    await page.getByTestId('catalog-version-option-1').click();
    await page.getByTestId('catalog-old-version').waitFor();
    await expect
      .poll(() => page.getByTestId('catalog-item-promised').innerText())
      .toBe('5 个工作日');
    expect(new URL(page.url()).searchParams.get('version')).toBe('1');
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${SHOTS}/catalog-3-version-1.png`, fullPage: true });
  });

  it('exports the catalog as an Excel workbook', async () => {
    await page.goto(`${server.baseUrl}/catalog/import-export`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('catalog-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^doorstep-catalog-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByTestId('catalog-exported').waitFor();
  });

  it('adds a working-day override and sees it in the month view', async () => {
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-months').waitFor();
    await page.goto(`${server.baseUrl}/calendar?year=2027`);
    const day = page.getByTestId(`calendar-day-${OVERRIDE_DATE}`);
    await expect.poll(() => day.getAttribute('data-kind')).toBe('workday');
    await day.click();
    await expect.poll(() => page.getByTestId('override-date').inputValue()).toBe(OVERRIDE_DATE);
    await page.getByTestId('override-kind-holiday').click();
    await page.getByTestId('override-note').fill('本镇停电检修，服务站闭站一天');
    await page.getByTestId('override-save').click();
    await page.getByTestId(`override-row-${OVERRIDE_DATE}`).waitFor();
    await expect.poll(() => day.getAttribute('data-kind')).toBe('override-holiday');
    expect(await page.getByTestId(`override-row-${OVERRIDE_DATE}`).innerText()).toContain(
      '本镇停电检修',
    );
    await page.screenshot({ path: `${SHOTS}/catalog-4-calendar-override.png`, fullPage: true });
  });
});
