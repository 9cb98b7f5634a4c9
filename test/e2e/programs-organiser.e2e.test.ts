/**
 * Browser journey for the organiser (issue #13, CP-1/CP-2) on a phone at the door: the 黄河社区
 * organiser logs in, creates a program with a class, sees it; opens the seeded 暑期托管驿站's
 * class with its 30 enrolled children and a waitlist; withdraws a child — and the first waiting
 * family now holds the seat as an offer with its expiry in China time. Screenshots on the phone,
 * in elderly mode and in English.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' } as const;

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const r = await page
    .context()
    .request.patch(`${page.url().split('/').slice(0, 3).join('/')}/api/v1/auth/preferences`, {
      data: body,
    });
  expect(r.ok()).toBe(true);
}

/** Types a China date-time into an antd picker and confirms it. */
async function pick(page: Page, testId: string, value: string) {
  const input = page
    .locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`)
    .first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('CP-1 CP-2 organiser pages: a program, a class list, a withdrawal and the offer it makes', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('CP-1 the organiser sees the home, creates a program with a class and sees it', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'hh-organiser');
    await page.getByTestId('organiser-home').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('organiser-home').innerText()).toContain('1班（6–7岁）');
    await page.screenshot({ path: `${SHOTS}/programs-home-phone.png`, fullPage: true });

    await page.goto(`${server.baseUrl}/programs/new`);
    await page.getByTestId('program-title').fill('黄河社区四点半课堂（秋季）');
    await page.getByTestId('program-organiser').fill('黄河社区妇联');
    await page.getByTestId('program-venue').fill('黄河社区儿童之家');
    await pick(page, 'program-season-start', '2027-09-01');
    await pick(page, 'program-season-end', '2027-12-31');
    await page.getByTestId('class-name-0').fill('作业辅导班');
    await page.screenshot({ path: `${SHOTS}/programs-new-phone.png`, fullPage: true });
    // Enter in the last field confirms the time and submits the form, as in any HTML form.
    await pick(page, 'class-opens-0', '2027-08-25 19:00');
    await page.getByTestId('class-作业辅导班').waitFor({ timeout: 20_000 });
    const card = await page.getByTestId('class-作业辅导班').innerText();
    expect(card).toContain('已报名 0/40（上限 45）');
    expect(card).toContain('2027/8/25 19:00'); // opening time shown in China time
    await page.screenshot({ path: `${SHOTS}/programs-created-phone.png`, fullPage: true });
  });

  it('CP-2 opens the seeded class, withdraws a child; the first waiting family gets the seat as an offer', async () => {
    await page.goto(`${server.baseUrl}/programs`);
    await page.getByRole('link', { name: /暑期托管驿站/ }).click();
    await page.getByTestId('class-1班（6–7岁）').getByRole('link').click();
    await page.locator('.enrolment-row').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.enrolment-row').count()).toBe(30);
    await page.screenshot({ path: `${SHOTS}/programs-class-phone.png`, fullPage: true });

    // The waitlist: priority groups first (a declared group), then time; no offer yet.
    await page.getByText(/^候补 \(/).click();
    await expect.poll(() => page.locator('.enrolment-row').count()).toBe(6);
    const waiting = page.locator('.enrolment-row');
    const first = (await waiting.first().innerText()).split('\n')[0]!.replace(/^1\.\s*/, '');
    expect(await waiting.first().innerText()).toMatch(/双职工|留守儿童/);
    expect(await page.getByText('已为其保留名额').count()).toBe(0);

    await page.getByText(/^已报名 \(/).click();
    const row = page.locator('.enrolment-row').first();
    const child = (await row.locator('.enrolment-name').innerText()).trim();
    await row.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('原因（可选）').fill('家长来电：孩子随父母外出，暑期不参加');
    await page.getByRole('button', { name: '确认退出' }).click();
    await page.getByText(`${child} 已退出`).waitFor();
    await expect.poll(() => page.locator('.enrolment-row').count()).toBe(29);

    await page.getByText(/^候补 \(/).click();
    const offered = page.locator('.enrolment-row', { hasText: '已为其保留名额' });
    await offered.waitFor();
    const text = await offered.innerText();
    expect(text).toContain(first);
    expect(text).toMatch(/名额保留至 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}（北京时间）/);
    expect(await page.locator('.enrolment-row').count()).toBe(6);
    await page.screenshot({ path: `${SHOTS}/programs-offer-phone.png`, fullPage: true });

    await page.getByText(/已结束/).click();
    await expect.poll(() => page.locator('.enrolment-row', { hasText: child }).count()).toBe(1);
  });

  it('the class page in elderly mode and in English', async () => {
    const address = page.url();
    await preferences(page, { elderlyMode: true, locale: 'zh-CN' });
    await page.goto(address);
    await page.locator('.enrolment-row').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SHOTS}/programs-class-elderly.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}/programs-class-elderly-top.png` });

    await preferences(page, { elderlyMode: false, locale: 'en' });
    await page.goto(address);
    await page.getByText(/^Waitlist \(/).click();
    await page.getByText('Seat offered').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('main').innerText()).toMatch(/Seat held until .*\(China time\)/);
    await page.screenshot({ path: `${SHOTS}/programs-class-en.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'zh-CN' });
  });
});
