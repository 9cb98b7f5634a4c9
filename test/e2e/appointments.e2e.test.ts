/**
 * GS-10 browser journey: 李长福 books a slot on his phone (390 px, the light entry, SMS login),
 * sees it under my bookings (also in elderly mode and English); the app's clock moves to his slot;
 * the 伊庄村 clerk checks him in (→ A001), calls the next ticket from the appointment lane, starts
 * the service and files a case for the ticket (channel `appointment`); the station's queue screen
 * shows the number, never his name. Screenshots go to test-results/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { chooseOption, launchBrowser, showPasswordForm, signedIn } from '../helpers/e2e.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

describe('GS-10 a resident books on a phone, arrives, is called and a case is filed', () => {
  let server: ClockedServer;
  let browser: Browser;
  let phone: Page;
  let desk: Page;
  let startsAt = '';
  let slotStart = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    browser = await launchBrowser();
    phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      })
    ).newPage();
    desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    ).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('books the first free slot of the first bookable day on the phone', async () => {
    // The clocked server runs no outbox sender (the SMS login has its own journey): log in by
    // password in the phone's browser context, then open the page.
    const login = await phone.context().request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username: 'resident', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    await phone.goto(`${server.baseUrl}/r/book`);
    await phone.getByTestId('book-form').waitFor();
    await phone.locator('[data-testid^="book-day-"]').first().check();
    await phone.getByTestId('book-slots').waitFor();
    const slot = phone.locator('[data-testid^="book-slot-"]:not([disabled])').first();
    await slot.waitFor();
    slotStart = ((await slot.getAttribute('data-testid')) ?? '').replace('book-slot-', '');
    await slot.check();
    await phone.screenshot({ path: `${SHOTS}/appointments-1-book-zh.png`, fullPage: true });
    await phone.getByTestId('book-submit').click();
    await phone.getByTestId('booked-ok').waitFor();
    await poll(() => phone.getByTestId('bookings').getAttribute('data-count')).toBe('1');
    expect(await phone.getByTestId('booking-status').first().innerText()).toContain('已预约');
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${SHOTS}/appointments-2-mine-zh.png`, fullPage: true });
    await phone.getByTestId('elderly-switch').check();
    await phone.screenshot({ path: `${SHOTS}/appointments-3-mine-elderly.png`, fullPage: true });
    await phone.getByTestId('lang-switch').click();
    await poll(() => phone.getByTestId('booking-status').first().innerText()).toContain('Booked');
    await phone.screenshot({ path: `${SHOTS}/appointments-4-mine-en.png`, fullPage: true });
    const res = await phone.evaluate(async () => {
      const r = await fetch('/api/v1/appointments/bookings/mine');
      return (await r.json()) as { startsAt: string }[];
    });
    startsAt = res[0]!.startsAt;
  });

  it('on the day the clerk checks him in, calls the appointment lane and files the case', async () => {
    // The app's clock moves to five minutes after his slot starts.
    server.clock.advance(Date.parse(startsAt) + 5 * 60_000 - server.clock.now().getTime());
    await desk.goto(`${server.baseUrl}/appointments`);
    await showPasswordForm(desk);
    await desk.getByTestId('login-username').fill('clerk');
    await desk.getByTestId('login-password').fill(DEMO_PASSWORD);
    await desk.getByTestId('login-submit').click();
    await signedIn(desk).waitFor();
    await desk.goto(`${server.baseUrl}/appointments`);
    await desk.locator('[data-testid="station-day"][data-loaded="yes"]').waitFor();
    await desk.getByTestId(`check-in-${slotStart}`).click();
    await desk.getByTestId('ticket-status-A001').waitFor();
    await desk.getByTestId('call-next').click();
    await poll(() => desk.getByTestId('ticket-status-A001').getAttribute('data-status')).toBe(
      'called',
    );
    await desk.getByTestId('ticket-start-A001').click();
    await poll(() => desk.getByTestId('ticket-status-A001').getAttribute('data-status')).toBe(
      'serving',
    );
    await desk.getByTestId('ticket-file-A001').click();
    await desk.getByTestId('file-case-form').waitFor();
    // The ticket opens the one intake with its resident: item, materials checklist, file.
    await desk.getByTestId('file-case-submit').click();
    await desk.waitForURL(/\/cases\/new\?ticket=/);
    await chooseOption(desk, 'wb-item-select', 'DX-SB-001', { search: 'DX-SB-001' });
    await desk.getByTestId('wb-tick-required').click();
    await desk.screenshot({ path: `${SHOTS}/appointments-5-desk.png`, fullPage: true });
    await desk.getByTestId('wb-file').click();
    await desk.getByTestId('receipt-number').waitFor({ timeout: 20_000 });
    await desk.getByTestId('wb-next').click();
    await desk.getByTestId('ticket-case-A001').waitFor({ timeout: 20_000 });
    await desk.screenshot({ path: `${SHOTS}/appointments-6-desk-filed.png`, fullPage: true });
    const channel = await desk.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as {
        grants: { stationId: string | null }[];
      };
      const id = me.grants.find((g) => g.stationId)!.stationId!;
      const day = (await (await fetch(`/api/v1/appointments/stations/${id}/day`)).json()) as {
        tickets: { label: string; caseId: string | null }[];
      };
      const caseId = day.tickets.find((x) => x.label === 'A001')!.caseId!;
      const kase = (await (await fetch(`/api/v1/cases/${caseId}`)).json()) as { channel: string };
      return kase.channel;
    });
    expect(channel).toBe('appointment');
  });

  it('the queue screen shows A001 being called, and no name', async () => {
    const token = await desk.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as {
        grants: { stationId: string | null }[];
      };
      const id = me.grants.find((g) => g.stationId)!.stationId!;
      const t = (await (await fetch(`/api/v1/appointments/stations/${id}/template`)).json()) as {
        screenToken: string;
      };
      return t.screenToken;
    });
    const tv = await (
      await browser.newContext({ viewport: { width: 1280, height: 720 } })
    ).newPage();
    await tv.goto(`${server.baseUrl}/r/screen?t=${token}`);
    await tv.getByTestId('queue-screen').waitFor();
    const text = await tv.getByTestId('queue-screen').innerText();
    expect(text).toContain('A001');
    expect(text).not.toContain('李长福');
    await tv.screenshot({ path: `${SHOTS}/appointments-7-screen.png`, fullPage: true });
  });
});
