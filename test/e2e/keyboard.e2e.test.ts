/**
 * Keyboard alone (issue #11, point 4): a clerk logs in, opens the window workbench and files
 * 李大爷's case, then tracks it on the staff app's track page — with Tab, Shift+Tab, Space, Enter
 * and typing only, never a click. Each step checks where the focus is, so a control that cannot
 * be reached (or is reached only by the mouse) fails the test.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  launchBrowser,
  pickItemByKeyboard,
  type RunningServer,
  signedIn,
  startServer,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const LI_ID = '110115194803120019';

const focusedTestId = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return (
      el?.getAttribute('data-testid') ??
      el?.closest('[data-testid]')?.getAttribute('data-testid') ??
      ''
    );
  });

/** Presses Tab until the element with this test id (or inside it) has the focus. */
async function tabTo(page: Page, testId: string, max = 60) {
  for (let i = 0; i < max; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId} (last: ${await focusedTestId(page)})`);
}

describe('keyboard only: login, intake and tracking', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let caseNumber = '';
  let trackingCode = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in with Tab, typing and Enter', async () => {
    await page.goto(server.baseUrl);
    await page.getByTestId('login-username').waitFor();
    await tabTo(page, 'login-username');
    await page.keyboard.type('clerk');
    await tabTo(page, 'login-password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await signedIn(page).waitFor();
  });

  it('opens the workbench from the navigation and files a case', async () => {
    await tabTo(page, 'nav-workbench');
    await page.keyboard.press('Enter');
    // The workbench puts the focus in the ID box (a card reader types there).
    await poll(() => focusedTestId(page)).toBe('resident-lookup-input');
    await page.keyboard.type(LI_ID);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('李长福');
    await pickItemByKeyboard(page, 'sbk', 'DX-SB-001');
    await page.getByTestId('wb-material-id_card').waitFor();
    for (const material of ['wb-material-id_card', 'wb-material-photo_1inch']) {
      await tabTo(page, material);
      await page.keyboard.press('Space');
      await poll(() => page.getByTestId(material).isChecked()).toBe(true);
    }
    await tabTo(page, 'wb-file');
    await page.keyboard.press('Enter');
    const number = page.getByTestId('receipt-number');
    await poll(() => number.innerText()).toMatch(/^\d{9}-\d{8}-\d{7}$/);
    caseNumber = await number.innerText();
    trackingCode = (await page.getByTestId('receipt-tracking-code').innerText()).replace(/\D/g, '');
    expect(trackingCode).toMatch(/^\d{8}$/);
  });

  it('tracks the case on the track page', async () => {
    await page.goto(`${server.baseUrl}/track`);
    await page.locator('main h1').waitFor();
    await tabTo(page, 'track-number');
    await page.keyboard.type(caseNumber);
    await tabTo(page, 'track-code');
    await page.keyboard.type(trackingCode);
    await page.keyboard.press('Enter');
    await page.getByTestId('track-result').waitFor();
    expect(await page.getByTestId('track-state').innerText()).not.toBe('');
  });
});
