/**
 * GS-13 好差评 in the browser: a case filed and delivered at 伊庄村's window (through the API, as
 * the window would); the clerk registers a rating device and the tablet at /r/kiosk pairs with
 * the code; the device wakes with the case just delivered; the resident taps 非常不满意 with a
 * reason; the clerk works the ticket (call back, classify 立行立改, rectify, the resident's reply,
 * close); the dashboard's figures move. The SMS/QR link page on a phone in English and elderly
 * mode. Screenshots in test-results/ratings-*.png.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const LI = '110115194803120019';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

function apiAs(baseUrl: string, token: string | null) {
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
async function tokenOf(baseUrl: string, username: string) {
  const { token } = await apiAs(baseUrl, null)<{ token: string }>('POST', '/auth/tokens', {
    username,
    password: DEMO_PASSWORD,
    label: 'e2e ratings',
  });
  return token;
}

interface CaseJson {
  id: string;
  number: string;
  version: number;
}

describe('GS-13 a case delivered at the window is rated 差评 on the device and rectified', () => {
  let server: RunningServer;
  let browser: Browser;
  let clerkApi: ReturnType<typeof apiAs>;
  let townApi: ReturnType<typeof apiAs>;
  let residentId = '';

  const fileAndDecide = async (): Promise<CaseJson> => {
    let k = await clerkApi<CaseJson>('POST', '/cases', {
      residentId,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });
    k = await clerkApi<CaseJson>('POST', `/cases/${k.id}/transitions`, {
      action: 'route',
      expectedVersion: k.version,
    });
    return townApi<CaseJson>('POST', `/cases/${k.id}/transitions`, {
      action: 'decide',
      expectedVersion: k.version,
      result: 'approved',
      resultText: '准予',
    });
  };
  const deliver = (k: CaseJson) =>
    clerkApi<CaseJson>('POST', `/cases/${k.id}/transitions`, {
      action: 'deliver',
      expectedVersion: k.version,
    });

  async function staffIn(
    username: string,
    mode: { phone: boolean; elderlyMode: boolean; locale: 'zh-CN' | 'en' },
  ) {
    const context = await browser.newContext({
      viewport: mode.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      ...(mode.phone ? { isMobile: true, hasTouch: true } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
    });
    const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: mode.elderlyMode, locale: mode.locale },
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
    return context;
  }
  async function lightIn(mode: {
    phone: boolean;
    elderly: boolean;
    locale: 'zh-CN' | 'en';
  }): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: mode.phone ? { width: 390, height: 844 } : { width: 1024, height: 768 },
      ...(mode.phone ? { isMobile: true, hasTouch: true } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(
      ([locale, elderly]) =>
        localStorage.setItem(
          'doorstep.preferences',
          JSON.stringify({ locale, elderlyMode: elderly }),
        ),
      [mode.locale, mode.elderly] as const,
    );
    return context;
  }
  const noOverflow = async (page: Page) =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    clerkApi = apiAs(server.baseUrl, await tokenOf(server.baseUrl, 'clerk'));
    townApi = apiAs(server.baseUrl, await tokenOf(server.baseUrl, 'town'));
    residentId = (await clerkApi<{ id: string }>('POST', '/residents/lookup', { idNumber: LI })).id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('device → 差评 → ticket called back, rectified, reply recorded → metrics move', async () => {
    const staffCtx = await staffIn('clerk', { phone: false, elderlyMode: false, locale: 'zh-CN' });
    const staff = await staffCtx.newPage();
    await staff.goto(`${server.baseUrl}/ratings`);
    const totals = staff.getByTestId('ratings-totals');
    await totals.waitFor({ timeout: 20_000 });
    const rectifiedBefore = Number(await totals.getAttribute('data-rectified'));
    const badBefore = Number(await totals.getAttribute('data-bad'));

    await staff.goto(`${server.baseUrl}/ratings/tickets`);
    await staff.getByTestId('ratings-tabs').getByText('评价器').click();
    await staff.getByTestId('device-name').fill('1号窗口');
    await staff.getByTestId('device-create').click();
    const code = (await staff.getByTestId('pair-code-shown').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await staff.screenshot({ path: `${SHOTS}/ratings-devices.png`, fullPage: true });

    const kioskCtx = await lightIn({ phone: false, elderly: true, locale: 'zh-CN' });
    const kiosk = await kioskCtx.newPage();
    await kiosk.goto(`${server.baseUrl}/r/kiosk`);
    await kiosk.getByTestId('pair-code').fill(code);
    await kiosk.getByTestId('pair-submit').click();
    await kiosk.locator('[data-kiosk-state="idle"]').waitFor({ timeout: 20_000 });
    await kiosk.screenshot({ path: `${SHOTS}/ratings-kiosk-idle.png`, fullPage: true });

    const k = await deliver(await fileAndDecide());
    await kiosk
      .locator(`[data-kiosk-state="case"] [data-case-number="${k.number}"]`)
      .waitFor({ timeout: 20_000 });
    await kiosk.getByTestId('level-1').click();
    expect(await kiosk.getByTestId('rating-submit').isDisabled()).toBe(true); // a reason first
    await kiosk.getByTestId('reason-repeat_visits').check();
    await kiosk.getByTestId('rating-comment').fill('跑了两趟');
    await kiosk.screenshot({ path: `${SHOTS}/ratings-kiosk-bad.png`, fullPage: true });
    await kiosk.getByTestId('rating-submit').click();
    await kiosk.getByTestId('kiosk-thanks').waitFor();
    await kiosk.locator('[data-kiosk-state="idle"]').waitFor({ timeout: 20_000 });

    await staff.goto(`${server.baseUrl}/ratings/tickets`);
    const ticket = staff.locator(`[data-testid="ticket"][data-case-number="${k.number}"]`);
    await ticket.waitFor({ timeout: 20_000 });
    expect(await ticket.getAttribute('data-ticket-state')).toBe('opened');
    // The clerk was rated: who rated stays hidden from them.
    expect(await ticket.getByTestId('ticket-rater').textContent()).toContain('保密');
    const stepTo = async (action: string, state: string, note?: string) => {
      if (note) await ticket.getByTestId('ticket-note').fill(note);
      await ticket.getByTestId(`step-${action}`).click();
      await poll(() => ticket.getAttribute('data-ticket-state')).toBe(state);
    };
    await stepTo('call_back', 'called_back', '已电话回访，群众反映多次跑动');
    await ticket.getByTestId('class-fix_now').click();
    await stepTo('classify', 'classified', '核实属实，一次性告知不到位');
    await stepTo('rectify', 'rectified', '已重新整理一次性告知单');
    await stepTo('record_reply', 'resident_replied', '群众表示认可');
    await staff.getByTestId('ratings-tabs').getByText('整改工单').click();
    await staff.screenshot({ path: `${SHOTS}/ratings-ticket.png`, fullPage: true });
    await ticket.getByTestId('step-close').click();
    // A closed ticket leaves the open list.
    await poll(() => ticket.count()).toBe(0);

    await staff.goto(`${server.baseUrl}/ratings`);
    await staff.getByTestId('ratings-chart').waitFor({ timeout: 20_000 });
    await poll(async () =>
      Number(await staff.getByTestId('ratings-totals').getAttribute('data-bad')),
    ).toBe(badBefore + 1);
    expect(Number(await staff.getByTestId('ratings-totals').getAttribute('data-rectified'))).toBe(
      rectifiedBefore + 1,
    );
    await staff.screenshot({ path: `${SHOTS}/ratings-dashboard.png`, fullPage: true });
    await staffCtx.close();
    await kioskCtx.close();
  });

  for (const mode of [
    { name: 'phone-en', phone: true, elderly: false, locale: 'en' as const },
    { name: 'phone-elderly', phone: true, elderly: true, locale: 'zh-CN' as const },
  ]) {
    it(`the SMS / QR link page rates once without login (${mode.name})`, async () => {
      const k = await deliver(await fileAndDecide());
      const link = await clerkApi<{ url: string }>('POST', '/ratings/links', {
        subjectType: 'case',
        subjectId: k.id,
        channel: 'qr',
      });
      const token = new URL(link.url).searchParams.get('t')!;
      const ctx = await lightIn(mode);
      const page = await ctx.newPage();
      await page.goto(`${server.baseUrl}/r/rate?t=${token}`);
      await page.getByTestId('rating-form').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('rate-subject').textContent()).toContain(k.number);
      await page.getByTestId('level-5').click();
      await noOverflow(page);
      await page.screenshot({ path: `${SHOTS}/ratings-link-${mode.name}.png`, fullPage: true });
      await page.getByTestId('rating-submit').click();
      await page.getByTestId('rating-done').waitFor();
      await page.reload();
      await page.getByTestId('rate-error').waitFor();
      await ctx.close();
    });
  }

  it('the dashboard on a phone in English', async () => {
    const ctx = await staffIn('town', { phone: true, elderlyMode: false, locale: 'en' });
    const page = await ctx.newPage();
    await page.goto(`${server.baseUrl}/ratings`);
    await page.getByTestId('ratings-chart').waitFor({ timeout: 20_000 });
    expect(await page.locator('main').innerText()).toContain('Service ratings');
    await page.screenshot({ path: `${SHOTS}/ratings-dashboard-phone-en.png`, fullPage: true });
    await ctx.close();
  });
});
