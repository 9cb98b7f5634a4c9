/**
 * Browser journey CP-1 (issue #13): the 黄河社区 organiser keeps the community's 小区 list on a
 * phone (adds one, renames it); a class takes grades 1–3 of that 小区 only. The demo guardian, on
 * a 390-px phone, registers two children with their grade and 小区 from the pickers: the second
 * grader enrols, the fifth grader is refused in plain words with a way to correct the grade, and
 * after the correction enrols too. My enrolments says "loading" for a class while the program list
 * is pending — never "no longer listed". Screenshots in elderly mode and English.
 */
import fs from 'node:fs';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' } as const;
const HUANGHE = '371602005035'; // 黄河社区 (the demo's community)
const CLASS = '滨河低年级班';
const NEW_NAME = '滨河花园小区';

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!res.ok()) throw new Error(`${res.url()} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
async function passwordLogin(ctx: APIRequestContext, username: string) {
  await json(await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } }));
}

describe('CP-1 grade and 小区 pickers: the organiser’s list, the guardian’s children, eligibility', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let phone: Page;
  const shot = (p: Page, name: string) =>
    p.screenshot({ path: `${SHOTS}/guardian-pickers-${name}.png`, fullPage: true });
  const noOverflow = async (p: Page) =>
    expect(
      await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  const classCard = () => phone.getByTestId('program-class').filter({ hasText: CLASS });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    const options = { ...PHONE, baseURL: server.baseUrl };
    staff = await (await browser.newContext(options)).newPage();
    phone = await (
      await browser.newContext({ ...options, isMobile: true, hasTouch: true })
    ).newPage();
    await passwordLogin(staff.context().request, 'hh-organiser');
    await passwordLogin(phone.context().request, 'hh-guardian');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the organiser adds a 小区 and renames it on the phone', async () => {
    await staff.goto('/programs');
    await staff.getByTestId('programs-neighbourhoods-link').click();
    const list = staff.getByTestId('neighbourhood-list');
    await list.waitFor();
    const before = await list.getByTestId('neighbourhood').count();
    expect(before).toBeGreaterThan(0);
    await staff.getByTestId('neighbourhood-new').fill('  ');
    await staff.getByTestId('neighbourhood-add').click();
    await poll(() => staff.getByTestId('neighbourhood-refusal').innerText()).toContain('请填写');
    await staff.getByTestId('neighbourhood-new').fill('滨河花园');
    await staff.getByTestId('neighbourhood-add').click();
    await poll(() => list.getByTestId('neighbourhood').count()).toBe(before + 1);
    const added = list.locator('[data-name="滨河花园"]');
    await added.getByTestId('neighbourhood-rename').click();
    await staff.getByTestId('neighbourhood-rename-input').fill(NEW_NAME);
    await staff.getByTestId('neighbourhood-rename-save').click();
    await list.locator(`[data-name="${NEW_NAME}"]`).waitFor();
    expect(await list.locator('[data-name="滨河花园"]').count()).toBe(0);
    await noOverflow(staff);
    await shot(staff, '1-organiser-list');
    const saved = await json<{ names: string[] }>(
      await staff.context().request.get('/api/v1/programs/neighbourhoods'),
    );
    expect(saved.names.at(-1)).toBe(NEW_NAME);
    // The class of this journey: grades 1–3 of the new 小区 only, open since an hour ago.
    const opensAt = new Date(Date.now() - 3600_000).toISOString();
    await json(
      await staff.context().request.post('/api/v1/programs', {
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        data: {
          organiserName: '黄河社区妇联',
          title: '滨河花园 暑期课堂',
          kind: 'summer_care',
          venueName: '黄河社区妇女儿童家园',
          regionCode: HUANGHE,
          seasonStartsOn: '2027-07-05',
          seasonEndsOn: '2027-08-13',
          classes: [
            {
              name: CLASS,
              capacity: 10,
              hardMax: 12,
              minGrade: 1,
              maxGrade: 3,
              catchmentNeighbourhoods: [NEW_NAME],
              opensAt,
            },
          ],
        },
      }),
    );
  });

  it('the guardian registers two children with grade and 小区 from the pickers', async () => {
    await phone.goto('/r/children');
    const form = phone.getByTestId('child-form');
    await form.waitFor();
    await poll(() => phone.getByTestId('child-neighbourhood-pick').count()).toBe(1);
    for (const [name, id, grade] of [
      ['赵小禾', buildIdNumber('371602', '20190312', '052'), '2'],
      ['赵小川', buildIdNumber('371602', '20160705', '071'), '5'],
    ] as const) {
      await phone.getByTestId('child-name').fill(name);
      await phone.getByTestId('child-id-number').fill(id);
      await phone.getByTestId('child-relation-grandparent').check();
      await phone.getByTestId('child-grade-pick').selectOption(grade);
      await phone.getByTestId('child-neighbourhood-pick').selectOption(NEW_NAME);
      if (grade === '2') await noOverflow(phone);
      await phone.getByTestId('child-submit').click();
      await poll(() => phone.getByTestId('child-saved').innerText()).toContain(name);
    }
    const card = phone.getByTestId('child').filter({ hasText: '赵小禾' });
    expect(await card.getByTestId('child-grade').innerText()).toBe('小学二年级');
    expect(await card.getByTestId('child-neighbourhood').innerText()).toBe(NEW_NAME);
  });

  it('enrols the second grader; the fifth grader is refused plainly, corrected, then enrolled', async () => {
    await phone.goto('/r/programs');
    await classCard().waitFor();
    const enrolChild = async (name: string) => {
      await classCard().getByTestId('class-enrol').click();
      await classCard().locator('label', { hasText: name }).locator('input').check();
      await classCard().getByTestId('enrol-submit').click();
    };
    await enrolChild('赵小禾');
    const outcome = classCard().getByTestId('enrol-outcome');
    await poll(() => outcome.getAttribute('data-outcome')).toBe('enrolled');
    await enrolChild('赵小川');
    await poll(() => outcome.getAttribute('data-outcome')).toBe('not_eligible');
    expect(await outcome.innerText()).toContain('年级');
    expect(await outcome.innerText()).not.toMatch(/CP_[A-Z_]+/);
    await phone.getByTestId('elderly-switch').check();
    await noOverflow(phone);
    await shot(phone, '2-refused-elderly');
    await phone.getByTestId('elderly-switch').uncheck();

    await classCard().getByTestId('fix-child-details').click();
    const card = phone.getByTestId('child').filter({ hasText: '赵小川' });
    await card.getByTestId('child-details-edit').click();
    await card.getByTestId('child-details-grade').selectOption('3');
    await card.getByTestId('child-details-save').click();
    await poll(() => card.getByTestId('child-grade').innerText()).toBe('小学三年级');
    await phone.goto('/r/programs');
    await classCard().waitFor();
    await enrolChild('赵小川');
    await poll(() => classCard().getByTestId('enrol-outcome').getAttribute('data-outcome')).toBe(
      'enrolled',
    );
  });

  it('my enrolments says "loading" for the class until the program list has come', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await phone.route(/\/api\/v1\/programs\?/, async (route) => {
      await held;
      await route.continue();
    });
    await phone.goto('/r/enrolments');
    const mine = phone.getByTestId('enrolment').filter({ hasText: '赵小川' });
    await mine.waitFor();
    expect(await mine.getByTestId('enrolment-class').innerText()).toContain('正在读取班级');
    expect(await phone.locator('main').innerText()).not.toContain('班级已不在本地区列表中');
    release();
    await poll(() => mine.getByTestId('enrolment-class').innerText()).toContain(CLASS);
    await phone.unroute(/\/api\/v1\/programs\?/);
  });

  it('reads in English with large text: the children page and the organiser’s list', async () => {
    await phone.goto('/r/children');
    await phone.getByTestId('child').first().waitFor();
    if ((await phone.locator('html').getAttribute('lang')) !== 'en')
      await phone.getByTestId('lang-switch').click();
    await phone.getByTestId('elderly-switch').check();
    const card = phone.getByTestId('child').filter({ hasText: '赵小禾' });
    await poll(() => card.getByTestId('child-grade').innerText()).toBe('Primary grade 2');
    await card.getByTestId('child-details-edit').click();
    await noOverflow(phone);
    await shot(phone, '3-children-elderly-en');
    const r = await staff.context().request.patch('/api/v1/auth/preferences', {
      data: { elderlyMode: true, locale: 'en' },
    });
    expect(r.ok()).toBe(true);
    await staff.goto('/programs/neighbourhoods');
    await staff.getByTestId('neighbourhood-list').waitFor();
    await poll(() => staff.locator('main').innerText()).toContain('Rename');
    await noOverflow(staff);
    await shot(staff, '4-organiser-list-elderly-en');
  });
});
