/**
 * Browser journey (GS-10, issue #14 point 2): a home visit batched with two others in one village,
 * filed on a phone with a blood-pressure record. The demo scheduled three requests in 伊庄村 for
 * today; the village clerk opens the day's route on a phone, sets off to the first stop (程建国),
 * files his 低保 application on the spot through the workbench in channel home_visit, records a
 * chronic checkup whose high values are flagged, and marks the visit done — the case is linked.
 * Screenshots on the phone, in elderly mode and in English.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';
import { launchBrowser, pickItemByKeyboard, showPasswordForm, signedIn } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' } as const;
const CHENG_ID = '110115194611230037'; // 程建国, 伊庄村
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const origin = page.url().split('/').slice(0, 3).join('/');
  const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, { data: body });
  expect(r.ok()).toBe(true);
}

describe('GS-10 a home visit batched with two others in one village, filed on a phone with a blood-pressure record', () => {
  let server: ClockedServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    browser = await launchBrowser();
    page = await browser.newPage(PHONE);
    await page.clock.install({ time: server.clock.now() });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stop1 = () => page.getByTestId('hv-route-伊庄村').getByTestId('hv-stop-1');

  it('the clerk opens today’s route: three stops in 伊庄村, in request order', async () => {
    await page.goto(server.baseUrl);
    await showPasswordForm(page);
    await page.getByTestId('login-username').fill('clerk');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await signedIn(page).waitFor();
    await page.goto(`${server.baseUrl}/home-visits/route`);
    const route = page.getByTestId('hv-route-伊庄村');
    await route.waitFor({ timeout: 20_000 });
    await poll(() => route.locator('[data-testid^="hv-stop-"]').count()).toBe(3);
    expect(await stop1().innerText()).toContain('程建国');
    expect(await stop1().getAttribute('data-status')).toBe('scheduled');
    await page.screenshot({ path: `${SHOTS}/home-visits-route-phone.png`, fullPage: true });
  });

  it('at the first stop: set off, file the case on the spot in channel home_visit', async () => {
    await stop1().getByTestId('hv-depart').click();
    await poll(() => stop1().getAttribute('data-status')).toBe('on_route');
    await stop1().getByTestId('hv-file-case').click();
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'resident-lookup-input',
    );
    await page.keyboard.type(CHENG_ID);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('程建国');
    await pickItemByKeyboard(page, '低保', 'DX-MZ-001');
    await page.getByTestId('wb-material-id_card').waitFor();
    await page.getByTestId('wb-material-id_card').check();
    await page.getByTestId('wb-file').click();
    await page.getByTestId('receipt-number').waitFor({ timeout: 20_000 });
  });

  it('records the checkup: high pressure and glucose flagged; done links the case', async () => {
    await page.goto(`${server.baseUrl}/home-visits/route`);
    await stop1().waitFor({ timeout: 20_000 });
    await stop1().getByTestId('hv-record-open').click();
    await stop1().getByTestId('hv-systolic').fill('152');
    await stop1().getByTestId('hv-diastolic').fill('96');
    await stop1().getByTestId('hv-glucose').fill('7.4');
    await stop1().getByTestId('hv-advice').fill('坚持服用降压药，低盐饮食');
    await stop1().getByTestId('hv-save-record').click();
    await poll(() => stop1().getByTestId('hv-flags').getAttribute('data-flags')).toBe(
      'blood_pressure_high,glucose_high',
    );
    expect(await stop1().getByTestId('hv-flags').innerText()).toContain('血压偏高');
    await stop1().getByTestId('hv-complete').click();
    await poll(() => stop1().getAttribute('data-status')).toBe('done');
    await stop1().getByTestId('hv-case').waitFor();
    await page.screenshot({ path: `${SHOTS}/home-visits-done-phone.png`, fullPage: true });
  });

  it('the route in elderly mode and in English', async () => {
    await preferences(page, { elderlyMode: true, locale: 'zh-CN' });
    await page.reload();
    await stop1().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SHOTS}/home-visits-elderly.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'en' });
    await page.reload();
    await poll(() => stop1().getByTestId('hv-flags').innerText()).toContain('Blood pressure high');
    await page.screenshot({ path: `${SHOTS}/home-visits-english.png`, fullPage: true });
    await page.goto(`${server.baseUrl}/home-visits`);
    await page.getByTestId('home-visits-page').waitFor();
    await page.screenshot({ path: `${SHOTS}/home-visits-requests-english.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'zh-CN' });
  });

  it('a request taken by phone for 李长福 is scheduled this afternoon into a route of his own village', async () => {
    await page.goto(`${server.baseUrl}/home-visits`);
    await page.getByTestId('hv-id').fill('110115194803120019');
    await page.getByTestId('hv-lookup').click();
    await page.getByTestId('hv-form').waitFor();
    await page.getByLabel('联系电话').fill('13800005678');
    await page.getByTestId('hv-submit').click();
    const pending = page.getByTestId('hv-pending-李长福');
    await pending.waitFor({ timeout: 20_000 });
    await pending.getByRole('checkbox').check();
    await page.getByTestId('hv-window').getByText('下午').click();
    await page.screenshot({ path: `${SHOTS}/home-visits-requests-phone.png`, fullPage: true });
    await page.getByTestId('hv-schedule').click();
    await poll(() => pending.count()).toBe(0);
    await page.goto(`${server.baseUrl}/home-visits/route`);
    const route = page.getByTestId('hv-route-三顺庄村');
    await route.waitFor({ timeout: 20_000 });
    expect(await route.getByTestId('hv-stop-1').innerText()).toContain('李长福');
    // The half-day the clerk picked is the one promised on the route (and to the resident).
    expect(await route.getByTestId('hv-stop-1').getByTestId('hv-promised-window').innerText()).toBe(
      '14:00–17:00',
    );
    expect(
      await page.getByTestId('hv-route-伊庄村').locator('[data-testid^="hv-stop-"]').count(),
    ).toBe(3);
  });
});
