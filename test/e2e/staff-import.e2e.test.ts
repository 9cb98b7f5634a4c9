/**
 * Issue #15 point 4 browser journey: the district administrator opens /imports, chooses the staff
 * roster, downloads its template, uploads a roster, sees the dry run, applies it and reads the
 * one-time password; the new clerk logs in with it, is made to change it first, and then reaches
 * her workbench. The list of passwords is also looked at on a phone, in elderly mode and English.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
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
const MOBILE = '13900135801';

async function fillLogin(page: Page, username: string, password: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('issue #15 p4 staff roster in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let oneTime = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator imports a roster and reads the one-time password once', async () => {
    await page.goto(server.baseUrl);
    await fillLogin(page, 'admin', DEMO_PASSWORD);
    await signedIn(page).waitFor();
    await page.goto(`${server.baseUrl}/imports`);
    await page.getByRole('heading', { name: 'Excel 批量导入' }).waitFor();
    await chooseOption(page, 'import-kind', '工作人员名册');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('工作人员名册导入模板.xlsx');

    const stations = await page
      .context()
      .request.get(`${server.baseUrl}/api/v1/stations?regionCode=110115110207`);
    const station = (await stations.json()) as { code: string }[];
    await page.getByTestId('import-file').setInputFiles({
      name: '工作人员名册.xlsx',
      mimeType: XLSX,
      buffer: await writeImportWorkbook('staff', [
        ['何晓梅', MOBILE, station[0]!.code, '村级专管员', ''],
      ]),
    });
    await page.getByTestId('import-apply').waitFor();
    expect(await page.locator('.import-row-create').innerText()).toContain('何晓梅');
    await page.getByTestId('import-send-sms').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-applied').waitFor();
    const password = page.getByTestId('staff-password');
    await password.waitFor();
    oneTime = (await password.innerText()).trim();
    expect(oneTime).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await page.screenshot({ path: `${SHOTS}/staff-import-1-passwords.png`, fullPage: true });
  });

  it('the clerk logs in with it, must change it first, then reaches her workbench', async () => {
    const clerk = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const p = await clerk.newPage();
    await p.goto(server.baseUrl);
    await fillLogin(p, MOBILE, oneTime);
    await p.getByTestId('first-password-page').waitFor();
    await p.screenshot({ path: `${SHOTS}/staff-import-2-first-password.png`, fullPage: true });
    // the server refuses everything else meanwhile
    const blocked = await p.context().request.get(`${server.baseUrl}/api/v1/cases`);
    expect(blocked.status()).toBe(403);
    expect(((await blocked.json()) as { code: string }).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await p.getByTestId('password-current').fill(oneTime);
    await p.getByTestId('password-new').fill('heXiaomei-own-pass-2026');
    await p.getByTestId('password-confirm').fill('heXiaomei-own-pass-2026');
    await p.getByTestId('password-submit').click();
    await signedIn(p).waitFor();
    expect(await p.getByTestId('first-password-page').count()).toBe(0);
    expect((await p.context().request.get(`${server.baseUrl}/api/v1/cases`)).status()).toBe(200);
    await p.screenshot({ path: `${SHOTS}/staff-import-3-workbench.png`, fullPage: true });
    await clerk.close();
  });

  it('the password list on a phone, in elderly mode and in English', async () => {
    const origin = server.baseUrl;
    const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, {
      data: { elderlyMode: true, locale: 'en' },
    });
    expect(r.ok()).toBe(true);
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.addCookies(await page.context().cookies());
    const p = await phone.newPage();
    await p.goto(`${origin}/imports`);
    await p.getByRole('heading', { name: 'Import by Excel' }).waitFor();
    await chooseOption(p, 'import-kind', 'Staff roster');
    await p.getByTestId('import-file').setInputFiles({
      name: 'roster.xlsx',
      mimeType: XLSX,
      buffer: await writeImportWorkbook('staff', [
        ['Lin Hua', '13900135802', '', 'town_officer', '110115110000'],
      ]),
    });
    await p.getByTestId('import-apply').click();
    await p.getByTestId('staff-password').waitFor();
    expect(await p.getByTestId('staff-passwords').innerText()).toContain('One-time passwords');
    expect(await p.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await p.screenshot({ path: `${SHOTS}/staff-import-4-phone-elderly-en.png`, fullPage: true });
    await phone.close();
  });
});
