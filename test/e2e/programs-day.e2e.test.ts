/**
 * Browser journey for the door (issue #13, CP-3) on a phone: the demo's season is next summer, so
 * the app's clock is moved to a Monday of the season (the browser's clock too). The 黄河社区
 * guardian lists a grandmother who may collect their child and a man who must not, and reads
 * today's pickup code; the organiser opens today's class day from the class page, signs the child
 * in; a release to the barred man is refused with the server's reason in red; with the right code
 * and the grandmother it succeeds. Screenshots on the phone, in elderly mode and in English.
 */
import fs from 'node:fs';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';
import { launchBrowser, showPasswordForm, signedIn } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' } as const;
/** Monday 12 July of the demo's season, 09:00 in China (a session day, during the session). */
const seasonMonday = (year: number) => new Date(`${year}-07-12T09:00:00+08:00`);

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const origin = page.url().split('/').slice(0, 3).join('/');
  const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, { data: body });
  expect(r.ok()).toBe(true);
}

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!res.ok()) throw new Error(`${res.url()} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('CP-3 the door on a phone: sign in, a refused release in red, a release to an authorised person', () => {
  let server: ClockedServer;
  let browser: Browser;
  let page: Page;
  let guardian: APIRequestContext;
  let childName = '';
  let code = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    const now = server.clock.now();
    const year = now.getUTCFullYear() + (now.getUTCMonth() >= 8 ? 1 : 0);
    const target = seasonMonday(year);
    if (target.getTime() > now.getTime()) server.clock.advance(target.getTime() - now.getTime());

    // The guardian (hh-guardian, a child in 2班) lists who may and who must not collect the child.
    guardian = await request.newContext({ baseURL: server.baseUrl });
    await json(
      await guardian.post('/api/v1/auth/login', {
        data: { username: 'hh-guardian', password: DEMO_PASSWORD },
      }),
    );
    const [child] = await json<{ id: string; realName: string }[]>(
      await guardian.get('/api/v1/programs/children'),
    );
    if (!child) throw new Error('the demo guardian has no child');
    childName = child.realName;
    const persons = `/api/v1/programs/children/${child.id}/pickup-persons`;
    for (const [kind, name, relation] of [
      ['authorised', '王秀兰', '奶奶'],
      ['blocked', '张强', '父亲（法院禁止接触）'],
    ] as const)
      await json(
        await guardian.post(persons, {
          data: { kind, name, relation },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      );

    browser = await launchBrowser();
    page = await browser.newPage(PHONE);
    // The door's phone shows the same day as the app: its "today" is the China date.
    await page.clock.install({ time: server.clock.now() });
  });
  afterAll(async () => {
    await guardian?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('CP-3 the organiser opens today’s class day from the class page and signs the child in', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'hh-organiser');
    await page.goto(`${server.baseUrl}/programs`);
    await page.getByRole('link', { name: /暑期托管驿站/ }).click();
    await page.getByTestId('class-2班（8–9岁）').getByRole('link').click();
    await page.getByTestId('open-class-day').click();
    await page.getByTestId('class-day').waitFor();
    const row = page.getByTestId(`day-child-${childName}`);
    await row.waitFor({ timeout: 20_000 });
    expect(await page.locator('.day-child').count()).toBe(30);
    expect(await row.innerText()).toContain('待签到');
    // Only the server's actions: an expected child can be signed in or marked absent, not released.
    expect(await row.getByRole('button', { name: /交\s*接/ }).count()).toBe(0);
    await row.getByRole('button', { name: /签\s*到/ }).click();
    await expect.poll(() => row.innerText()).toContain('在园');
    expect(await row.innerText()).toMatch(/09:\d\d 签到/);
    await page.screenshot({ path: `${SHOTS}/programs-day-phone.png`, fullPage: true });

    // The guardian's slip: today's code (as the app reads today).
    const [child] = await json<{ id: string }[]>(await guardian.get('/api/v1/programs/children'));
    const codes = await json<{ code: string }[]>(
      await guardian.get(`/api/v1/programs/children/${child!.id}/pickup-codes`),
    );
    expect(codes).toHaveLength(1);
    code = codes[0]!.code;
  });

  it('CP-3 a release to the barred person is refused, in red; the child stays present', async () => {
    const row = page.getByTestId(`day-child-${childName}`);
    await row.getByRole('button', { name: /交\s*接/ }).click();
    await page.getByTestId('release-code').fill(code);
    await page.getByText('张强').click();
    await page.getByTestId('release-submit').click();
    const refused = page.getByTestId('release-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('未交接');
    const colour = await refused.evaluate((el) => getComputedStyle(el).color);
    expect(colour).toMatch(/rgb\((1[6-9]\d|2\d\d), \d{1,2}, \d{1,2}/); // red text
    await page.screenshot({ path: `${SHOTS}/programs-day-refused-phone.png`, fullPage: true });
    await page.getByRole('button', { name: /取\s*消/ }).click();
    expect(await row.innerText()).toContain('在园');
  });

  it('CP-3 the right code and the grandmother: the child is handed over and the row says to whom', async () => {
    const row = page.getByTestId(`day-child-${childName}`);
    await row.getByRole('button', { name: /交\s*接/ }).click();
    await page.getByTestId('release-code').fill(code);
    await page.getByText('王秀兰').click();
    await page.getByTestId('release-submit').click();
    await expect.poll(() => row.innerText()).toContain('已接走');
    expect(await row.innerText()).toMatch(/由王秀兰（奶奶）接走/);
    expect(await row.getByRole('button').count()).toBe(0);

    await preferences(page, { elderlyMode: true, locale: 'zh-CN' });
    await page.reload();
    await row.waitFor();
    await page.screenshot({ path: `${SHOTS}/programs-day-elderly.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'en' });
    await page.reload();
    await page.getByText('Collected', { exact: true }).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/programs-day-english.png`, fullPage: true });
    await preferences(page, { elderlyMode: false, locale: 'zh-CN' });
  });

  it('CP-4 the day’s roster opens from the class day: nobody rostered yet, the lookup ready', async () => {
    await page.reload(); // back in Chinese (the last step restored the preference)
    await page.getByRole('link', { name: '志愿者排班' }).click();
    await page.getByTestId('class-roster').waitFor();
    await page.getByText('这一天还没有排班。').waitFor();
    // The lookup lists only volunteers of teams in the organiser's area: none by this name.
    await page.locator('#roster-search').fill('没有此人');
    await page.locator('#roster-search').press('Enter');
    await page.getByTestId('roster-none').waitFor();
    expect(await page.getByRole('button', { name: '加入排班' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/programs-roster-phone.png`, fullPage: true });
  });
});
