/**
 * Browser journey for 首问负责 (GS-4): the 伊庄村 clerk logs a walk-in inquiry that no case follows,
 * hands it to the town centre with a reason; the town officer accepts it from “转给我的” and closes
 * it; the clerk — its first responder for good — finds the closing in the notification bell.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { checkPager, pageOneByOne } from '../helpers/e2e-pager.ts';
import {
  launchBrowser,
  signedIn,
  startServer,
  type RunningServer,
  showPasswordForm,
} from '../helpers/e2e.ts';

/** Waits for the page to catch up; generous, as CI machines run several browsers at once. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const SHOTS = 'test-results';
const QUESTION = '女儿在外地工作，老人的高龄津贴能否由女儿代为申请？';
const ANSWER = '可以，需带老人身份证和户口簿，并签授权委托书；具体审核请镇中心确认。';
const REASON = '涉及代办授权的审核口径，请镇中心答复';
const TOWN_OFFICER = '魏善庄镇中心人员（演示）';

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

describe('首问负责: an inquiry logged, handed off, accepted, closed, and the first responder told', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser({ motion: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the clerk logs a walk-in inquiry with who asked, the question and the answer given', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'clerk');
    await page.getByTestId('nav-inquiries').click();
    await page.getByTestId('inquiry-caller').fill('一位老人，由朋友陪同');
    await page.getByTestId('inquiry-question').fill(QUESTION);
    await page.getByTestId('inquiry-answer').fill(ANSWER);
    await page.getByTestId('inquiry-submit').click();
    const row = page.getByTestId('inquiry-row').filter({ hasText: QUESTION });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('open');
    expect(await row.innerText()).toContain('伊庄村专管员');
  });

  it('hands it to the town centre with a reason', async () => {
    const row = page.getByTestId('inquiry-row').filter({ hasText: QUESTION });
    await row.getByTestId('handoff-button').click();
    const receiver = page.getByTestId('handoff-receiver');
    await receiver.click();
    // Type the colleague's whole name into the select's own search box (not wherever the focus
    // happens to be while the dialog animates in), wait until the colleagues have arrived and the
    // name is the only option left, then choose it with Enter: a mouse click on the option could
    // land while the dropdown was still animating or re-rendering as the list arrived (seen once
    // in two clean runs, and again on a loaded machine), and the choice was lost.
    const search = receiver.locator('input');
    await search.fill(TOWN_OFFICER);
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await poll(() => options.allInnerTexts()).toEqual([expect.stringContaining(TOWN_OFFICER)]);
    await search.press('Enter');
    await poll(() => receiver.innerText()).toContain(TOWN_OFFICER);
    await page.getByTestId('handoff-reason').fill(REASON);
    await page.screenshot({ path: `${SHOTS}/first-response-1-handoff.png`, fullPage: true });
    await page.getByTestId('handoff-submit').click();
    await page.getByTestId('handoff-reason').waitFor({ state: 'detached' });

    await page.getByTestId('nav-handoffs').click();
    await page.getByRole('tab', { name: '我转出的' }).click();
    const outgoing = page.getByTestId('handoffs-outgoing');
    await poll(() => outgoing.innerText()).toContain(REASON);
    expect(await outgoing.innerText()).toContain(TOWN_OFFICER);
    await logout(page);
  });

  it('the town officer accepts it from their incoming hand-offs and closes the inquiry', async () => {
    await login(page, 'town');
    await page.getByTestId('nav-handoffs').click();
    const incoming = page.getByTestId('handoffs-incoming');
    const pending = incoming.locator('tr', { hasText: REASON });
    await pending.getByTestId('handoff-accept').click();
    await poll(() => pending.innerText()).toContain('已接收');

    await page.getByTestId('nav-inquiries').click();
    const row = page.getByTestId('inquiry-row').filter({ hasText: QUESTION });
    await row.waitFor();
    await row.getByTestId('inquiry-close').click();
    await page.getByTestId('inquiry-close-note').fill('已电话告知老人女儿代办所需材料');
    // The confirm zooms in (this journey keeps motion on): a click that lands while it is still
    // appearing can be lost, and the inquiry then stays open (seen in a fresh-clone run). Click OK
    // once the dialog has settled, and see the dialog go.
    const confirm = page.locator('.ant-modal-confirm');
    await expect
      .poll(() => confirm.getAttribute('class'), { timeout: 10_000 })
      .not.toMatch(/-(enter|appear)/);
    await confirm.getByRole('button', { name: /确\s*定|OK/ }).click();
    await confirm.waitFor({ state: 'detached' });
    await poll(() => row.getAttribute('data-status')).toBe('closed');
    await logout(page);
  });

  it('the clerk, still its first responder, is notified that it was closed', async () => {
    await login(page, 'clerk');
    const bell = page.getByTestId('notification-bell');
    await poll(() => bell.getAttribute('aria-label')).toMatch(/1/);
    await bell.click();
    const panel = page.getByTestId('notification-panel');
    await poll(() => panel.innerText()).toContain('咨询已办结');
    expect(await panel.innerText()).toContain(QUESTION.slice(0, 8));
    await page.screenshot({ path: `${SHOTS}/first-response-2-notified.png`, fullPage: true });
  });

  it('the bell pages by keyset; its count is the unread total, not one page', async () => {
    // The clerk hands a second matter to the town officer (one request: inquiry and hand-off), so
    // the town officer has two hand-off notifications.
    const origin = server.baseUrl;
    await page.keyboard.press('Escape');
    await logout(page);
    await login(page, 'town');
    const request = page.context().request;
    const town = (await (await request.get(`${origin}/api/v1/auth/me`)).json()) as { id: string };
    await logout(page);
    await login(page, 'clerk');
    const handed = await page.context().request.post(`${origin}/api/v1/inquiries/handed-on`, {
      headers: { 'Idempotency-Key': randomUUID() },
      data: {
        inquiry: {
          channel: 'phone',
          callerDescription: '一位老人的儿子',
          question: '老人的医保卡能否邮寄？',
          answer: '请镇中心答复邮寄办法',
        },
        handoff: { toAccountId: town.id, reason: '邮寄办法请镇中心答复' },
      },
    });
    expect(handed.status()).toBe(201);
    await logout(page);

    await login(page, 'town');
    await pageOneByOne(page, '/notifications');
    const bell = page.getByTestId('notification-bell');
    await poll(() => bell.getAttribute('aria-label')).toMatch(/[1-9]/);
    await bell.click();
    const panel = page.getByTestId('notification-panel');
    await poll(() => panel.locator('li').count()).toBe(1);
    await checkPager(page, 'notification-pager', 2);
    await page.unrouteAll();
    // Escape closes the panel and gives the focus back to the bell.
    await page.keyboard.press('Escape');
    await poll(() => panel.count()).toBe(0);
    expect(await bell.evaluate((el) => el === document.activeElement)).toBe(true);
    await logout(page);
  });

  it('on a phone, in elderly mode and in English, the bell opens its panel in the menu, inside the screen', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.goto(server.baseUrl);
      await login(phone, 'town');
      await phone.getByTestId('header-menu').click();
      await phone.getByTestId('elderly-switch').check();
      await phone.getByTestId('lang-switch').click();
      const bell = phone.getByTestId('notification-bell');
      await poll(() => bell.getAttribute('aria-label')).toMatch(/unread/);
      await bell.click();
      const panel = phone.getByTestId('notification-panel');
      await poll(() => panel.innerText()).toMatch(/Hand-off to accept/);
      expect(await bell.getAttribute('aria-expanded')).toBe('true');
      const box = (await panel.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: `${SHOTS}/first-response-3-phone-elderly-en.png` });
      // A press outside the panel (on the menu's title) closes it; the menu stays.
      await phone.locator('.app-header-drawer .ant-drawer-title').click();
      await poll(() => panel.count()).toBe(0);
      expect(await bell.getAttribute('aria-expanded')).toBe('false');
    } finally {
      await phone.close();
    }
  });
});
