/**
 * Issue #16 point 5 and #15 point 8, browser journey: the clerk's case list pages by cursor — next
 * and back through a cursor stack, every case once, "共 N 条" from the server — and exports the
 * same filtered list to Excel (every row, not one page). Screenshots of the list on a phone, in
 * elderly mode and in English.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import {
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = 'test-results';
const LI = '110115194803120019'; // 李长福
const FILED = 25; // more than one page (20)

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}
async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const origin = page.url().split('/').slice(0, 3).join('/');
  const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, { data: body });
  expect(r.ok()).toBe(true);
}
const rowNumbers = (page: Page) =>
  page
    .locator('[data-testid^="case-row-"]')
    .evaluateAll((els): string[] =>
      els.map((e) => (e.getAttribute('data-testid') ?? '').slice('case-row-'.length)),
    );

describe('#16 p5 the case list pages by cursor and exports what it shows', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let total = 0;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'clerk');
    const api = page.context().request;
    const li = await api.post(`${server.baseUrl}/api/v1/residents/lookup`, {
      data: { idNumber: LI },
    });
    expect(li.ok(), await li.text()).toBe(true);
    const residentId = ((await li.json()) as { id: string }).id;
    for (let i = 0; i < FILED; i += 1) {
      const r = await api.post(`${server.baseUrl}/api/v1/cases`, {
        data: { residentId, itemCode: 'DX-SB-001', presented: ['id_card', 'photo_1inch'] },
        headers: { 'Idempotency-Key': `keyset-e2e-${i}` },
      });
      expect(r.status(), await r.text()).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('pages forward and back by cursor: every case once, the total from the server', async () => {
    await page.goto(`${server.baseUrl}/cases?box=accepted_here`);
    const pager = page.getByTestId('cases-pager');
    await pager.waitFor();
    const totalText = (await page.getByTestId('cases-pager-total').textContent()) ?? '';
    expect(totalText).toMatch(/^共 \d+ 条$/);
    total = Number(/\d+/.exec(totalText)![0]);
    expect(total).toBeGreaterThanOrEqual(FILED);
    expect(await page.getByTestId('cases-pager-total').getAttribute('data-exact')).toBe('true');

    const first = await rowNumbers(page);
    expect(first).toHaveLength(20);
    const seen = [...first];
    const next = page.getByTestId('cases-pager-next');
    for (let p = 2; !(await next.isDisabled()); p += 1) {
      const before = (await rowNumbers(page))[0];
      await next.click();
      await poll(async () => (await rowNumbers(page))[0]).not.toBe(before);
      expect(await pager.textContent()).toContain(`第 ${p} 页`);
      seen.push(...(await rowNumbers(page)));
    }
    expect(new Set(seen).size).toBe(seen.length); // no case twice
    expect(seen).toHaveLength(total); // every case once

    // Back to the first page through the cursor stack.
    while (!(await page.getByTestId('cases-pager-previous').isDisabled())) {
      const before = (await rowNumbers(page))[0];
      await page.getByTestId('cases-pager-previous').click();
      await poll(async () => (await rowNumbers(page))[0]).not.toBe(before);
    }
    expect(await rowNumbers(page)).toEqual(first);
    await page.screenshot({ path: `${SHOTS}/cases-keyset-1-desktop.png`, fullPage: true });
  });

  it('exports the list with its filters: every row, not one page', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-excel').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(total);
  });

  it('on a phone: Chinese, elderly mode, English', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(`${server.baseUrl}/login`);
    await login(phone, 'clerk');
    const shot = async (name: string, totalPattern: RegExp) => {
      await phone.goto(`${server.baseUrl}/cases?box=accepted_here`);
      await phone.getByTestId('cases-pager').waitFor();
      await poll(() => phone.getByTestId('cases-pager-total').textContent()).toMatch(totalPattern);
      await phone.getByTestId('cases-pager-next').click();
      await poll(() => phone.getByTestId('cases-pager').textContent()).toMatch(/第 2 页|Page 2/);
      await phone.screenshot({ path: `${SHOTS}/cases-keyset-${name}.png`, fullPage: true });
    };
    await shot('2-phone', /^共 \d+ 条$/);
    await preferences(phone, { elderlyMode: true, locale: 'zh-CN' });
    await shot('3-phone-elderly', /^共 \d+ 条$/);
    await preferences(phone, { elderlyMode: false, locale: 'en' });
    await shot('4-phone-en', /^\d+ in all$/);
    await preferences(phone, { elderlyMode: false, locale: 'zh-CN' });
    await phone.close();
  });
});
