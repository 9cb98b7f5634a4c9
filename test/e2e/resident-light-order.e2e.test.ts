/**
 * Browser journey on the light resident entry (issue #11 point 1): 李长福's phone (390 px, its
 * clock in another time zone) opens /r/order, is asked to log in, logs in with his mobile and the
 * SMS code (the `log` provider writes it to the server log; the test reads it there), orders a
 * service for tomorrow morning (China time) from a plain form, and finds it — with his case that
 * still lacks a paper — under my records. Only the light entry's scripts load. Screenshots in
 * Chinese, elderly mode and English go to test-results/.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';
import { entryWeight } from '../helpers/web-weight.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const LI_ID = '110115194803120019'; // 李长福, the demo `resident` account's own record

/** The calendar day in Beijing (YYYY-MM-DD) of an instant. */
const chinaToday = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

/** The clerk of 伊庄村 files a case for 李长福 without his photo (the scene, not what is tested). */
async function fileCaseMissingPhoto(baseUrl: string): Promise<string> {
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
    label: 'e2e resident-light-order',
  });
  const resident = await json<{ id: string }>('/residents/lookup', { idNumber: LI_ID }, token);
  const kase = await json<{ number: string }>(
    '/cases',
    { residentId: resident.id, itemCode: 'DX-SB-001', presented: ['id_card'] },
    token,
  );
  return kase.number;
}

describe('a resident orders a service on the light entry', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let caseNumber = '';
  let needNumber = '';
  const scripts: string[] = [];
  const needPosts: { key: string | undefined; body: string | null }[] = [];
  const tomorrow = chinaToday(new Date(Date.now() + 24 * 3600_000));
  const yesterday = chinaToday(new Date(Date.now() - 24 * 3600_000));

  const codeFromLog = () => {
    const lines = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"template":"login_code"'));
    return /"code":"(\d{6})"/.exec(lines.at(-1) ?? '')?.[1] ?? null;
  };
  const noOverflow = async () =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    caseNumber = await fileCaseMissingPhoto(server.baseUrl);
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
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/vs/needs')
        needPosts.push({ key: r.headers()['idempotency-key'], body: r.postData() });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the server answers the resident addresses with the light page and its loading state', async () => {
    for (const path of ['/r', '/r/login', '/r/order', '/r/mine']) {
      const html = await (await fetch(`${server.baseUrl}${path}`)).text();
      expect(html, path).toContain('正在打开，请稍候');
    }
  });

  it('/r/order asks for a phone login first; the SMS code logs in and the menu appears', async () => {
    await page.goto(`${server.baseUrl}/r/order`);
    await page.getByTestId('login-phone').waitFor();
    expect(await page.locator('main').innerText()).toContain('请先登录');
    await page.getByTestId('login-send').click();
    await poll(() => page.getByTestId('login-phone').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('login-phone').fill(`+86 ${DEMO_PHONES.resident}`);
    await page.getByTestId('login-send').click();
    await poll(() => page.getByTestId('login-send').textContent()).toMatch(/秒后重新获取/);
    await poll(codeFromLog).toMatch(/^\d{6}$/);
    await page.getByTestId('login-code').fill(codeFromLog()!);
    await noOverflow();
    await page.screenshot({ path: `${SHOTS}/resident-order-1-login-zh.png`, fullPage: true });
    await page.getByTestId('login-submit').click();
    await page.getByTestId('order-category').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/r/order');
    expect(await page.getByTestId('signed-in').innerText()).toContain('李长福');
    await noOverflow();
    await page.screenshot({ path: `${SHOTS}/resident-order-2-menu-zh.png`, fullPage: true });
  });

  it('a plain form: required fields and a past day are refused before anything is sent', async () => {
    await page.getByTestId('order-category').first().click();
    await page.getByTestId('order-form').waitFor();
    expect(await page.getByTestId('order-contact-name').inputValue()).toBe('李长福');
    await page.getByTestId('order-day').fill(yesterday);
    await page.getByTestId('order-submit').click();
    const form = page.getByTestId('order-form');
    await poll(() => form.innerText()).toContain('请填写这一项');
    expect(await form.innerText()).toContain('不能选已经过去的日期');
    expect(await page.getByTestId('order-day').getAttribute('min')).toBe(chinaToday(new Date()));
    expect(needPosts).toEqual([]);
  });

  it('orders for tomorrow 09:00–10:30 China time, with an Idempotency-Key', async () => {
    await page.getByTestId('order-description').fill('帮忙修一下院子里的水龙头');
    await page.getByTestId('order-place').fill('三顺庄村东街8号');
    await page.getByTestId('order-day').fill(tomorrow);
    await page.getByTestId('order-from').fill('09:00');
    await page.getByTestId('order-to').fill('10:30');
    await page.getByTestId('order-phone').fill('138 0000 0001');
    await noOverflow();
    await page.screenshot({ path: `${SHOTS}/resident-order-3-form-zh.png`, fullPage: true });
    await page.getByTestId('order-submit').click();
    const done = page.getByTestId('order-done');
    await done.waitFor();
    needNumber = /[A-Z0-9-]*\d{4,}[A-Z0-9-]*/.exec(await done.innerText())?.[0] ?? '';
    expect(needNumber).not.toBe('');
    expect(needPosts).toHaveLength(1);
    expect(needPosts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(needPosts[0]!.body ?? '{}') as Record<string, string>;
    // 09:00 in Beijing is 01:00 UTC of the same day, whatever the phone's own zone says.
    expect(body.wantedFrom).toBe(`${tomorrow}T01:00:00.000Z`);
    expect(body.wantedTo).toBe(`${tomorrow}T02:30:00.000Z`);
    expect(body.contactPhone).toBe('13800000001');
  });

  it('my records show the order (China time) and the case with the paper still to bring', async () => {
    await page.getByTestId('order-to-mine').click();
    const order = page.getByTestId('mine-order').first();
    await order.waitFor();
    const text = await order.innerText();
    expect(text).toContain('帮忙修一下院子里的水龙头');
    expect(text).toContain(needNumber);
    expect(text).toContain('待审核');
    expect(await page.getByTestId('mine-order-wanted').first().innerText()).toContain(
      '09:00–10:30',
    );
    const kase = page.getByTestId('mine-case').first();
    await kase.waitFor();
    expect(await kase.getAttribute('data-state')).toBe('awaiting_supplement');
    const caseText = await kase.innerText();
    expect(caseText).toContain(caseNumber);
    expect(caseText).toContain('照片');
    expect(caseText).toContain('伊庄村政务服务站');
    await noOverflow();
    await page.screenshot({ path: `${SHOTS}/resident-order-4-mine-zh.png`, fullPage: true });
  });

  it('a completed order asks for a rating; five stars are sent once and shown', async () => {
    const rate = page.getByTestId('mine-rate').first();
    await rate.waitFor();
    expect(await page.getByTestId('mine-rate-submit').first().isDisabled()).toBe(true);
    await rate.getByLabel('5 星').check();
    await rate.locator('textarea').fill('来得很及时，谢谢');
    await page.getByTestId('mine-rate-submit').first().click();
    await poll(() => page.getByTestId('mine-rated').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('mine-rated').first().innerText()).toContain('5 星');
    expect(await page.getByTestId('mine-rate').count()).toBe(0);
  });

  it('reads in elderly mode and in English, without sideways scrolling', async () => {
    await page.getByTestId('elderly-switch').check();
    await poll(() => page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    await noOverflow();
    await page.screenshot({ path: `${SHOTS}/resident-order-5-mine-elderly.png`, fullPage: true });
    await page.getByTestId('lang-switch').click();
    await poll(() => page.locator('h1').innerText()).toBe('My records');
    expect(await page.getByTestId('mine-order').first().innerText()).toContain('Under review');
    await noOverflow();
    await page.screenshot({
      path: `${SHOTS}/resident-order-6-mine-en-elderly.png`,
      fullPage: true,
    });
    await page.getByTestId('nav-order').click();
    await page.getByTestId('order-category').first().waitFor();
    await page.getByTestId('order-category').first().click();
    await page.getByTestId('order-form').waitFor();
    await noOverflow();
    await page.screenshot({
      path: `${SHOTS}/resident-order-7-form-en-elderly.png`,
      fullPage: true,
    });
    // Back to the defaults for whoever uses this profile next.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('elderly-switch').uncheck();
  });

  it('loaded only the light entry’s scripts — no Ant Design, no staff shell', () => {
    const allowed = new Set(
      entryWeight('web/dist', 'resident.html').reachable.map((f) => `/assets/${f.file}`),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !allowed.has(s))).toEqual([]);
  });

  it('a repeat visit to 点单 asks for the menu once, before the page script runs (one round trip)', async () => {
    const menus: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().includes('/api/v1/vs/menu')) menus.push(r.url());
    };
    page.on('request', onRequest);
    await page.goto(`${server.baseUrl}/r/order`);
    await page.getByTestId('order-category').first().waitFor();
    page.off('request', onRequest);
    expect(await page.evaluate(() => localStorage.getItem('doorstep.homeRegion'))).toMatch(
      /^\d{12}$/,
    );
    // Asked by resident.html's own script (the region the last visit remembered), used by the page.
    expect(menus).toHaveLength(1);
    expect(await page.evaluate(() => '__doorstepMenu' in window && window.__doorstepMenu)).toBe(
      undefined,
    );
  });

  it('logging out brings the login form back on my records', async () => {
    await page.getByTestId('logout').click();
    await poll(() => new URL(page.url()).pathname).toBe('/r');
    await page.getByTestId('home-order').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('doorstep.homeRegion'))).toBeNull();
    await noOverflow();
    await page.screenshot({ path: `${SHOTS}/resident-order-8-home-zh.png`, fullPage: true });
    await page.goto(`${server.baseUrl}/r/mine`);
    await page.getByTestId('login-phone').waitFor();
  });
});
