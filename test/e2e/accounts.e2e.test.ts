/**
 * Issue #15 points 4 and 7, browser journey: the district administrator creates a clerk for 伊庄村
 * with the scope picker, finds the account by name, grants a second role at a station, resets the
 * password (shown once; the clerk signs in with it and must choose her own), disables and enables the account; then issues
 * an Open311 key for 魏善庄镇 (shown once) and revokes it. Screenshots on a phone, in elderly mode
 * and in English.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { AXE_SOURCE, TAGS, type Violation } from './accessibility.shared.ts';
import {
  chooseOption,
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = 'test-results';

async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}
async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const origin = page.url().split('/').slice(0, 3).join('/');
  const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, { data: body });
  expect(r.ok()).toBe(true);
}

/** axe on the page as it stands: the serious and critical violations (elderly: 7:1 contrast too). */
async function seriousViolations(page: Page, elderly: boolean): Promise<string[]> {
  // Evaluated, not a script tag: the app's Content Security Policy refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    async ([tags, enhanced]) => {
      const axe = (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        ...(enhanced ? { rules: { 'color-contrast-enhanced': { enabled: true } } } : {}),
        resultTypes: ['violations'],
      });
      return result.violations;
    },
    [TAGS, elderly] as const,
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('issue #15: an administrator manages accounts and Open311 keys in the web', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let oneTime = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a clerk for 伊庄村 with the scope picker and finds them by name', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'admin');
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-table').waitFor();
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-create-username').fill('yz-wang');
    await page.getByTestId('account-create-name').fill('王小伊');
    await page.getByTestId('account-create-password').fill('yizhuang-clerk-2026!');
    await chooseOption(page, 'account-create-role', '村级专管员');
    await chooseOption(page, 'account-create-region', '伊庄村', { search: 'yzc' });
    await page.getByTestId('account-create-submit').click();
    await page.getByTestId('account-create-form').waitFor({ state: 'hidden' });
    await page.getByTestId('accounts-filter-q').fill('王小伊');
    await page.getByTestId('accounts-filter-apply').click();
    await poll(() => page.getByTestId('account-yz-wang').count()).toBe(1);
    await poll(() => page.locator('[data-testid^="account-"][data-testid$="wang"]').count()).toBe(
      1,
    );
    expect(await page.getByTestId('grant-yz-wang-clerk').innerText()).toContain('伊庄村');
    expect(await seriousViolations(page, false)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/accounts-1-created.png`, fullPage: true });
  });

  it('grants a town-officer role at a station of 魏善庄镇, then revokes it', async () => {
    await page.getByTestId('grant-open-yz-wang').click();
    await chooseOption(page, 'grant-role', '镇级中心人员');
    await chooseOption(page, 'grant-region', '魏善庄镇', { search: '魏善庄' });
    await chooseOption(page, 'grant-station', '魏善庄镇政务服务中心');
    await page.getByTestId('grant-submit').click();
    const added = page.getByTestId('grant-yz-wang-town_officer');
    await added.waitFor();
    await page.screenshot({ path: `${SHOTS}/accounts-2-granted.png`, fullPage: true });
    await added.locator('.ant-tag-close-icon').click();
    await added.waitFor({ state: 'detached' });
  });

  it('resets the password: shown once; the clerk signs in with it and must change it', async () => {
    await page.getByTestId('reset-yz-wang').click();
    await page.getByTestId('reset-confirm').click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    oneTime = (await shown.innerText()).trim();
    expect(oneTime).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await page.screenshot({ path: `${SHOTS}/accounts-3-reset.png`, fullPage: true });
    await page.keyboard.press('Escape');
    const other = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await other.goto(server.baseUrl);
    await showPasswordForm(other);
    await other.getByTestId('login-username').fill('yz-wang');
    await other.getByTestId('login-password').fill(oneTime);
    await other.getByTestId('login-submit').click();
    // A reset sets must-change: the clerk chooses her own password before anything else.
    await other.getByTestId('first-password-page').waitFor();
    await other.close();
  });

  it('disables the account (its login is refused), then enables it', async () => {
    await page.getByTestId('disable-yz-wang').click();
    await page.getByTestId('disable-confirm').click();
    await poll(() => page.getByTestId('status-yz-wang').getAttribute('data-status')).toBe(
      'disabled',
    );
    const r = await page.context().request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username: 'yz-wang', password: oneTime },
    });
    expect(r.status()).toBe(403);
    await page.getByTestId('enable-yz-wang').click();
    await poll(() => page.getByTestId('status-yz-wang').getAttribute('data-status')).toBe('active');
  });

  it('issues an Open311 key for 魏善庄镇 (shown once) and revokes it', async () => {
    await page.getByTestId('nav-open311Keys').click();
    await page.getByTestId('open311-key-form').waitFor();
    await page.getByTestId('key-name').fill('12345 热线');
    await chooseOption(page, 'key-town', '魏善庄镇', { search: '魏善庄' });
    await chooseOption(page, 'key-acting', '伊庄村专管员');
    await page.getByTestId('key-issue').click();
    const key = page.getByTestId('open311-key');
    await key.waitFor();
    const secret = (await key.innerText()).trim();
    expect(secret.length).toBeGreaterThan(20);
    await page.screenshot({ path: `${SHOTS}/open311-keys-1-issued.png`, fullPage: true });
    await page.keyboard.press('Escape');
    await key.waitFor({ state: 'hidden' });
    expect(await seriousViolations(page, false)).toEqual([]);
    expect(await page.getByTestId('open311-keys-table').innerText()).not.toContain(secret);
    await page.getByTestId('key-revoke-12345 热线').click();
    await page.getByTestId('key-revoke-confirm').click();
    await poll(() => page.getByTestId('key-status-12345 热线').getAttribute('data-status')).toBe(
      'revoked',
    );
  });

  it('reads on a phone, in elderly mode and in English', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(server.baseUrl);
    await login(phone, 'admin');
    await phone.goto(`${server.baseUrl}/accounts`);
    await phone.getByTestId('account-yz-wang').waitFor();
    expect(await seriousViolations(phone, false)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/accounts-4-phone.png`, fullPage: true });
    await preferences(phone, { elderlyMode: true, locale: 'zh-CN' });
    await phone.reload();
    await phone.getByTestId('account-yz-wang').waitFor();
    expect(await seriousViolations(phone, true)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/accounts-5-phone-elderly.png`, fullPage: true });
    await phone.goto(`${server.baseUrl}/open311-keys`);
    await phone.getByTestId('key-status-12345 热线').waitFor();
    expect(await seriousViolations(phone, true)).toEqual([]);
    await preferences(phone, { elderlyMode: false, locale: 'en' });
    await phone.goto(`${server.baseUrl}/open311-keys`);
    await phone.getByTestId('open311-key-form').waitFor();
    expect(await phone.locator('h1').innerText()).toBe('Open311 API keys');
    expect(await seriousViolations(phone, false)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/open311-keys-2-phone-en.png`, fullPage: true });
    await phone.goto(`${server.baseUrl}/accounts`);
    await phone.getByTestId('account-yz-wang').waitFor();
    expect(await phone.locator('h1').innerText()).toBe('Accounts and roles');
    await phone.screenshot({ path: `${SHOTS}/accounts-6-phone-en.png`, fullPage: true });
    await preferences(phone, { elderlyMode: false, locale: 'zh-CN' });
    await phone.close();
  });
});
