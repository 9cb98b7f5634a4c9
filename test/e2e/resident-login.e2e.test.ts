/**
 * GS-10 browser journey: at the window the 伊庄村 clerk opens 程建国's page (desktop), presses
 * 开通手机登录, enters his mobile and sees the login created (masked number); the form passes an
 * axe sweep (WCAG 2.2 AA, serious and critical), in Chinese and English. Then 程建国 logs in on
 * his phone (390 px) with the SMS code the dev provider wrote to the log. Screenshots go to
 * test-results/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  clickInHeader,
  launchBrowser,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';
import { AXE_SOURCE, TAGS } from './accessibility.shared.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const CHENG = '110115194611230037'; // 程建国, 伊庄村, no login of his own
const MOBILE = '13900007788';

async function axeViolations(page: Page): Promise<string[]> {
  const found = (await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  }, TAGS)) as { id: string; impact: string | null; nodes: { target: unknown }[] }[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe('GS-10 a clerk creates a resident’s phone login; the resident logs in by SMS', () => {
  let server: RunningServer;
  let browser: Browser;
  let desk: Page;
  let residentId = '';

  const codeFromLog = () => {
    const last = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"template":"login_code"'))
      .at(-1);
    return last ? (/"code":"(\d{6})"/.exec(last)?.[1] ?? null) : null;
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    await context.addInitScript({ content: AXE_SOURCE });
    desk = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the clerk creates the login on the resident’s page; the form passes axe', async () => {
    const login = await desk.context().request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username: 'clerk', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const found = await desk.context().request.post(`${server.baseUrl}/api/v1/residents/lookup`, {
      data: { idNumber: CHENG },
    });
    residentId = ((await found.json()) as { id: string }).id;
    await desk.goto(`${server.baseUrl}/residents/${residentId}`);
    await desk.getByTestId('resident-login-open').click();
    await desk.getByTestId('resident-login-phone').fill(MOBILE);
    await poll(() => axeViolations(desk)).toEqual([]); // after the button's colour transition
    await desk.screenshot({ path: `${SHOTS}/resident-login-1-form-zh.png`, fullPage: true });
    await desk.getByTestId('resident-login-submit').click();
    const done = desk.getByTestId('resident-login-done');
    await done.waitFor();
    expect(await done.innerText()).toContain('139****7788');
    await poll(() => axeViolations(desk)).toEqual([]); // after the button's colour transition
    await desk.screenshot({ path: `${SHOTS}/resident-login-2-done-zh.png`, fullPage: true });
  });

  it('then the page shows the linked login, offers no second one, and says why in English', async () => {
    await desk.reload();
    await clickInHeader(desk, 'lang-switch');
    // Issue #15 p4: the record's availableActions now offer unlinking, not a second login.
    await poll(() => desk.getByTestId('resident-account').innerText()).toMatch(/139\*{4}7788/);
    await desk.getByTestId('resident-account-unlink').waitFor();
    expect(await desk.getByTestId('resident-login-open').count()).toBe(0);
    const again = await desk
      .context()
      .request.post(`${server.baseUrl}/api/v1/residents/${residentId}/login`, {
        data: { phone: '13900007789' },
        headers: { 'accept-language': 'en' },
      });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { code: string; title: string }).title).toMatch(
      /already has an online login/,
    );
    await poll(() => axeViolations(desk)).toEqual([]); // after the button's colour transition
    await desk.screenshot({ path: `${SHOTS}/resident-login-3-again-en.png`, fullPage: true });
  });

  it('程建国 logs in on his phone with the SMS code', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await phone.goto(server.baseUrl);
    await phone.getByTestId('sms-phone').fill(MOBILE);
    await phone.getByTestId('sms-send').click();
    await poll(codeFromLog).toMatch(/^\d{6}$/);
    await phone.getByTestId('sms-code').fill(codeFromLog()!);
    await phone.getByTestId('sms-submit').click();
    await signedIn(phone).waitFor();
    const me = await phone.evaluate(async () => {
      const r = await fetch('/api/v1/auth/me');
      return (await r.json()) as { residentId?: string | null; displayName?: string };
    });
    expect(JSON.stringify(me)).toContain('程建国');
    await phone.screenshot({ path: `${SHOTS}/resident-login-4-phone.png` });
    await phone.close();
  });
});
