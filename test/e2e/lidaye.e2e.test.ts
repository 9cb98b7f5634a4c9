/**
 * Browser journey: 李大爷 (李长福, home 三顺庄村) replaces his social security card at the 伊庄村
 * station (GS-3 通办, GS-5, GS-7, GS-9). The clerk finds him by ID card, picks the item by its
 * pinyin initials, ticks his papers and files; routes the case to the town centre; the town officer
 * decides it from the inbox; on his phone 李大爷 tracks it with the case number and the 查询码 on
 * his receipt, and by scanning the receipt's QR link.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  launchBrowser,
  pickItemByKeyboard,
  type RunningServer,
  showPasswordForm,
  signedIn,
  startServer,
} from '../helpers/e2e.ts';

/** Waits for the page to catch up; generous, as CI machines run several browsers at once. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const SHOTS = 'test-results';
const LI_ID = '110115194803120019';
const RESULT_TEXT = '同意补办，新卡约 10 个工作日制成，可到任一服务站领取';

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

async function logout(page: Page) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}

describe('李大爷 replaces his social security card at another village’s station', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let caseNumber = '';
  let trackingCode = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the 伊庄村 clerk finds him by ID card and picks 社保卡补办 by typing "sbk"', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'clerk');
    await page.getByTestId('nav-workbench').click();
    // The card reader types into the focused box and presses Enter.
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'resident-lookup-input',
    );
    await page.keyboard.type(LI_ID);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('李长福');
    expect(await page.getByTestId('wb-applicant').innerText()).toContain('110115********0019');

    // Focus has moved on to the item: type the pinyin initials, wait for the answer, Enter.
    await pickItemByKeyboard(page, 'sbk', 'DX-SB-001');
    await page.getByTestId('wb-material-id_card').waitFor();

    // Only the ID card ticked: the preview lists the missing photo before anything is filed.
    await page.getByTestId('wb-material-id_card').check();
    const preview = page.getByTestId('wb-notice-preview');
    await poll(() => preview.getAttribute('data-complete')).toBe('false');
    expect(await page.getByTestId('notice-missing').innerText()).toContain('照片');

    await page.getByTestId('wb-material-photo_1inch').check();
    await poll(() => preview.getAttribute('data-complete')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/lidaye-1-workbench.png`, fullPage: true });
  });

  it('files the case and shows the receipt: number, 通办, due date, PDFs', async () => {
    await page.getByTestId('wb-file').click();
    const number = page.getByTestId('receipt-number');
    await poll(() => number.innerText()).toMatch(/^\d{9}-\d{8}-\d{7}$/);
    caseNumber = await number.innerText();
    await page.getByTestId('receipt-tongban').waitFor();
    expect(await page.getByTestId('receipt').getAttribute('data-state')).toBe('accepted');
    expect(await page.getByTestId('receipt-due').innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.getByTestId('receipt').innerText()).toContain(`/track?number=${caseNumber}`);
    // the receipt prints the 查询码; tracking needs it with the number.
    trackingCode = (await page.getByTestId('receipt-tracking-code').innerText()).replace(/\D/g, '');
    expect(trackingCode).toMatch(/^\d{8}$/);

    const pdf = page.getByTestId('receipt-pdf');
    expect(await pdf.getAttribute('target')).toBe('_blank');
    const response = await page.request.get(
      new URL((await pdf.getAttribute('href'))!, server.baseUrl).href,
    );
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    await page.screenshot({ path: `${SHOTS}/lidaye-2-receipt.png`, fullPage: true });
  });

  it('routes the case to the town centre and logs out', async () => {
    await page.getByTestId('receipt-open-case').click();
    await page.getByTestId('action-route').click();
    await page.getByTestId('action-confirm').click();
    await poll(() => page.getByTestId('case-state').first().getAttribute('data-state')).toBe(
      'in_progress',
    );
    // The clerk has nothing more to do: no route button any longer.
    expect(await page.getByTestId('action-route').count()).toBe(0);
    await logout(page);
  });

  it('the town officer decides it from the inbox', async () => {
    await login(page, 'town');
    await page.getByTestId('nav-cases').click();
    const row = page.getByTestId(`case-row-${caseNumber}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('110115********0019');
    expect(await row.innerText()).not.toContain(LI_ID);
    expect(await row.getByTestId('case-light').innerText()).toBe('按期办理');
    await page.screenshot({ path: `${SHOTS}/lidaye-3-inbox.png`, fullPage: true });

    await row.click();
    await page.getByTestId('action-decide').click();
    await page.getByTestId('action-result-approved').check();
    await page.getByTestId('action-result-text').fill(RESULT_TEXT);
    await page.getByTestId('action-confirm').click();
    await poll(() => page.getByTestId('case-state').first().getAttribute('data-state')).toBe(
      'decided',
    );
    expect(await page.getByTestId('case-result-text').innerText()).toBe(RESULT_TEXT);
    await logout(page);
  });

  it('李大爷 tracks it on his phone with the case number and the 查询码', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const mobile = await phone.newPage();
    await mobile.goto(`${server.baseUrl}/track`);
    await mobile.getByTestId('track-number').fill(caseNumber.replace('-', ''));
    await poll(() => mobile.getByTestId('track-number').inputValue()).toBe(caseNumber);
    await mobile
      .getByTestId('track-code')
      .fill(`${trackingCode.slice(0, 4)} ${trackingCode.slice(4)}`);
    await mobile.getByTestId('track-submit').click();
    const state = mobile.getByTestId('track-state');
    await poll(() => state.getAttribute('data-state')).toBe('decided');
    expect(await state.innerText()).toContain('准予办理');
    expect(await mobile.getByTestId('track-result').innerText()).toContain('伊庄村政务服务站');
    const overflow = await mobile.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await mobile.screenshot({ path: `${SHOTS}/lidaye-4-track-phone.png`, fullPage: true });

    // A wrong code gets the server's plain refusal, not the case.
    await mobile
      .getByTestId('track-code')
      .fill(trackingCode === '00000000' ? '00000001' : '00000000');
    await mobile.getByTestId('track-submit').click();
    await mobile.getByTestId('track-error').waitFor();
    expect(await mobile.getByTestId('track-result').count()).toBe(0);

    // The receipt's QR link carries both: the case shows without typing anything.
    await mobile.goto(`${server.baseUrl}/track?number=${caseNumber}&code=${trackingCode}`);
    await poll(() => mobile.getByTestId('track-state').getAttribute('data-state')).toBe('decided');
    await phone.close();
  });

  it('never wrote the full ID number to the server log', () => {
    expect(server.output.join('')).not.toContain(LI_ID);
  });
});
