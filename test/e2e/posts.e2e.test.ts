/**
 * GS-11 browser journey: the 伊庄村 clerk (A of 综合受理岗) records that she is absent today; the
 * town centre hands an inquiry to her post, and it lands with clerk-b (B); with B away too, the
 * supervisor sees the gap on the coverage calendar. Screenshots on a phone, in elderly mode and in
 * English.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';
import { chooseOption, launchBrowser, showPasswordForm, signedIn } from '../helpers/e2e.ts';
import { checkPager, pageOneByOne } from '../helpers/e2e-pager.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = 'test-results';
const REASON = '老人补办社保卡，请岗位跟进';

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
async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const origin = page.url().split('/').slice(0, 3).join('/');
  const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, { data: body });
  expect(r.ok()).toBe(true);
}

describe('GS-11 a clerk on leave: her post’s hand-off lands with B', () => {
  let server: ClockedServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    // Next Monday 10:00 China time: a working day with opening hours left.
    const now = server.clock.now();
    const china = new Date(now.getTime() + 8 * 3_600_000);
    const daysAhead = ((8 - china.getUTCDay()) % 7) + 7;
    const day = new Date(
      Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + daysAhead, 2),
    );
    server.clock.advance(day.getTime() - now.getTime());
    browser = await launchBrowser({ motion: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the clerk records that she is absent today; B now holds her post', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'clerk');
    await page.getByTestId('nav-posts').click();
    const holder = page.getByTestId('holder-综合受理岗');
    await poll(() => holder.getAttribute('data-slot')).toBe('a');
    await chooseOption(page, 'absence-kind', '今日缺勤');
    await page.getByTestId('absence-submit').click();
    await poll(() => holder.getAttribute('data-slot')).toBe('b');
    await page.screenshot({ path: `${SHOTS}/posts-1-absent.png`, fullPage: true });
    await logout(page);
  });

  it('the town centre hands an inquiry to the post; it lands with B', async () => {
    await login(page, 'town');
    await page.getByTestId('nav-inquiries').click();
    await page.getByTestId('inquiry-caller').fill('伊庄村一位老人');
    await page.getByTestId('inquiry-question').fill('社保卡丢了怎么补？');
    await page.getByTestId('inquiry-answer').fill('请到村服务站办理，转岗位跟进');
    await page.getByTestId('inquiry-submit').click();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${SHOTS}/posts-2a-inquiry.png`, fullPage: true });
    const row = page.getByTestId('inquiry-row').filter({ hasText: '社保卡丢了怎么补？' });
    await row.first().waitFor();
    await row.first().getByTestId('handoff-button').click();
    await page.getByTestId('handoff-to-post').click();
    await chooseOption(page, 'handoff-post', '综合受理岗');
    await page.getByTestId('handoff-reason').fill(REASON);
    await page.screenshot({ path: `${SHOTS}/posts-2-handoff.png`, fullPage: true });
    await page.getByTestId('handoff-submit').click();
    await page.getByTestId('handoff-reason').waitFor({ state: 'detached' });
    await logout(page);

    await login(page, 'clerk-b');
    await page.getByTestId('nav-handoffs').click();
    const incoming = page.getByTestId('handoffs-incoming');
    await poll(() => incoming.innerText()).toContain(REASON);
    await logout(page);
  });

  it('with B away too, the supervisor sees the gap on the coverage calendar', async () => {
    await login(page, 'supervisor');
    const origin = server.baseUrl;
    const posts = (await (await page.context().request.get(`${origin}/api/v1/posts`)).json()) as {
      name: string;
      b: { id: string };
    }[];
    const b = posts.find((p) => p.name === '综合受理岗')!.b.id;
    const r = await page.context().request.post(`${origin}/api/v1/posts/absences`, {
      data: { kind: 'absent_today', accountId: b },
    });
    expect(r.status()).toBe(201);
    await page.getByTestId('nav-posts').click();
    const coverage = page.getByTestId('coverage');
    await poll(async () => Number(await coverage.getAttribute('data-gaps'))).toBeGreaterThan(0);
    expect(await page.getByTestId('coverage-gap').first().innerText()).toContain('无人在岗');
    expect(await page.locator('[data-holder="nobody"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/posts-3-coverage.png`, fullPage: true });

    // Issue #16 p5: the absences page by keyset (the clerk's and B's: two, one a page here).
    await pageOneByOne(page, '/posts/absences');
    await page.reload();
    expect(await checkPager(page, 'absences-pager', 2)).toBeGreaterThanOrEqual(2);
    await poll(() => page.getByTestId('absences').getAttribute('data-count')).toBe('1');
    // The posts list shows its total too.
    await poll(() => page.getByTestId('posts-pager-total').textContent()).toMatch(/^共 \d+ 条$/);
    await page.unrouteAll();

    // The audit log pages by keyset too, and keeps its filter across pages.
    await pageOneByOne(page, '/audit/events');
    await page.goto(`${origin}/audit`);
    await checkPager(page, 'audit-pager', 2);
    await chooseOption(page, 'audit-filter-action', '登记请假/缺勤', { search: '请假' });
    await page.getByTestId('audit-filter-apply').click();
    await poll(() => page.getByTestId('audit-pager').textContent()).toMatch(/第 1 页/);
    await checkPager(page, 'audit-pager', 2); // the clerk's absence and B's
    await poll(() => page.getByTestId('audit-table').innerText()).toContain('登记请假/缺勤');
    await page.unrouteAll();
    await page.getByTestId('nav-posts').click();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('coverage-gap').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/posts-4-phone.png`, fullPage: true });
    await preferences(page, { elderlyMode: true, locale: 'zh-CN' });
    await page.reload();
    await page.getByTestId('coverage-gap').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/posts-5-elderly.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'en' });
    await page.reload();
    await page.getByText('AB posts and coverage').waitFor();
    await poll(() => page.getByTestId('coverage-gap').first().innerText()).toContain('nobody');
    await page.screenshot({ path: `${SHOTS}/posts-6-english.png`, fullPage: true });
    // The audit log's pager on a phone, in English and in elderly mode.
    await preferences(page, { elderlyMode: true, locale: 'en' });
    await page.goto(`${origin}/audit`);
    await poll(() => page.getByTestId('audit-pager-total').textContent()).toMatch(/^\d+ in all$/);
    await page.screenshot({ path: `${SHOTS}/posts-7-audit-elderly-english.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'zh-CN' });
  });
});
