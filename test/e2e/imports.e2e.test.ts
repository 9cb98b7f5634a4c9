/**
 * Issue #15 point 3 browser journey: the 魏善庄镇 town officer opens /imports, downloads the
 * residents template, uploads a file with a wrong ID number, sees the row refused with its reason
 * (apply is not offered), uploads the corrected file, applies it and sees the result — then the
 * same page on a phone, in elderly mode and in English.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { AXE_SOURCE, TAGS } from './accessibility.shared.ts';
import {
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GOOD = buildIdNumber('110115', '19580808', '071');
const BAD = `${GOOD.slice(0, 17)}${GOOD.endsWith('1') ? '2' : '1'}`;
const OTHER = buildIdNumber('110115', '19610203', '042');

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

/** Serious or critical axe violations on the page as it is (elderly mode: text at 7:1); axe is loaded by the context's init script. */
async function axeFindings(page: Page, enhanced: boolean): Promise<string[]> {
  const violations = await page.evaluate(
    async ([tags, enhanced]) => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              c: unknown,
              o: unknown,
            ) => Promise<{
              violations: {
                id: string;
                impact: string;
                nodes: { target: string[]; html?: string }[];
              }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        ...(enhanced ? { rules: { 'color-contrast-enhanced': { enabled: true } } } : {}),
        resultTypes: ['violations'],
      });
      return result.violations;
    },
    [TAGS, enhanced] as const,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')} ${n.html ?? ''}`));
}

async function upload(page: Page, name: string, rows: string[][]) {
  await page.getByTestId('import-file').setInputFiles({
    name,
    mimeType: XLSX,
    buffer: await writeImportWorkbook('residents', rows),
  });
}

describe('issue #15 p3 residents by Excel in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.context().addInitScript({ content: AXE_SOURCE });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('template, a refused row, the fix, apply', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'town');
    await page.getByTestId('nav-imports').click();
    await page.getByRole('heading', { name: 'Excel 批量导入' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('居民导入模板.xlsx');

    await upload(page, '居民名单.xlsx', [
      [OTHER, '刘桂芳', '13911110001', '伊庄村', ''],
      [BAD, '陈志强', '13911110002', '三顺庄村', '三顺庄村南街 3 号'],
    ]);
    const plan = page.getByTestId('import-plan');
    await plan.waitFor();
    await page.getByTestId('import-refused-hint').waitFor();
    const refused = page.locator('.import-row-refused');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.innerText()).toContain('身份证号校验位不对');
    expect(await refused.innerText()).toContain('3');
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    // polled: a button's colour transition (disabled while the dry run ran) may still be running
    await expect.poll(() => axeFindings(page, false), { timeout: 10_000 }).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/imports-1-refused.png`, fullPage: true });

    await upload(page, '居民名单-改正.xlsx', [
      [OTHER, '刘桂芳', '13911110001', '伊庄村', ''],
      [GOOD, '陈志强', '13911110002', '三顺庄村', '三顺庄村南街 3 号'],
    ]);
    await page.getByTestId('import-apply').waitFor();
    expect(await page.locator('.import-row-create').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/imports-2-clean.png`, fullPage: true });
    await page.getByTestId('import-apply').click();
    const done = page.getByTestId('import-applied');
    await done.waitFor();
    expect(await done.innerText()).toContain('新增 2 条');
    await page.screenshot({ path: `${SHOTS}/imports-3-applied.png`, fullPage: true });

    // The same file again: nothing to do, and the page says so.
    await upload(page, '居民名单-改正.xlsx', [
      [OTHER, '刘桂芳', '13911110001', '伊庄村', ''],
      [GOOD, '陈志强', '13911110002', '三顺庄村', '三顺庄村南街 3 号'],
    ]);
    await page.getByTestId('import-nothing').waitFor();
  });

  it('on a phone, in elderly mode and in English', async () => {
    const origin = server.baseUrl;
    const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, {
      data: { elderlyMode: true, locale: 'en' },
    });
    expect(r.ok()).toBe(true);
    const cookies = await page.context().cookies();
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
    });
    await phone.addCookies(cookies);
    await phone.addInitScript({ content: AXE_SOURCE });
    const p = await phone.newPage();
    await p.goto(`${origin}/imports`);
    await p.getByRole('heading', { name: 'Import by Excel' }).waitFor();
    await upload(p, 'residents.xlsx', [[BAD, 'Chen', '', '伊庄村', '']]);
    await p.getByTestId('import-refused-hint').waitFor();
    expect(await p.locator('.import-row-refused').innerText()).toContain('check digit');
    expect(await p.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expect.poll(() => axeFindings(p, true), { timeout: 10_000 }).toEqual([]);
    await p.screenshot({ path: `${SHOTS}/imports-4-phone-elderly-en.png`, fullPage: true });
    await phone.close();
  });
});
