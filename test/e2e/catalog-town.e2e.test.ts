/**
 * Issue #15 point 9 in the browser: 魏善庄镇's town officer picks the town on the catalog page and
 * sees its "47+N" (the shared items and the town's own, tagged), finds a town item by pinyin
 * initials, and exports the town's 实施清单 as Excel. Screenshots on a phone, in elderly mode and in
 * English.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { chooseOption, launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = 'test-results';
const TOWN = '110115110000';

describe('a catalog per town (47+N) in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  async function contextFor(mode: {
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
      data: { username: 'town', password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: mode.elderlyMode, locale: mode.locale },
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
    return context;
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the town officer picks 魏善庄镇, sees 47+N, finds a town item and exports the list', async () => {
    const context = await contextFor({ phone: false, elderlyMode: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/catalog`);
    await page.getByTestId('catalog-list').waitFor();
    await chooseOption(page, 'catalog-town', '魏善庄镇', { search: '魏善庄' });
    await poll(() => new URL(page.url()).searchParams.get('town')).toBe(TOWN);
    await poll(() => page.getByTestId('catalog-town-count').innerText()).toMatch(
      /共享事项 \d+ 项 \+ 本镇自有事项 3 项/,
    );
    await page.getByTestId('catalog-search').fill('lncz');
    await poll(() => page.getByTestId('catalog-row-WSZ-LL-001').isVisible()).toBe(true);
    expect(await page.getByTestId('catalog-town-item-WSZ-LL-001').innerText()).toBe('本镇自有');
    await page.screenshot({ path: `${SHOTS}/catalog-town-1-list.png`, fullPage: true });

    await page.getByTestId('catalog-open-io').click();
    await poll(() => page.getByTestId('catalog-io-town').innerText()).toContain('魏善庄镇');
    expect(await page.getByTestId('catalog-export-which').innerText()).toContain('实施清单');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('catalog-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`doorstep-catalog-${TOWN}-.*\\.xlsx`));
    await page.screenshot({ path: `${SHOTS}/catalog-town-2-export.png`, fullPage: true });
    await context.close();
  });

  const MODES = [
    { name: 'phone', phone: true, elderlyMode: false, locale: 'zh-CN' as const },
    { name: 'phone-elderly', phone: true, elderlyMode: true, locale: 'zh-CN' as const },
    { name: 'phone-en', phone: true, elderlyMode: false, locale: 'en' as const },
  ];
  for (const mode of MODES) {
    it(`the town's list: ${mode.name}`, async () => {
      const context = await contextFor(mode);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/catalog?town=${TOWN}`);
      await poll(() => page.getByTestId('catalog-town-count').innerText()).toContain(
        mode.locale === 'en' ? 'of the town’s own' : '本镇自有事项 3 项',
      );
      await page.screenshot({ path: `${SHOTS}/catalog-town-${mode.name}.png` });
      await context.close();
    });
  }
});
