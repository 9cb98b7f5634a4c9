/**
 * The 黄河社区 journey of issue #13 end to end in Chromium, on phones, time moved through the app's
 * clock: the organiser sets up a program with a class of two places in the form; at the opening
 * two families take the places and the demo guardian (hh-guardian) enrols on the phone and is put
 * on the waitlist; the organiser withdraws a family and the guardian's phone shows the offer, which
 * is accepted; the next morning (the season's first day) the organiser signs the child in at the
 * door, a barred man is refused in red, the grandmother authorised on the phone "today only"
 * collects the child with the code read on the guardian's phone; the organiser finds 刘秀梅 of the
 * 巾帼 team by name for the roster, clocks her in and out, confirms the hours after the session —
 * and 刘秀梅 (hh-volunteer) sees them in her record at /vs/me. Screenshots on the phone, in elderly
 * mode and in English go to test-results/huanghe-*.png.
 */
import fs from 'node:fs';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { startClockedServer, type ClockedServer } from '../helpers/e2e-clocked.ts';
import { launchBrowser, showPasswordForm, signedIn } from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' } as const;
const CLASS = '托管一班';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** China calendar day / clock of an instant. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const chinaMinute = (at: Date) =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!res.ok()) throw new Error(`${res.url()} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const post = (ctx: APIRequestContext, url: string, data: unknown = {}) =>
  ctx.post(url, { data, headers: { 'Idempotency-Key': crypto.randomUUID() } });

async function passwordLogin(ctx: APIRequestContext, username: string) {
  await json(await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } }));
}

async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const r = await page.context().request.patch('/api/v1/auth/preferences', { data: body });
  expect(r.ok()).toBe(true);
}

/** Types a China date (time) into an antd picker and confirms it. */
async function pick(page: Page, testId: string, value: string) {
  const input = page
    .locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`)
    .first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('CP-1…CP-5 the 黄河社区 journey: program, opening, waitlist, offer, door, pickup, hours', () => {
  let server: ClockedServer;
  let browser: Browser;
  let staff: Page; // the organiser's phone
  let phone: Page; // the guardian's phone
  const families: APIRequestContext[] = [];
  let programId = '';
  let classId = '';
  let day = ''; // the season's first day (China)
  let childName = '';
  let withdrawnChild = '';
  let code = '';

  /** Moves the app's clock (and the phones' clocks) to a China time of a day. */
  const moveTo = async (isoChina: string) => {
    const target = new Date(isoChina).getTime();
    server.clock.advance(target - server.clock.now().getTime());
    for (const p of [staff, phone]) await p.clock.setSystemTime(server.clock.now());
  };
  const shot = (p: Page, name: string) =>
    p.screenshot({ path: `${SHOTS}/huanghe-${name}.png`, fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startClockedServer();
    browser = await launchBrowser();
    const options = { ...PHONE, baseURL: server.baseUrl };
    staff = await (await browser.newContext(options)).newPage();
    phone = await (
      await browser.newContext({ ...options, isMobile: true, hasTouch: true })
    ).newPage();
    for (const p of [staff, phone]) await p.clock.install({ time: server.clock.now() });
  });
  afterAll(async () => {
    for (const f of families) await f.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('CP-1 the organiser sets up the program and its class of two places in the form', async () => {
    await staff.goto('/');
    await showPasswordForm(staff);
    await staff.getByTestId('login-username').fill('hh-organiser');
    await staff.getByTestId('login-password').fill(DEMO_PASSWORD);
    await staff.getByTestId('login-submit').click();
    await signedIn(staff).waitFor();

    const now = server.clock.now();
    day = chinaDay(new Date(now.getTime() + 86_400_000));
    const opening = new Date(Math.ceil((now.getTime() + 3600_000) / 60_000) * 60_000);
    await staff.goto('/programs/new');
    await staff.getByTestId('program-title').fill('黄河社区冬季托管驿站');
    await staff.getByTestId('program-organiser').fill('滨城区彭李街道黄河社区妇联');
    await staff.getByTestId('program-venue').fill('黄河社区妇女儿童家园');
    await pick(staff, 'program-season-start', day);
    await pick(staff, 'program-season-end', chinaDay(new Date(now.getTime() + 30 * 86_400_000)));
    await staff.getByTestId('class-name-0').fill(CLASS);
    await staff.getByTestId('class-capacity-0').fill('2');
    await staff.locator('#classes_0_hardMax').fill('2');
    await pick(staff, 'class-opens-0', chinaMinute(opening));
    await staff.getByTestId(`class-${CLASS}`).waitFor({ timeout: 20_000 });
    expect(await staff.getByTestId(`class-${CLASS}`).innerText()).toContain('已报名 0/2');
    await shot(staff, '1-program-phone');
    programId = new URL(staff.url()).pathname.split('/')[2]!;
    const program = await json<{ classes: { id: string; name: string }[] }>(
      await staff.context().request.get(`/api/v1/programs/${programId}`),
    );
    classId = program.classes.find((c) => c.name === CLASS)!.id;
    // The class meets 08:00–12:00 every day of the season (the day settings' API).
    await json(
      await staff.context().request.put(`/api/v1/programs/classes/${classId}/day`, {
        data: { dayStarts: '08:00', dayEnds: '12:00', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      }),
    );
    await moveTo(new Date(opening.getTime() + 60_000).toISOString());
  });

  it('CP-2 at the opening two families take the places; the guardian’s phone is waitlisted', async () => {
    for (const username of ['hh-g001', 'hh-g002']) {
      const ctx = await request.newContext({ baseURL: server.baseUrl });
      families.push(ctx);
      await passwordLogin(ctx, username);
      const [child] = await json<{ id: string; realName: string }[]>(
        await ctx.get('/api/v1/programs/children'),
      );
      const e = await json<{ status: string }>(
        await post(ctx, `/api/v1/programs/classes/${classId}/enrolments`, { childId: child!.id }),
      );
      expect(e.status).toBe('enrolled');
      if (!withdrawnChild) withdrawnChild = child!.realName;
    }
    await passwordLogin(phone.context().request, 'hh-guardian');
    await phone.goto('/r/programs');
    const card = phone.getByTestId('program-class').filter({ hasText: CLASS });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('class-places').getAttribute('data-places')).toBe('full');
    await card.getByTestId('class-enrol').click();
    await card.getByTestId('enrol-child').first().check();
    await card.getByTestId('enrol-submit').click();
    const outcome = card.getByTestId('enrol-outcome');
    await poll(() => outcome.getAttribute('data-outcome')).toBe('waitlisted');
    expect(await outcome.innerText()).toContain('排队号 1');
    await shot(phone, '2-waitlisted-phone');
  });

  it('CP-2 the organiser withdraws a family; the phone sees the offer and accepts it', async () => {
    await staff.goto(`/programs/${programId}/classes/${classId}`);
    const row = staff.locator('.enrolment-row', { hasText: withdrawnChild });
    await row.waitFor({ timeout: 20_000 });
    expect(await staff.locator('.enrolment-row').count()).toBe(2);
    await row.getByRole('button', { name: /退\s*出/ }).click();
    await staff.getByLabel('原因（可选）').fill('家长来电：孩子随父母外出');
    await staff.getByRole('button', { name: '确认退出' }).click();
    await staff.getByText(`${withdrawnChild} 已退出`).waitFor();
    await staff.getByText(/^候补 \(/).click();
    await staff.locator('.enrolment-row', { hasText: '已为其保留名额' }).waitFor();
    await shot(staff, '3-offer-organiser');

    await phone.goto('/r/enrolments');
    const mine = phone.getByTestId('enrolment').filter({ hasText: CLASS });
    await poll(() => mine.getAttribute('data-status')).toBe('offered');
    expect(await mine.getByTestId('enrolment-offer').innerText()).toContain('北京时间');
    await phone.getByTestId('elderly-switch').check();
    await shot(phone, '4-offer-elderly');
    await mine.getByTestId('enrolment-accept_offer').click();
    await poll(() => mine.getAttribute('data-status')).toBe('enrolled');
    await phone.getByTestId('elderly-switch').uncheck();
    const [child] = await json<{ realName: string }[]>(
      await phone.context().request.get('/api/v1/programs/children'),
    );
    childName = child!.realName;
  });

  it('CP-3 next morning: the grandmother is authorised on the phone, the code is read there', async () => {
    await moveTo(`${day}T09:00:00+08:00`);
    // The sessions idle out overnight: both log in again.
    await passwordLogin(phone.context().request, 'hh-guardian');
    await passwordLogin(staff.context().request, 'hh-organiser');
    const [child] = await json<{ id: string }[]>(
      await phone.context().request.get('/api/v1/programs/children'),
    );
    await json(
      await post(phone.context().request, `/api/v1/programs/children/${child!.id}/pickup-persons`, {
        kind: 'blocked',
        name: '张强',
        relation: '父亲（法院禁止接触）',
      }),
    );
    await phone.goto(`/r/child?child=${child!.id}`);
    const form = phone.getByTestId('person-form');
    await form.getByTestId('person-name').fill('王秀兰');
    await form.getByTestId('person-relation').fill('奶奶');
    await form.getByTestId('person-phone').fill('13912345678');
    expect(await form.getByTestId('person-validity-today').isChecked()).toBe(true);
    await form.getByTestId('person-submit').click();
    await poll(() => phone.getByTestId('pickup-persons-authorised').innerText()).toContain(
      '王秀兰',
    );

    await phone.goto('/r/pickup');
    await phone.getByTestId('pickup-code').first().waitFor({ timeout: 20_000 });
    code = (await phone.getByTestId('pickup-code').first().innerText()).replace(/\s+/g, '');
    expect(code).toMatch(/^[A-Z0-9]{4,}$/);
    await shot(phone, '5-code-phone');
  });

  it('CP-3 the door at 09:00: the organiser signs the child in', async () => {
    await staff.goto(`/programs/${programId}/classes/${classId}/day?day=${day}`);
    const row = staff.getByTestId(`day-child-${childName}`);
    await row.waitFor({ timeout: 20_000 });
    expect(await staff.locator('.day-child').count()).toBe(2);
    await row.getByRole('button', { name: /签\s*到/ }).click();
    await poll(() => row.innerText()).toContain('在园');
  });

  it('CP-4 the roster finds 刘秀梅 of the 巾帼 team by name; she checks in', async () => {
    await moveTo(`${day}T09:05:00+08:00`);
    await staff.getByRole('link', { name: '志愿者排班' }).click();
    await staff.locator('#roster-search').fill('刘秀梅');
    await staff.locator('#roster-search').press('Enter');
    const candidate = staff.getByTestId('candidate-刘秀梅');
    await candidate.waitFor({ timeout: 20_000 });
    expect(await candidate.innerText()).toContain('黄河社区巾帼志愿服务队');
    await shot(staff, '5b-roster-lookup-phone');
    await candidate.getByRole('button', { name: '加入排班' }).click();
    const rostered = staff.getByTestId('staff-刘秀梅');
    await rostered.getByRole('button', { name: /到\s*岗/ }).click();
    await poll(() => rostered.innerText()).toMatch(/09:05 到岗/);
    expect(await candidate.innerText()).toContain('已在排班中');
  });

  it('CP-3 pickup: a refused release in red, the grandmother collects with the code', async () => {
    await moveTo(`${day}T11:30:00+08:00`);
    await staff.goto(`/programs/${programId}/classes/${classId}/day?day=${day}`);
    const row = staff.getByTestId(`day-child-${childName}`);
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: /交\s*接/ }).click();
    await staff.getByTestId('release-code').fill(code);
    await staff.getByText('张强').click();
    await staff.getByTestId('release-submit').click();
    const refused = staff.getByTestId('release-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('未交接');
    expect(await refused.evaluate((el) => getComputedStyle(el).color)).toMatch(
      /rgb\((1[6-9]\d|2\d\d), \d{1,2}, \d{1,2}/,
    );
    await shot(staff, '6-refused-phone');
    await staff.getByRole('button', { name: /取\s*消/ }).click();
    expect(await row.innerText()).toContain('在园');

    await row.getByRole('button', { name: /交\s*接/ }).click();
    await staff.getByTestId('release-code').fill(code);
    await staff.getByText('王秀兰').click();
    await staff.getByTestId('release-submit').click();
    await poll(() => row.innerText()).toContain('已接走');
    expect(await row.innerText()).toMatch(/由王秀兰（奶奶）接走/);
    await preferences(staff, { elderlyMode: true, locale: 'zh-CN' });
    await staff.reload();
    await row.waitFor();
    await shot(staff, '7-door-elderly');
    await preferences(staff, { elderlyMode: false, locale: 'zh-CN' });
  });

  it('CP-4 刘秀梅 leaves at 11:35; after the session the organiser confirms 2.5 hours', async () => {
    await moveTo(`${day}T11:35:00+08:00`);
    await staff.goto(`/programs/${programId}/classes/${classId}/roster?day=${day}`);
    const rostered = staff.getByTestId('staff-刘秀梅');
    await rostered.getByRole('button', { name: /离\s*岗/ }).click();
    await poll(() => rostered.innerText()).toMatch(/11:35 离岗/);
    expect(await staff.getByTestId('confirm-hours').count()).toBe(0); // the session runs to 12:00
    await moveTo(`${day}T12:05:00+08:00`);
    await staff.reload();
    await staff.getByTestId('confirm-hours').click();
    await poll(() => rostered.innerText()).toContain('2.5 小时');
    await shot(staff, '8-roster-phone');
    await preferences(staff, { elderlyMode: false, locale: 'en' });
    await staff.reload();
    await poll(() => staff.locator('main').innerText()).toContain('Hours confirmed');
    await shot(staff, '9-roster-en');
    await preferences(staff, { elderlyMode: false, locale: 'zh-CN' });
  });

  it('VS-8 刘秀梅 sees the confirmed hours in her record', async () => {
    const volunteer = await (
      await browser.newContext({ ...PHONE, baseURL: server.baseUrl })
    ).newPage();
    await volunteer.clock.install({ time: server.clock.now() });
    await volunteer.goto('/');
    await showPasswordForm(volunteer);
    await volunteer.getByTestId('login-username').fill('hh-volunteer');
    await volunteer.getByTestId('login-password').fill(DEMO_PASSWORD);
    await volunteer.getByTestId('login-submit').click();
    await signedIn(volunteer).waitFor();
    await volunteer.goto('/vs/me');
    await poll(() => volunteer.getByTestId('rec-total').textContent()).toContain('2.5');
    await shot(volunteer, '10-record-phone');
  });
});
