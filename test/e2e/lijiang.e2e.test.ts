/**
 * Browser journey of GitHub issue #4, the 丽江 story: in 新义社区 three shop owners hit by the
 * epidemic ask for 直播带货 training from their phones; the centre merges the three needs into one
 * order and directs it to 彩虹志愿服务队·蓝队 (技能培训); the 彩虹 leader accepts it and only then
 * sees the shop owners' phones; the leader plans a training activity, the volunteer signs up on her
 * phone and checks in with the code on the leader's screen; the leader checks her out and confirms
 * her hours; the order is completed and every shop owner rates it; the leader issues a certificate
 * whose PDF downloads and whose /verify link shows it valid to anyone.
 *
 * What goes through the UI and what does not:
 * - UI: ordering (×3, phone), merging and directing (board), accepting (inbox), planning the
 *   activity (inbox → activities dialog), signing up (phone), check-in by the 6 digits read off the
 *   lead's screen (phone), the lead's hand check-out and hours confirmation (roster), completing the
 *   order (inbox), rating (×3, phone), issuing the certificate, the PDF link, the verify page.
 * - Not UI, one step: the hours need real elapsed time inside the activity window, and sign-up
 *   closes when the activity starts, so a test that lasts a minute cannot produce hours by waiting.
 *   The server runs in-process on a clock the test moves (test/helpers/e2e-clocked.ts): after the
 *   volunteer has checked in, three hours pass for the app (`clock.advance`); its database is never
 *   edited by the test.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, showPasswordForm, signedIn } from '../helpers/e2e.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';

const SHOTS = 'test-results';
const WAIT = 20_000;
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: WAIT });

const PROJECT = '直播带货技能培训';
const ORDER_TITLE = '新义社区商户直播带货培训';
const TEAM = '彩虹志愿服务队·蓝队';
const VOLUNTEER = '和晓燕';
const SHOP_OWNERS = [
  {
    username: 'lj-resident1',
    name: '和丽华',
    phone: '13988801001',
    what: '疫情后银器店客人少了，想学开直播卖手工银器',
    stars: 5,
    comment: '老师讲得很细，当天就开播了',
  },
  {
    username: 'lj-resident2',
    name: '木春燕',
    phone: '13988801002',
    what: '想学拍短视频、在网上卖鲜花饼',
    stars: 4,
    comment: '很实用，希望再办一期进阶课',
  },
  {
    username: 'lj-resident3',
    name: '杨志刚',
    phone: '13988801003',
    what: '东巴纸工坊想学直播带货和商品上架',
    stars: 5,
    comment: '志愿者很耐心，谢谢彩虹队',
  },
] as const;
const HOUR = 3600_000;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor({ timeout: WAIT });
}

/** "YYYY-MM-DD HH:mm" in Beijing time (the browser contexts run in Asia/Shanghai). */
function beijing(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

describe('丽江 新义社区: 直播带货 training from three shop owners’ orders to a verified certificate', () => {
  let server: ClockedServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let lead: Page;
  let activityId = '';
  let certificateNumber = '';
  let hours = 0;
  const shopOwners = new Map<string, Page>();

  const pageFor = async (username: string, device: typeof PHONE | typeof DESKTOP) => {
    const ctx = await browser.newContext({
      ...device,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(WAIT);
    await page.goto(server.baseUrl);
    await login(page, username);
    return page;
  };
  const shot = async (page: Page, name: string) => {
    // From the top, or the sticky header lands mid-page in a full-page screenshot.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/lijiang-${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('1. three shop owners order the 直播带货 training on their phones', async () => {
    for (const [i, s] of SHOP_OWNERS.entries()) {
      const page = await pageFor(s.username, PHONE);
      await page.getByTestId('nav-vsOrder').click();
      await page.getByTestId('menu-project').filter({ hasText: PROJECT }).click();
      await page.getByTestId('order-description').fill(s.what);
      await page.getByTestId('order-place').fill('新义街商铺');
      await page.getByTestId('order-phone').fill(s.phone);
      await page.getByTestId('order-submit').click();
      await page.getByText('点单已提交').waitFor();
      if (i === 0) await shot(page, '1-ordered-phone');
      shopOwners.set(s.username, page); // back in step 5 to rate
    }
  });

  it('2. the centre merges the three needs into one order and directs it to 蓝队', async () => {
    const page = await pageFor('lj-staff', DESKTOP);
    await page.getByTestId('nav-vsBoard').click();
    for (const s of SHOP_OWNERS) {
      const row = page.getByRole('row').filter({ hasText: s.what });
      await row.waitFor();
      // The board shows the contact masked, never the full phone.
      expect(await row.innerText()).not.toContain(s.phone);
      await row.getByRole('checkbox').check();
    }
    await page.getByTestId('merge').click();
    await page.getByTestId('merge-title').fill(ORDER_TITLE);
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    // After merging the board switches to the orders tab.
    const orderRow = page.getByRole('row').filter({ hasText: ORDER_TITLE });
    await orderRow.waitFor();
    await orderRow.getByTestId('open-order').click();
    const drawer = page.locator('.ant-drawer');
    // The three needs are listed with their masked contacts.
    for (const s of SHOP_OWNERS)
      await drawer.getByRole('row').filter({ hasText: s.name }).waitFor();
    expect(await drawer.innerText()).not.toContain(SHOP_OWNERS[0].phone);
    const suggestion = drawer.getByRole('row').filter({ hasText: TEAM });
    await suggestion.waitFor();
    // 蓝队 (技能培训, same community, nothing in hand) is ranked first, above 彩虹 itself.
    const ranked = drawer.locator('.ant-table-tbody').first().getByRole('row');
    expect(await ranked.first().innerText()).toContain(TEAM);
    await shot(page, '2-merged-suggestions');
    await suggestion.getByTestId('direct-team').click();
    await drawer.getByText('已指派').first().waitFor();
    await page.close();
  });

  it('3. the 彩虹 leader sees no contacts before accepting, all three after', async () => {
    lead = await pageFor('lj-leader', DESKTOP);
    await lead.getByTestId('nav-vsInbox').click();
    const card = lead.getByTestId('inbox-item').filter({ hasText: ORDER_TITLE });
    await card.waitFor();
    await poll(() => card.getByTestId('contact-hidden').count()).toBe(3);
    expect(await card.getByTestId('contact-visible').count()).toBe(0);
    const before = await card.innerText();
    for (const s of SHOP_OWNERS) expect(before).not.toContain(s.phone);
    await shot(lead, '3a-inbox-before-accept');

    await card.getByTestId('inbox-accept').click();
    await lead.getByText(/进行中/).click();
    const held = lead.getByTestId('inbox-item').filter({ hasText: ORDER_TITLE });
    await poll(() => held.getByTestId('contact-visible').count()).toBe(3);
    expect(await held.getByTestId('contact-hidden').count()).toBe(0);
    const after = await held.innerText();
    for (const s of SHOP_OWNERS) expect(after).toContain(s.phone);
    await shot(lead, '3b-inbox-accepted');
  });

  it('4a. the leader plans the training activity for the order', async () => {
    const held = lead.getByTestId('inbox-item').filter({ hasText: ORDER_TITLE });
    await held.getByTestId('inbox-new-activity').click();
    const dialog = lead.locator('.ant-modal').filter({ hasText: '新建志愿活动' });
    await dialog.waitFor();
    // Starts in 20 minutes (sign-up closes at the start), three and a half hours long.
    const start = new Date(Math.ceil((Date.now() + 20 * 60_000) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 3.5 * HOUR);
    await dialog.getByLabel('活动名称').fill('直播带货实操培训（第一期）');
    await dialog.getByLabel('地点').fill('新义社区党群服务中心多功能室');
    const [from, to] = [
      dialog.locator('.ant-picker-range input').first(),
      dialog.locator('.ant-picker-range input').nth(1),
    ];
    await from.click();
    await from.fill(beijing(start));
    await from.press('Enter');
    await to.click();
    await to.fill(beijing(end));
    await to.press('Enter');
    await poll(() => to.inputValue()).toBe(beijing(end));
    await dialog.getByLabel('名额').fill('5');
    await shot(lead, '4a-new-activity');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await lead.waitForURL(/\/vs\/activities\/[0-9a-f-]{36}$/);
    activityId = lead.url().split('/').pop()!;
    await lead.getByTestId('code-digits').waitFor();
    expect(await lead.getByText(TEAM).count()).toBeGreaterThan(0);
  });

  it('4b. the volunteer signs up on her phone and checks in with the code on the leader’s screen', async () => {
    const phone = await pageFor('lj-volunteer', PHONE);
    await phone.goto(`${server.baseUrl}/vs/activities`);
    const card = phone.getByTestId(`activity-${activityId}`);
    await card.getByRole('button', { name: '我要报名' }).click();
    await card.getByText('已确认参加').waitFor();
    await shot(phone, '4b-signed-up-phone');

    await card.getByRole('link', { name: /直播带货实操培训/ }).click();
    await phone.getByRole('button', { name: '签到 / 签退' }).click();
    await phone.waitForURL(/\/vs\/check-in\//);
    // The code turns over every 30 s: read the freshest digits from the lead's screen and retry
    // once if it changed between reading and submitting.
    for (let attempt = 0; ; attempt += 1) {
      const code = (await lead.getByTestId('code-digits').innerText()).trim();
      expect(code).toMatch(/^\d{6}$/);
      await phone.locator('#checkin-code').fill(code);
      await phone.getByTestId('checkin-submit').click();
      // Whichever shows first; the other waiter is settled too (no stray rejection).
      const outcome = await Promise.race([
        phone
          .getByText('签到成功')
          .waitFor()
          .then(
            () => 'ok' as const,
            () => 'timeout' as const,
          ),
        phone
          .locator('.ant-alert-error')
          .waitFor()
          .then(
            () => 'error' as const,
            () => 'timeout' as const,
          ),
      ]);
      if (outcome === 'timeout') throw new Error('neither checked in nor refused');
      if (outcome === 'ok') break;
      if (attempt >= 2) throw new Error(await phone.locator('.ant-alert-error').innerText());
      await poll(async () => (await lead.getByTestId('code-digits').innerText()).trim()).not.toBe(
        code,
      );
    }
    await shot(phone, '4c-checked-in-phone');
    await phone.close();
  });

  it('4c. three hours later the leader checks her out and confirms the hours', async () => {
    // Three hours of training pass for the app (see the header).
    server.clock.advance(3 * HOUR);

    await lead.reload();
    const row = lead.getByRole('row').filter({ hasText: VOLUNTEER });
    await row.getByText('已签到').waitFor();
    await row.getByRole('button', { name: '代为签退' }).click();
    await row.getByText('待确认时长').waitFor();
    await row.getByRole('button', { name: '确认时长' }).click();
    await row.getByText('时长已确认').waitFor();
    hours = Number(/(\d+(?:\.\d)?) 小时/.exec(await row.innerText())?.[1] ?? '0');
    expect(hours).toBeGreaterThan(0);
    await shot(lead, '4d-hours-confirmed');
  });

  it('5. the leader completes the order and every shop owner rates it', async () => {
    await lead.getByTestId('nav-vsInbox').click();
    await lead.getByText(/进行中/).click();
    const held = lead.getByTestId('inbox-item').filter({ hasText: ORDER_TITLE });
    await held.getByTestId('inbox-complete').click();
    await held.waitFor({ state: 'detached' });

    for (const [i, s] of SHOP_OWNERS.entries()) {
      const page = shopOwners.get(s.username)!; // still logged in from step 1
      await page.getByTestId('nav-vsMyOrders').click();
      const card = page.getByTestId('my-need').filter({ hasText: s.what });
      await card.getByText('已完成', { exact: true }).waitFor();
      expect(await card.innerText()).toContain(ORDER_TITLE);
      await card
        .locator('.ant-rate-star')
        .nth(s.stars - 1)
        .click();
      await card.getByPlaceholder(/./).fill(s.comment);
      await card.getByTestId('rate-submit').click();
      await card.getByText('★'.repeat(s.stars), { exact: true }).waitFor();
      await card.getByTestId('rate-submit').waitFor({ state: 'detached' });
      if (i === 1) await shot(page, '5-rated-phone');
    }
  });

  it('6. the leader issues her certificate; the PDF downloads and /verify says valid', async () => {
    await lead.goto(`${server.baseUrl}/vs/certificates`);
    const candidate = lead.getByRole('row').filter({ hasText: VOLUNTEER });
    await candidate.getByTestId('cert-preview').click();
    await lead.getByText('服务时长合计').waitFor();
    await shot(lead, '6a-certificate-preview');
    await Promise.all([
      lead
        .context()
        .waitForEvent('page')
        .then((p) => p.close()), // the PDF opens in a tab
      lead.locator('#cert-issue').click(),
    ]);
    const issued = lead
      .getByRole('row')
      .filter({ hasText: VOLUNTEER })
      .filter({
        has: lead.locator('.rec-number'),
      });
    await issued.waitFor();
    certificateNumber = ((await issued.locator('.rec-number').innerText()) ?? '').trim();
    expect(certificateNumber).toMatch(/^ZM\d{4}-/);

    const href = await issued.getByRole('link', { name: /PDF/ }).getAttribute('href');
    const pdf = await lead.request.get(new URL(href!, server.baseUrl).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await shot(lead, '6b-certificate-issued');

    const stranger = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    contexts.push(stranger);
    const pub = await stranger.newPage();
    await pub.goto(`${server.baseUrl}/verify/${certificateNumber}`);
    await poll(() => pub.getByTestId('verify-status').textContent()).toContain('证明有效');
    const result = (await pub.getByTestId('verify-result').textContent()) ?? '';
    expect(result).toContain(VOLUNTEER.slice(0, 1));
    expect(result).toContain(`${hours} 小时`);
    const overflow = await pub.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(pub, '6c-verify-phone');
  });
});
