/**
 * Issue #11: on a 390-px phone, a resident logs in with their mobile and the SMS code (the
 * development `log` provider writes the SMS to the server log; the test reads it there) and lands
 * on the home page. Screenshots of the login page in zh, en and elderly mode go to test-results/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PHONES } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, signedIn, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('SMS-code login on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The login code of the newest SMS the log provider wrote. */
  const codeFromLog = () => {
    const lines = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"template":"login_code"'));
    const last = lines.at(-1);
    return last ? (/"code":"(\d{6})"/.exec(last)?.[1] ?? null) : null;
  };

  it('asks for a code, reads it from the server log, logs in and lands on the home page', async () => {
    await page.goto(server.baseUrl);
    await page.getByTestId('sms-phone').waitFor(); // the phone profile opens on the SMS tab
    await page.screenshot({ path: `${SHOTS}/sms-login-zh.png` });
    await page.getByTestId('sms-phone').fill(DEMO_PHONES.resident!);
    await page.getByTestId('sms-send').click();
    await poll(() => page.getByTestId('sms-send').textContent()).toMatch(/秒后重新获取/);
    await poll(codeFromLog).toMatch(/^\d{6}$/);
    await page.getByTestId('sms-code').fill(codeFromLog()!);
    await page.getByTestId('sms-submit').click();
    await signedIn(page).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // The resident's home page offers what residents do most (点单, 我的点单), not a stale
    // "更多服务即将上线" banner (issue #11).
    await page.getByTestId('home-card-order').waitFor();
    await page.getByTestId('home-card-my-orders').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('即将上线');
    await page.screenshot({ path: `${SHOTS}/sms-login-home.png` });
  });

  it('a wrong code says so plainly; the page reads in English and in elderly mode', async () => {
    const other = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en' });
    await other.goto(server.baseUrl);
    await other.getByTestId('sms-phone').waitFor();
    await other.screenshot({ path: `${SHOTS}/sms-login-en.png` });
    await other.close();
    const elderly = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await elderly.goto(server.baseUrl);
    await elderly.evaluate(() =>
      localStorage.setItem(
        'doorstep.preferences',
        JSON.stringify({ elderlyMode: true, locale: 'zh-CN' }),
      ),
    );
    await elderly.reload();
    await elderly.getByTestId('sms-phone').fill(DEMO_PHONES.volunteer!);
    await elderly.getByTestId('sms-send').click();
    await poll(codeFromLog).toBeTruthy();
    await elderly.getByTestId('sms-code').fill('000000');
    await elderly.getByTestId('sms-submit').click();
    await poll(() => elderly.getByTestId('login-error').textContent()).toMatch(/验证码/);
    await elderly.screenshot({ path: `${SHOTS}/sms-login-error.png` });
    await elderly.close();
  });
});
