/**
 * Issue #15 point 4 in Chromium, on a phone: a volunteer registered by staff (no phone, no account)
 * could never earn hours. The administrator opens the person's account on /accounts, picks the
 * volunteer record with the search picker and links it; the person then logs in and
 * `/volunteers/me` shows their record. The centre's registry shows the linked account too.
 * Screenshots in Chinese, in elderly mode and in English; axe on each.
 */
import fs from 'node:fs';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
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
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PERSON = 'lk-zhao';
const PERSON_PASSWORD = 'zhao-links-passphrase-2026';
const VOLUNTEER = '赵关联';

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

async function seriousViolations(page: Page, elderly: boolean): Promise<string[]> {
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

async function apiLogin(request: APIRequestContext, base: string, username: string) {
  const r = await request.post(`${base}/api/v1/auth/login`, {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(r.status()).toBe(200);
}

describe('issue #15: an administrator links an account to a volunteer record', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let volunteerId = '';
  let volunteerNumber = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    // The world: 赵关联 registered by the centre without a phone; an account for the person.
    const staff = await browser.newContext();
    await apiLogin(staff.request, server.baseUrl, 'vstaff');
    const v = await staff.request.post(`${server.baseUrl}/api/v1/volunteers`, {
      data: {
        idNumber: buildIdNumber('110115', '19580808', '817'),
        fullName: VOLUNTEER,
        homeRegionCode: YIZHUANG,
        skills: ['送餐'],
        serviceRegionCodes: [YIZHUANG],
        availability: { weekdays: [2, 4], parts: ['am'] },
      },
    });
    expect(v.status(), await v.text()).toBe(201);
    ({ id: volunteerId, volunteerNumber } = (await v.json()) as {
      id: string;
      volunteerNumber: string;
    });
    await staff.close();
    const adminCtx = await browser.newContext();
    await apiLogin(adminCtx.request, server.baseUrl, 'admin');
    const a = await adminCtx.request.post(`${server.baseUrl}/api/v1/accounts`, {
      data: {
        username: PERSON,
        displayName: '赵关联本人',
        password: PERSON_PASSWORD,
        grants: [{ role: 'resident', regionCode: YIZHUANG }],
      },
    });
    expect(a.status(), await a.text()).toBe(201);
    await adminCtx.close();
    admin = await (await browser.newContext(PHONE)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('before: the person’s /volunteers/me offers claiming or registering, no record', async () => {
    const p = await (await browser.newContext(PHONE)).newPage();
    await p.goto(server.baseUrl);
    await login(p, PERSON, PERSON_PASSWORD);
    await p.goto(`${server.baseUrl}/volunteers/me`);
    await p.getByTestId('vs-claim').waitFor();
    expect(await p.getByTestId('vs-my-card').count()).toBe(0);
    await p.context().close();
  });

  it('the administrator picks the volunteer record on /accounts and links it (phone, Chinese)', async () => {
    await admin.goto(server.baseUrl);
    await login(admin, 'admin');
    await admin.goto(`${server.baseUrl}/accounts`);
    await admin.getByTestId('accounts-filter-q').fill(PERSON);
    await admin.getByTestId('accounts-filter-apply').click();
    await poll(() => admin.getByTestId(`account-${PERSON}`).count()).toBe(1);
    await admin.getByTestId(`links-open-${PERSON}`).click();
    await poll(() => admin.getByTestId('account-links-volunteer').innerText()).toBe('未关联');
    await chooseOption(admin, 'link-volunteer-picker', volunteerNumber, { search: VOLUNTEER });
    await admin.screenshot({ path: `${SHOTS}/account-links-1-pick-zh.png`, fullPage: true });
    await admin.getByTestId('link-volunteer').click();
    await poll(() => admin.getByTestId('account-links-volunteer').innerText()).toContain(
      volunteerNumber,
    );
    // The server's linkActions now offer unlinking the volunteer, no second link.
    await admin.getByTestId('unlink-volunteer').waitFor();
    expect(await admin.getByTestId('link-volunteer-picker').count()).toBe(0);
    expect(await seriousViolations(admin, false)).toEqual([]);
    await admin.screenshot({ path: `${SHOTS}/account-links-2-linked-zh.png`, fullPage: true });
    await admin.keyboard.press('Escape');
    await poll(() => admin.getByTestId(`linked-volunteer-${PERSON}`).innerText()).toContain(
      VOLUNTEER,
    );
  });

  it('in elderly mode the account shows its linked record', async () => {
    await preferences(admin, { elderlyMode: true, locale: 'zh-CN' });
    await admin.reload();
    await admin.getByTestId('accounts-filter-q').fill(PERSON);
    await admin.getByTestId('accounts-filter-apply').click();
    await poll(() => admin.getByTestId(`linked-volunteer-${PERSON}`).count()).toBe(1);
    await admin.getByTestId(`links-open-${PERSON}`).click();
    await admin.getByTestId('unlink-volunteer').waitFor();
    expect(await seriousViolations(admin, true)).toEqual([]);
    await admin.screenshot({ path: `${SHOTS}/account-links-3-elderly.png`, fullPage: true });
    await admin.keyboard.press('Escape');
    await preferences(admin, { elderlyMode: false, locale: 'zh-CN' });
  });

  it('the person logs in and /volunteers/me shows the record (English)', async () => {
    const p = await (await browser.newContext(PHONE)).newPage();
    await p.goto(server.baseUrl);
    await login(p, PERSON, PERSON_PASSWORD);
    await preferences(p, { elderlyMode: false, locale: 'en' });
    await p.goto(`${server.baseUrl}/volunteers/me`);
    const card = p.getByTestId('vs-my-card');
    await card.waitFor();
    expect(await card.innerText()).toContain(volunteerNumber);
    expect(await card.innerText()).toContain(VOLUNTEER);
    expect(await p.locator('h1').innerText()).toMatch(/volunteer/i);
    expect(await seriousViolations(p, false)).toEqual([]);
    await p.screenshot({ path: `${SHOTS}/account-links-4-me-en.png`, fullPage: true });
    await p.context().close();
  });

  it('the centre’s registry shows the linked account of the record (English)', async () => {
    const p = await (await browser.newContext(PHONE)).newPage();
    await p.goto(server.baseUrl);
    await login(p, 'vstaff');
    await preferences(p, { elderlyMode: false, locale: 'en' });
    await p.goto(`${server.baseUrl}/volunteers`);
    await p.getByTestId('vs-registry-search').locator('input').fill(VOLUNTEER);
    await p.getByTestId('vs-registry-search').locator('input').press('Enter');
    const button = p.getByTestId(`vs-account-${volunteerId}`);
    await poll(() => button.innerText()).toBe('Account linked');
    await button.click();
    await poll(() => p.getByTestId('volunteer-account-name').innerText()).toBe('赵关联本人');
    await p.getByTestId('volunteer-account-unlink').waitFor();
    expect(await seriousViolations(p, false)).toEqual([]);
    await p.screenshot({ path: `${SHOTS}/account-links-5-registry-en.png`, fullPage: true });
    await preferences(p, { elderlyMode: false, locale: 'zh-CN' });
    await p.context().close();
  });
});
