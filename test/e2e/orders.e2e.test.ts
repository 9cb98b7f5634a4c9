/**
 * Browser journey for VS-3/4/5/7: 李长福 orders 助老 help on his phone; the centre accepts it and
 * directs it to the suggested team; the team leader sees it without the contact, accepts, then sees
 * the phone number and marks the service done; 李长福 rates it under "my orders".
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  launchBrowser,
  signedIn,
  startServer,
  type RunningServer,
  showPasswordForm,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const WHAT = '想请志愿者帮忙把冬天的煤搬进屋里';
const PHONE = '13911112222';
const TEAM = '魏善庄镇邻里守望志愿服务队';

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

describe('点单 → 审单 → 派单 → 接单 → 评单 in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const pageFor = async (username: string, width: number) => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(server.baseUrl);
    await login(page, username);
    return page;
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the resident orders from his phone', async () => {
    const page = await pageFor('resident', 390);
    await page.getByTestId('nav-vsOrder').click();
    await page.getByTestId('menu-category').filter({ hasText: '助老助残' }).click();
    await page.getByTestId('order-description').fill(WHAT);
    await page.getByTestId('order-place').fill('三顺庄村 5 号');
    await page.getByTestId('order-phone').fill(PHONE);
    await page.getByTestId('order-submit').click();
    await page.getByText('点单已提交').waitFor();
    await page.screenshot({ path: `${SHOTS}/orders-1-ordered.png`, fullPage: true });
    await page.getByTestId('nav-vsMyOrders').click();
    const card = page.getByTestId('my-need').filter({ hasText: WHAT });
    await card.getByText('待审核').waitFor();
    await page.context().close();
  });

  it('the centre accepts it and directs it to the top-ranked team', async () => {
    const page = await pageFor('vstaff', 1280);
    await page.getByTestId('nav-vsBoard').click();
    await page.getByRole('row').filter({ hasText: WHAT }).getByTestId('need-accept').click();
    await page.getByRole('tab', { name: /服务订单/ }).click();
    await page
      .getByRole('row')
      .filter({ hasText: WHAT.slice(0, 10) })
      .getByTestId('open-order')
      .click();
    const row = page.locator('.ant-drawer').getByRole('row').filter({ hasText: TEAM });
    await row.waitFor();
    await page.screenshot({ path: `${SHOTS}/orders-2-suggestions.png`, fullPage: true });
    await row.getByTestId('direct-team').click();
    await page.locator('.ant-drawer').getByText('已指派').first().waitFor();
    await page.context().close();
  });

  it('the leader sees it without the contact, accepts, then sees the phone and completes it', async () => {
    const page = await pageFor('leader', 390);
    await page.getByTestId('nav-vsInbox').click();
    const card = page.getByTestId('inbox-item').filter({ hasText: WHAT.slice(0, 10) });
    await card.getByTestId('contact-hidden').waitFor();
    expect(await card.innerText()).not.toContain(PHONE);
    await card.getByTestId('inbox-accept').click();
    await page.getByText(/进行中/).click();
    const held = page.getByTestId('inbox-item').filter({ hasText: WHAT.slice(0, 10) });
    await held.getByTestId('contact-visible').waitFor();
    expect(await held.getByTestId('contact-visible').innerText()).toContain(PHONE);
    await page.screenshot({ path: `${SHOTS}/orders-3-accepted.png`, fullPage: true });
    await held.getByTestId('inbox-complete').click();
    await held.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('the resident rates it once', async () => {
    const page = await pageFor('resident', 390);
    await page.getByTestId('nav-vsMyOrders').click();
    const card = page.getByTestId('my-need').filter({ hasText: WHAT });
    await card.getByText('已完成', { exact: true }).waitFor();
    await card.getByTestId('rate-submit').click();
    await card.getByText('★★★★★').waitFor();
    await card.getByTestId('rate-submit').waitFor({ state: 'detached' });
    await page.screenshot({ path: `${SHOTS}/orders-4-rated.png`, fullPage: true });
    await page.context().close();
  });
});
