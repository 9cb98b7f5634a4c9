/**
 * Browser journey on the light resident entry (issue #11): 李大爷's phone (390 px, its clock set
 * to another time zone) opens /track, types the number and 查询码 of a case that still lacks a
 * paper, and sees the state and what to bring — without downloading the staff shell: every script
 * the page loads belongs to the light entry. Large text and English switch and stay switched.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';
import { entryWeight } from '../helpers/web-weight.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const LI_ID = '110115194803120019';

/** Sets the scene through the API as the demo clerk of 伊庄村 (not what is tested). */
async function fileCaseMissingPhoto(baseUrl: string): Promise<{ number: string; code: string }> {
  const json = async <T>(url: string, body: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${url}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { token } = await json<{ token: string }>('/auth/tokens', {
    username: 'clerk',
    password: DEMO_PASSWORD,
    label: 'e2e resident-light',
  });
  const resident = await json<{ id: string }>('/residents/lookup', { idNumber: LI_ID }, token);
  const kase = await json<{ number: string; trackingCode: string | null; state: string }>(
    '/cases',
    { residentId: resident.id, itemCode: 'DX-SB-001', presented: ['id_card'] },
    token,
  );
  expect(kase.state).toBe('awaiting_supplement');
  return { number: kase.number, code: kase.trackingCode ?? '' };
}

describe('the light resident entry on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let kase: { number: string; code: string };
  const scripts: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    kase = await fileCaseMissingPhoto(server.baseUrl);
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'America/Los_Angeles',
    });
    page = await phone.newPage();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the HTML itself says it is loading, in Chinese and English', async () => {
    const html = await (await fetch(`${server.baseUrl}/track`)).text();
    expect(html).toContain('正在打开，请稍候');
    expect(html).toContain('Loading, please wait');
    expect(html).toContain('boot-spinner');
  });

  it('finds the case by number and 查询码, typed as printed', async () => {
    await page.goto(`${server.baseUrl}/track`);
    await page.getByTestId('track-number').fill(kase.number.replace('-', ''));
    await poll(() => page.getByTestId('track-number').inputValue()).toBe(kase.number);
    await page.getByTestId('track-code').fill(`${kase.code.slice(0, 4)} ${kase.code.slice(4)}`);
    await page.getByTestId('track-submit').click();
    const state = page.getByTestId('track-state');
    await poll(() => state.getAttribute('data-state')).toBe('awaiting_supplement');
    expect(await state.innerText()).toContain('还缺材料');
    expect(await page.getByTestId('track-missing').innerText()).toContain('照片');
    const result = await page.getByTestId('track-result').innerText();
    expect(result).toContain('伊庄村政务服务站');
    expect(result).not.toContain('DX-SB-001');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/resident-light-1-zh.png`, fullPage: true });
  });

  it('loaded only the light entry’s scripts — no Ant Design, no staff shell', () => {
    const allowed = new Set(
      entryWeight('web/dist', 'resident.html').reachable.map((f) => `/assets/${f.file}`),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !allowed.has(s))).toEqual([]);
    expect(scripts.join(' ')).not.toMatch(/antd|main-|useTranslation|table-|select-/);
  });

  it('a wrong 查询码 gets a plain refusal, no internal code', async () => {
    await page.getByTestId('track-code').fill(kase.code === '00000000' ? '00000001' : '00000000');
    await page.getByTestId('track-submit').click();
    const error = page.getByTestId('track-error');
    await error.waitFor();
    expect(await error.innerText()).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
    expect(await page.getByTestId('track-result').count()).toBe(0);
  });

  it('large text switches on and stays on after a reload', async () => {
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const before = await size();
    await page.getByTestId('elderly-switch').check();
    await poll(() => page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    expect(await size()).toBeGreaterThan(before);
    await page.goto(`${server.baseUrl}/track?number=${kase.number}&code=${kase.code}`);
    await poll(() => page.getByTestId('track-state').getAttribute('data-state')).toBe(
      'awaiting_supplement',
    );
    expect(await page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    expect(await page.getByTestId('elderly-switch').isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/resident-light-2-elderly.png`, fullPage: true });
  });

  it('English switches the whole page and is remembered', async () => {
    await page.getByTestId('elderly-switch').uncheck();
    await page.getByTestId('lang-switch').click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Track my case');
    expect(await page.getByTestId('track-state').innerText()).toContain('Papers missing');
    expect(await page.getByTestId('track-missing').innerText()).toContain('Still to bring');
    const text = await page.locator('main').innerText();
    // (The help quotes “查询码” as printed on the receipt; station names are data.)
    expect(text).not.toMatch(/办件|还缺|补交|查询$/m);
    await page.screenshot({ path: `${SHOTS}/resident-light-3-en.png`, fullPage: true });
    await page.reload();
    await poll(() => page.locator('h1').innerText()).toBe('Track my case');
  });

  it('verification answers on the same light page, in the chosen language', async () => {
    await page.goto(`${server.baseUrl}/verify/ZM2026-0000-0000-0001`);
    const error = page.getByTestId('verify-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('No certificate has this number');
    expect(scripts.filter((s) => /antd|main-/.test(s))).toEqual([]);
  });
});
