/**
 * GS-10 … GS-13 the 赶集式 market day, end to end in Chromium on one app clock:
 * 李长福 books a slot on his phone (/r/book) → the app's clock moves to his slot → the 伊庄村
 * clerk checks him in (A-lane ticket), the station's queue screen shows it waiting, the clerk calls
 * next and gets it (the screen shows it called) → the clerk files the case for him (channel
 * `appointment`), routes it, the town centre decides, the clerk hands it over → the window's rating
 * device (/r/kiosk, 服务评价器) wakes with the case and he rates it 不满意 with a reason → the
 * rectification ticket appears for the district's supervisor, who works it to the end (in English
 * and elderly mode) → the 好差评 dashboard counts the 差评 and the closed ticket.
 * Demo accounts only; DX-SB-001 (no training gate). Time moves through the app's clock, never by
 * editing its database; every wait is on visible state. Screenshots: test-results/market-day-*.png.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { chinaDate } from '../../src/shared/china-time.ts';
import { chooseOption, launchBrowser } from '../helpers/e2e.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/market-day-${name}.png`, fullPage: true });

interface Mode {
  phone: boolean;
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
}
const DESK: Mode = { phone: false, elderlyMode: false, locale: 'zh-CN' };

/** A fetch from inside the page (its session cookie), JSON in and out. */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u, {
        method: m,
        headers: {
          ...(b === undefined ? {} : { 'content-type': 'application/json' }),
          ...(m === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() }),
        },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      if (!r.ok) throw new Error(`${m} ${u}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    [method, url, body] as const,
  );
}

describe('GS-10 … GS-13 a market day: booked, queued, called, filed, rated 差评, rectified', () => {
  let server: ClockedServer;
  let browser: Browser;
  let clerk: Page;
  let startsAt = '';
  let slotStart = '';
  let ticketLabel = '';
  let caseId = '';
  let caseNumber = '';
  let stationId = '';
  let month = '';
  let badBefore = 0;
  let rectifiedBefore = 0;

  async function contextFor(mode: Mode): Promise<BrowserContext> {
    return browser.newContext({
      viewport: mode.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      ...(mode.phone ? { isMobile: true, hasTouch: true } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
    });
  }
  /** A staff member's browser, logged in with the demo password and the given preferences. */
  async function staffPage(username: string, mode: Mode): Promise<Page> {
    const context = await contextFor(mode);
    const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    await setPreferences(context, mode);
    return context.newPage();
  }
  async function setPreferences(context: BrowserContext, mode: Mode) {
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: mode.elderlyMode, locale: mode.locale },
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
  }
  /** Runs a case action from the case page's buttons (availableActions) and waits for the state. */
  async function caseAction(
    page: Page,
    action: string,
    state: string,
    fill?: (p: Page) => Promise<void>,
  ) {
    await page.goto(`${server.baseUrl}/cases/${caseId}`);
    await page.getByTestId(`action-${action}`).click();
    await page.getByTestId('action-form').waitFor();
    if (fill) await fill(page);
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('action-form').waitFor({ state: 'detached' });
    await poll(
      async () => (await call<{ state: string }>(page, 'GET', `/api/v1/cases/${caseId}`)).state,
    ).toBe(state);
  }
  async function dashboardTotals(page: Page) {
    await page.goto(`${server.baseUrl}/ratings`);
    await page.getByTestId('ratings-totals').waitFor();
    // The month the app's clock is in (the browser's own clock may be in another month).
    await page.getByLabel(/月份|Month/).fill(month);
    const totals = page.getByTestId('ratings-totals');
    return totals;
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('李长福 books the first free slot on his phone', async () => {
    const phoneCtx = await contextFor({ phone: true, elderlyMode: false, locale: 'zh-CN' });
    // The clocked server sends no SMS: the resident logs in by password in the phone's context.
    const login = await phoneCtx.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username: 'resident', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const phone = await phoneCtx.newPage();
    await phone.goto(`${server.baseUrl}/r/book`);
    await phone.getByTestId('book-form').waitFor();
    await phone.locator('[data-testid^="book-day-"]').first().check();
    await phone.getByTestId('book-slots').waitFor();
    const slot = phone.locator('[data-testid^="book-slot-"]:not([disabled])').first();
    await slot.waitFor();
    slotStart = ((await slot.getAttribute('data-testid')) ?? '').replace('book-slot-', '');
    await slot.check();
    await shot(phone, '1-book');
    await phone.getByTestId('book-submit').click();
    await phone.getByTestId('booked-ok').waitFor();
    await poll(() => phone.getByTestId('bookings').getAttribute('data-count')).toBe('1');
    expect(await phone.getByTestId('booking-status').first().innerText()).toContain('已预约');
    await shot(phone, '2-booked');
    const mine = await call<{ startsAt: string; status: string }[]>(
      phone,
      'GET',
      '/api/v1/appointments/bookings/mine',
    );
    expect(mine).toHaveLength(1);
    startsAt = mine[0]!.startsAt;
    month = chinaDate(startsAt).slice(0, 7);
    await phoneCtx.close();
  });

  it('on the day: checked in to the A lane, on the queue screen, called next by the clerk', async () => {
    // Before the day: the 好差评 figures of the month the booking falls in.
    const before = await staffPage('supervisor', DESK);
    const totals = await dashboardTotals(before);
    badBefore = Number(await totals.getAttribute('data-bad'));
    rectifiedBefore = Number(await totals.getAttribute('data-rectified'));
    await before.context().close();

    // The app's clock moves to five minutes after his slot starts.
    server.clock.advance(Date.parse(startsAt) + 5 * 60_000 - server.clock.now().getTime());
    clerk = await staffPage('clerk', DESK);
    await clerk.goto(`${server.baseUrl}/appointments`);
    await clerk.locator('[data-testid="station-day"][data-loaded="yes"]').waitFor();
    await clerk.getByTestId(`check-in-${slotStart}`).click();
    const me = await call<{ grants: { stationId: string | null }[] }>(
      clerk,
      'GET',
      '/api/v1/auth/me',
    );
    stationId = me.grants.find((g) => g.stationId)!.stationId!;
    await poll(async () => {
      const day = await call<{
        tickets: { label: string; lane: string; bookingId: string | null }[];
      }>(clerk, 'GET', `/api/v1/appointments/stations/${stationId}/day`);
      return day.tickets.find((x) => x.bookingId !== null)?.label ?? '';
    }).toMatch(/^A\d{3}$/);
    const day = await call<{ tickets: { label: string; bookingId: string | null }[] }>(
      clerk,
      'GET',
      `/api/v1/appointments/stations/${stationId}/day`,
    );
    ticketLabel = day.tickets.find((x) => x.bookingId !== null)!.label;
    await clerk.getByTestId(`ticket-status-${ticketLabel}`).waitFor();

    // The station's TV: his number waits (numbers only, never a name).
    const { screenToken } = await call<{ screenToken: string }>(
      clerk,
      'GET',
      `/api/v1/appointments/stations/${stationId}/template`,
    );
    const tv = await (await contextFor(DESK)).newPage();
    await tv.goto(`${server.baseUrl}/r/screen?t=${screenToken}`);
    await poll(() => tv.getByTestId('screen-next').innerText()).toContain(ticketLabel);
    expect(await tv.getByTestId('queue-screen').innerText()).not.toContain('李长福');
    await shot(tv, '3-screen-waiting');

    await clerk.getByTestId('call-next').click();
    await poll(() =>
      clerk.getByTestId(`ticket-status-${ticketLabel}`).getAttribute('data-status'),
    ).toBe('called');
    // The screen reads the queue every few seconds: wait for his number among those called.
    await tv.reload();
    await poll(() => tv.getByTestId('queue-screen').getAttribute('data-calling')).toContain(
      ticketLabel,
    );
    await shot(tv, '4-screen-called');
    await tv.context().close();
  });

  it('the clerk files his case from the ticket (channel appointment); the town centre decides', async () => {
    await clerk.getByTestId(`ticket-start-${ticketLabel}`).click();
    await poll(() =>
      clerk.getByTestId(`ticket-status-${ticketLabel}`).getAttribute('data-status'),
    ).toBe('serving');
    await clerk.getByTestId(`ticket-file-${ticketLabel}`).click();
    await clerk.getByTestId('file-case-form').waitFor();
    // The ticket opens the one intake with its resident: item, materials checklist, file.
    await clerk.getByTestId('file-case-submit').click();
    await clerk.waitForURL(/\/cases\/new\?ticket=/);
    await chooseOption(clerk, 'wb-item-select', 'DX-SB-001', { search: 'DX-SB-001' });
    await clerk.getByTestId('wb-tick-required').click();
    await shot(clerk, '5-file');
    await clerk.getByTestId('wb-file').click();
    await clerk.getByTestId('receipt-number').waitFor({ timeout: 20_000 });
    await clerk.getByTestId('wb-next').click();
    await clerk.getByTestId(`ticket-case-${ticketLabel}`).waitFor({ timeout: 20_000 });
    const day = await call<{ tickets: { label: string; caseId: string | null }[] }>(
      clerk,
      'GET',
      `/api/v1/appointments/stations/${stationId}/day`,
    );
    caseId = day.tickets.find((x) => x.label === ticketLabel)!.caseId!;
    const kase = await call<{ channel: string; number: string; applicant: { fullName: string } }>(
      clerk,
      'GET',
      `/api/v1/cases/${caseId}`,
    );
    expect(kase.channel).toBe('appointment');
    expect(kase.applicant.fullName).toBe('李长福');
    caseNumber = kase.number;
    await shot(clerk, '6-filed');

    // Filed from the queue through the one intake, with the materials he brought ticked: the
    // case is accepted at once and sent to the town centre.
    expect((await call<{ state: string }>(clerk, 'GET', `/api/v1/cases/${caseId}`)).state).toBe(
      'accepted',
    );
    await caseAction(clerk, 'route', 'in_progress');
    const town = await staffPage('town', DESK);
    await caseAction(town, 'decide', 'decided', async (p) => {
      await p.getByTestId('action-result-approved').click();
      await p.getByTestId('action-result-text').fill('准予补办');
    });
    await town.context().close();
  });

  it('the window’s rating device wakes with the case and he rates it 不满意 with a reason', async () => {
    // The clerk registers the window's tablet; the tablet pairs with the code.
    await clerk.goto(`${server.baseUrl}/ratings/tickets`);
    await clerk.getByTestId('ratings-tabs').getByText('评价器').click();
    await clerk.getByTestId('device-name').fill('1号窗口');
    await clerk.getByTestId('device-create').click();
    const code = (await clerk.getByTestId('pair-code-shown').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    const kioskCtx = await contextFor(DESK);
    const kiosk = await kioskCtx.newPage();
    await kiosk.goto(`${server.baseUrl}/r/kiosk`);
    await kiosk.getByTestId('pair-code').fill(code);
    await kiosk.getByTestId('pair-submit').click();
    await kiosk.locator('[data-kiosk-state="idle"]').waitFor();

    // The clerk hands the card over at the window: the case is finished here.
    await caseAction(clerk, 'deliver', 'delivered');
    await kiosk.locator(`[data-kiosk-state="case"] [data-case-number="${caseNumber}"]`).waitFor({
      timeout: 20_000,
    });
    await kiosk.getByTestId('level-2').click();
    expect(await kiosk.getByTestId('rating-submit').isDisabled()).toBe(true); // a reason first
    await kiosk.getByTestId('reason-repeat_visits').check();
    await kiosk.getByTestId('rating-comment').fill('预约了还等了很久');
    await shot(kiosk, '7-kiosk-bad');
    await kiosk.getByTestId('rating-submit').click();
    await kiosk.getByTestId('kiosk-thanks').waitFor();
    await kiosk.locator('[data-kiosk-state="idle"]').waitFor({ timeout: 20_000 });
    await kioskCtx.close();
  });

  it('the supervisor works the rectification ticket (English, elderly mode) to closed', async () => {
    const mode: Mode = { phone: false, elderlyMode: true, locale: 'en' };
    const sup = await staffPage('supervisor', mode);
    await sup.goto(`${server.baseUrl}/ratings/tickets`);
    const ticket = sup.locator(`[data-testid="ticket"][data-case-number="${caseNumber}"]`);
    await ticket.waitFor({ timeout: 20_000 });
    expect(await ticket.getAttribute('data-ticket-state')).toBe('opened');
    expect(await sup.locator('body').getAttribute('class')).toContain('elderly');
    expect(await ticket.innerText()).toContain('Dissatisfied');
    const stepTo = async (action: string, state: string, note: string) => {
      await ticket.getByTestId('ticket-note').fill(note);
      await ticket.getByTestId(`step-${action}`).click();
      await poll(() => ticket.getAttribute('data-ticket-state')).toBe(state);
    };
    await stepTo('call_back', 'called_back', 'Called back: he waited 40 minutes after his slot');
    await ticket.getByTestId('class-fix_now').click();
    await stepTo('classify', 'classified', 'Verified: one clerk for both lanes on market day');
    await stepTo('rectify', 'rectified', 'A second desk opens on market days');
    await stepTo('record_reply', 'resident_replied', 'He accepts the explanation');
    await shot(sup, '8-ticket-en-elderly');
    await ticket.getByTestId('step-close').click();
    await poll(() => ticket.count()).toBe(0);

    // Back in Chinese: the dashboard counts the 差评 and the rectified, closed ticket.
    await setPreferences(sup.context(), DESK);
    const totals = await dashboardTotals(sup);
    await poll(async () => Number(await totals.getAttribute('data-bad'))).toBe(badBefore + 1);
    await poll(async () => Number(await totals.getAttribute('data-rectified'))).toBe(
      rectifiedBefore + 1,
    );
    expect(await sup.locator('main').innerText()).toContain('好差评');
    await shot(sup, '9-dashboard');
    const all = await call<{ state: string; rating: { number: string } }[]>(
      sup,
      'GET',
      '/api/v1/ratings/tickets?open=false&limit=200',
    );
    expect(all.filter((x) => x.rating.number === caseNumber).map((x) => x.state)).toEqual([
      'closed',
    ]);
    await sup.context().close();
  });
});
