/**
 * Issue #14 GS-10 in the browser, on a phone: the demo resident's relative asks for a home visit
 * from the light pages (/r/visit) and finds it on /r/visits, waiting to be scheduled; the station
 * schedules it for an afternoon and the page shows the day and window (China time). Screenshots in
 * Chinese, English and elderly mode.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = 'test-results';

describe('GS-10 a resident asks for a home visit on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function phone(
    username: string,
    mode: { elderlyMode: boolean; locale: 'zh-CN' | 'en' },
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: mode,
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
    return context.newPage();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the relative asks; the visit waits to be scheduled on /r/visits', async () => {
    const page = await phone('resident', { elderlyMode: false, locale: 'zh-CN' });
    await page.goto(`${server.baseUrl}/r/visit`);
    await page.getByTestId('visit-form').waitFor();
    await page.getByTestId('visit-who-relative').check();
    await page.getByTestId('visit-relation').fill('女儿');
    await page.getByTestId('visit-reason-elderly').check();
    await page.locator('[data-testid^="visit-date-"]').first().check();
    await page.getByTestId('visit-phone').fill('13911112222');
    await page.screenshot({ path: `${SHOTS}/home-visit-ask.png`, fullPage: true });
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-asked').waitFor();
    const visit = page.getByTestId('visit').first();
    await poll(() => visit.getAttribute('data-status')).toBe('requested');
    expect(await visit.innerText()).toContain('待安排');
    await page.screenshot({ path: `${SHOTS}/home-visit-mine.png`, fullPage: true });
  });

  it('scheduled by the station for an afternoon: the page shows the day and window', async () => {
    const page = await phone('resident', { elderlyMode: true, locale: 'zh-CN' });
    const [mine] = (await (
      await page.request.get(`${server.baseUrl}/api/v1/home-visits/mine`)
    ).json()) as { id: string; preferredDates: string[] }[];
    // the visiting unit: whoever serves the resident's village station schedules it
    const staff = await phone('agent', { elderlyMode: false, locale: 'zh-CN' });
    let res = await staff.request.post(`${server.baseUrl}/api/v1/home-visits/schedule`, {
      data: { day: mine!.preferredDates[0], window: 'afternoon', visitIds: [mine!.id] },
    });
    if (!res.ok()) {
      const clerk = await phone('clerk', { elderlyMode: false, locale: 'zh-CN' });
      res = await clerk.request.post(`${server.baseUrl}/api/v1/home-visits/schedule`, {
        data: { day: mine!.preferredDates[0], window: 'afternoon', visitIds: [mine!.id] },
      });
    }
    expect(res.ok(), await res.text()).toBe(true);
    await page.goto(`${server.baseUrl}/r/visits`);
    const when = page.getByTestId('visit-when').first();
    await poll(() => when.innerText()).toContain('14:00–17:00');
    await page.screenshot({ path: `${SHOTS}/home-visit-scheduled-elderly.png`, fullPage: true });
  });

  it('in English', async () => {
    const page = await phone('resident', { elderlyMode: false, locale: 'en' });
    await page.goto(`${server.baseUrl}/r/visits`);
    await page.getByTestId('visit').first().waitFor();
    expect(await page.getByTestId('visits-page').innerText()).toContain('My home visits');
    await page.screenshot({ path: `${SHOTS}/home-visit-mine-en.png`, fullPage: true });
  });

  it('plans change: the resident cancels the scheduled visit with a reason; the station sees it', async () => {
    const page = await phone('resident', { elderlyMode: true, locale: 'zh-CN' });
    await page.goto(`${server.baseUrl}/r/visits`);
    const visit = page.getByTestId('visit').first();
    await poll(() => visit.getAttribute('data-status')).toBe('scheduled');
    await visit.getByTestId('visit-cancel-open').click();
    // Under two characters the station would learn nothing: the button waits for a reason.
    await visit.getByTestId('visit-cancel-reason').fill('好');
    expect(await visit.getByTestId('visit-cancel-submit').isDisabled()).toBe(true);
    await visit.getByTestId('visit-cancel-reason').fill('女儿那天接老人去城里看病');
    await page.screenshot({ path: `${SHOTS}/home-visit-cancel-elderly.png`, fullPage: true });
    await visit.getByTestId('visit-cancel-submit').click();
    await poll(() => visit.getAttribute('data-status')).toBe('cancelled');
    expect(await visit.getByTestId('visit-cancelled-why').innerText()).toBe(
      '女儿那天接老人去城里看病',
    );
    // Nothing more to cancel: the table offers no action on a cancelled visit.
    expect(await visit.getByTestId('visit-cancel-open').count()).toBe(0);
    // The visiting unit (whoever scheduled it) sees it cancelled and off the route.
    const [mine] = (await (
      await page.request.get(`${server.baseUrl}/api/v1/home-visits/mine`)
    ).json()) as { id: string }[];
    const seen: { id: string; routeId: string | null }[] = [];
    for (const who of ['agent', 'clerk']) {
      const staff = await phone(who, { elderlyMode: false, locale: 'zh-CN' });
      const res = await staff.request.get(`${server.baseUrl}/api/v1/home-visits?status=cancelled`);
      if (res.ok()) seen.push(...((await res.json()) as typeof seen));
    }
    expect(seen.find((v) => v.id === mine!.id)).toMatchObject({ routeId: null });
  });
});
