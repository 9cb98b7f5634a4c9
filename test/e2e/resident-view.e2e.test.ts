/**
 * Issue #11 in the browser: residents see plain names (no item codes, 47+N, versions or the other
 * language's names) on the home page and the catalog, on a phone, in elderly mode and in English;
 * a 丽江 resident is told the catalog is not used in their town; staff keep the codes. A clerk in a
 * browser set to Los Angeles orders on a resident's behalf: the ID lookup fills the name and the
 * village, past China days are disabled, and the picked day and time are sent as a clock in China.
 * The SMS login's code box keeps ≥ 60% of its row in elderly mode on a phone. Screenshots go to
 * test-results/.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const CODE = /\b[A-Z]{2,}-[A-Z]{2,}-\d{3}\b/; // DX-SB-001
const DAY_MS = 86_400_000;

interface Look {
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
  timezoneId?: string;
}

/** The China day (YYYY-MM-DD) of an instant. */
const chinaDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

describe('what residents see, and ordering on their behalf (issue #11)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  /** A phone signed in as `username` (no login UI: the API sets the cookie), in the given look. */
  async function phone(username: string | null, look: Look): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      locale: look.locale,
      timezoneId: look.timezoneId ?? 'Asia/Shanghai',
      reducedMotion: 'reduce',
    });
    contexts.push(context);
    await context.addInitScript(([prefs]) => localStorage.setItem('doorstep.preferences', prefs), [
      JSON.stringify({ elderlyMode: look.elderlyMode, locale: look.locale }),
    ] as const);
    if (username) {
      for (const [url, data] of [
        ['/api/v1/auth/login', { username, password: DEMO_PASSWORD }],
        ['/api/v1/auth/preferences', { elderlyMode: look.elderlyMode, locale: look.locale }],
      ] as const) {
        const r = await context.request.fetch(`${server.baseUrl}${url}`, {
          method: url.endsWith('login') ? 'POST' : 'PATCH',
          headers: { 'content-type': 'application/json', origin: server.baseUrl },
          data: JSON.stringify(data),
        });
        expect(r.ok(), `${url}: ${await r.text()}`).toBe(true);
      }
    }
    return context.newPage();
  }

  const text = (page: Page) => page.locator('main').innerText();

  it('the resident’s home page and catalog: plain names only, zh elderly and en', async () => {
    for (const look of [
      { elderlyMode: true, locale: 'zh-CN' },
      { elderlyMode: false, locale: 'en' },
    ] as const) {
      const page = await phone('resident', look);
      const tag = `${look.locale}${look.elderlyMode ? '-elderly' : ''}`;
      await page.goto(server.baseUrl);
      await page.getByTestId('home-card-catalog').waitFor();
      expect(await page.getByTestId('home-card-catalog').innerText()).not.toContain('47');
      await page.goto(`${server.baseUrl}/catalog`);
      await page.getByTestId('catalog-list').waitFor();
      const list = await text(page);
      expect(list).not.toMatch(CODE);
      expect(list).not.toMatch(/47|\+N/);
      expect(await page.getByTestId('catalog-tier').count()).toBe(0);
      // Names in the page's language only: no English words in Chinese, no Chinese in English.
      if (look.locale === 'zh-CN') expect(list).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
      else expect(list).not.toMatch(/[\u4e00-\u9fff]/);
      await page.screenshot({ path: `${SHOTS}/resident-catalog-${tag}.png`, fullPage: false });
      await page.locator('[data-testid^="catalog-row-"]').first().click();
      await page.getByTestId('catalog-item-title').waitFor();
      await page.getByTestId('catalog-item-promised').waitFor();
      const item = await text(page);
      expect(item).not.toMatch(CODE);
      expect(item).not.toMatch(/第 \d+ 版|Version \d/);
      expect(await page.getByTestId('catalog-version-select').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/resident-catalog-item-${tag}.png` });
      // A version in the address is not honoured for residents: they see the current one.
      const url = new URL(page.url());
      await page.goto(`${url.origin}${url.pathname}?version=1`);
      await page.getByTestId('catalog-item-promised').waitFor();
      expect(await page.getByTestId('catalog-old-version').count()).toBe(0);
    }
  });

  it('a 丽江 resident is told the catalog is not used in their town; the clerk keeps the codes', async () => {
    const lj = await phone('lj-resident1', { elderlyMode: false, locale: 'zh-CN' });
    await lj.goto(`${server.baseUrl}/catalog`);
    await lj.getByTestId('catalog-not-served').waitFor();
    expect(await lj.locator('[data-testid^="catalog-row-"]').count()).toBe(0);
    await lj.screenshot({ path: `${SHOTS}/resident-catalog-lijiang.png` });

    const clerk = await phone('clerk', { elderlyMode: false, locale: 'zh-CN' });
    await clerk.goto(`${server.baseUrl}/catalog`);
    await clerk.getByTestId('catalog-list').waitFor();
    expect(await text(clerk)).toMatch(CODE);
    await clerk.locator('[data-testid^="catalog-row-"]').first().click();
    await clerk.getByTestId('catalog-version-select').waitFor();
  });

  it('a clerk in Los Angeles orders on 李长福’s behalf: lookup fills in, past China days disabled, China time sent', async () => {
    const page = await phone('clerk', {
      elderlyMode: true,
      locale: 'zh-CN',
      timezoneId: 'America/Los_Angeles',
    });
    await page.goto(`${server.baseUrl}/vs/order`);
    await page.getByTestId('menu-category').filter({ hasText: '助老助残' }).click();
    await page.getByTestId('resident-lookup-input').fill('110115194803120019');
    await page.getByTestId('resident-lookup-input').press('Enter');
    await page.getByTestId('order-resident-found').waitFor();
    expect(await page.getByTestId('order-region-from-registry').innerText()).toContain('三顺庄村');
    expect(await page.locator('#contactName').inputValue()).toBe('李长福');
    expect(await page.getByTestId('order-place').inputValue()).not.toBe('');
    await page.getByTestId('order-description').fill('电话求助：想请志愿者陪同去镇卫生院');

    const now = Date.now();
    const today = chinaDay(now);
    const yesterday = chinaDay(now - DAY_MS);
    const tomorrow = chinaDay(now + DAY_MS);
    await page.getByTestId('order-day').click();
    const cell = (day: string) => page.locator(`.ant-picker-dropdown td[title="${day}"]`).first();
    await cell(today).waitFor();
    expect(await cell(yesterday).getAttribute('class')).toContain('ant-picker-cell-disabled');
    expect(await cell(today).getAttribute('class')).not.toContain('ant-picker-cell-disabled');
    await page.screenshot({ path: `${SHOTS}/order-behalf-day-la.png` });
    if ((await cell(tomorrow).count()) === 0 || !(await cell(tomorrow).isVisible()))
      await page.locator('.ant-picker-dropdown .ant-picker-header-next-btn').first().click();
    await cell(tomorrow).click();

    // From 09:00 to 11:00: the hour and minute columns of each time panel, then OK.
    for (const [placeholder, hour] of [
      ['开始', '09'],
      ['结束', '11'],
    ] as const) {
      await page.getByPlaceholder(placeholder).click();
      const open = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').last();
      const column = (n: number) => open.locator('.ant-picker-time-panel-column').nth(n);
      await column(0)
        .locator(`li[data-value="${Number(hour)}"]`)
        .click();
      await column(1).locator('li[data-value="0"]').click();
      await open.locator('.ant-picker-ok button').click();
      await open.waitFor({ state: 'hidden' });
    }

    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/vs/needs/on-behalf'));
    await page.screenshot({ path: `${SHOTS}/order-behalf-filled-la.png`, fullPage: true });
    await page.getByTestId('order-submit').click();
    const body = (await sent).postDataJSON() as Record<string, unknown>;
    // 09:00 and 11:00 in Beijing on the China day picked, whatever the browser's zone.
    expect(body.wantedFrom).toBe(new Date(`${tomorrow}T09:00:00+08:00`).toISOString());
    expect(body.wantedTo).toBe(new Date(`${tomorrow}T11:00:00+08:00`).toISOString());
    expect(body.regionCode).toBe('110115110222');
    expect(body.residentId).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('contactPhone'); // the phone on record is used
    await page.getByText('点单已提交').waitFor();
  });

  it('the SMS login’s code box keeps ≥ 60% of its row in elderly mode on a phone, zh and en', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const page = await phone(null, { elderlyMode: true, locale });
      await page.goto(`${server.baseUrl}/login`);
      // Another phone per language: a second ask for one number within a minute is refused.
      await page
        .getByTestId('sms-phone')
        .fill(locale === 'en' ? DEMO_PHONES.volunteer! : DEMO_PHONES.resident!);
      await page.getByTestId('sms-send').click();
      await expect
        .poll(() => page.getByTestId('sms-send').textContent(), { timeout: 20_000 })
        .toMatch(/秒后重新获取|\d+ ?s/);
      const row = await page.locator('.sms-code-row').boundingBox();
      const input = await page.locator('.sms-code-row .sms-code-input').boundingBox();
      const button = await page.getByTestId('sms-send').boundingBox();
      expect(row && input && button).toBeTruthy();
      expect(input!.width / row!.width).toBeGreaterThanOrEqual(0.6);
      // The button is whole and inside the row (beside the box or on the next line).
      expect(button!.x + button!.width).toBeLessThanOrEqual(row!.x + row!.width + 1);
      await page.screenshot({ path: `${SHOTS}/sms-login-countdown-elderly-${locale}.png` });
    }
  });
});
