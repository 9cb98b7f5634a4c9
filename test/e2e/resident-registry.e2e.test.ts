/**
 * Browser journey (issue #2): a village clerk logs in, registers a resident, finds them by ID
 * number, sees the masked number, reveals it with a reason, switches to English and elderly mode.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const NEW_ID = buildIdNumber('110115', '19460815', '026'); // a woman born 1946
const MASKED = `110115********${NEW_ID.slice(-4)}`;

describe('clerk at 伊庄村 registers and finds a resident', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in as the village clerk (Chinese by default)', async () => {
    await page.goto(server.baseUrl);
    await page.getByTestId('login-username').fill('clerk');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain('伊庄村专管员');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('looks up an unknown ID number (typed like a card reader), then registers the resident', async () => {
    await page.getByTestId('nav-residents').click();
    const lookup = page.getByTestId('resident-lookup-input');
    await lookup.click();
    await page.keyboard.type(NEW_ID.toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByTestId('resident-not-found').waitFor();
    await page.getByTestId('register-open').click();
    await expect.poll(() => page.getByTestId('register-id-number').inputValue()).toBe(NEW_ID);
    await page.getByTestId('register-full-name').fill('王秀兰');
    await page.getByTestId('register-phone').fill('13722223333');
    await page.getByTestId('register-home-region').click();
    await page.keyboard.type('三顺庄村');
    await page.keyboard.press('Enter');
    await page.getByTestId('register-address').fill('北京市大兴区魏善庄镇三顺庄村西街2号');
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.getByTestId('resident-id-masked').innerText()).toBe(MASKED);
    await page.screenshot({ path: `${SHOTS}/e2e-1-registered.png`, fullPage: true });
  });

  it('finds the resident by exact ID number and shows only the masked number', async () => {
    await page.reload();
    const lookup = page.getByTestId('resident-lookup-input');
    await lookup.fill(NEW_ID);
    await page.getByTestId('resident-lookup-submit').click();
    const card = page.getByTestId('resident-card');
    await expect.poll(() => card.innerText()).toContain('王秀兰');
    expect(await page.getByTestId('resident-id-masked').innerText()).toBe(MASKED);
    // The clerk's own input box holds what was typed; nothing the page shows has the full number.
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(NEW_ID);
    expect(await card.innerText()).toContain('137****3333');
  });

  it('reveals the full number only with a reason', async () => {
    await page.getByTestId('reveal-open').click();
    await page.getByTestId('reveal-reason').fill('居民本人在场，核对身份证号');
    await page.getByTestId('reveal-confirm').click();
    await expect.poll(() => page.getByTestId('reveal-value').innerText()).toBe(NEW_ID);
    await page.keyboard.press('Escape');
  });

  it('switches to English and to elderly mode, and both stay after a reload', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('nav-residents').innerText()).toMatch(/Residents/);
    await page.getByTestId('elderly-switch').click();
    await expect.poll(() => page.locator('body').getAttribute('data-elderly')).toBe('true');
    const bodySize = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.body).fontSize),
    );
    expect(bodySize).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: `${SHOTS}/e2e-2-english-elderly.png`, fullPage: true });
    await page.reload();
    await expect.poll(() => page.locator('body').getAttribute('data-elderly')).toBe('true');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('works on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('resident-lookup-input').fill(NEW_ID);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('resident-id-masked').innerText()).toBe(MASKED);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/e2e-3-phone.png`, fullPage: true });
  });

  it('never wrote a full ID number to the server log', () => {
    const log = server.output.join('');
    expect(log).toContain('"reqId"');
    expect(log).not.toContain(NEW_ID);
    expect(log).not.toContain('110115194803120019');
  });
});
