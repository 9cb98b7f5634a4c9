/**
 * Browser journey CP-2 (issue #13, point 6) on the light entry: a grandparent's phone (390 px, its
 * clock in another time zone) logs in by SMS code as the demo guardian, registers a grandchild
 * (the ID number comes back masked), finds the summer class of its town already taken by a second
 * family, is told plainly that the toddlers' class does not fit the child's age, joins the waiting
 * list (queue number 1: the family with the seat does not wait) — then the second family withdraws (through the API), the seat is offered to
 * the phone with its expiry in China time, and the guardian accepts it with the one button the
 * view offers. Screenshots (phone, elderly mode, English) go to test-results/.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/modules/demo/demo-accounts.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';
import { pageOneByOne } from '../helpers/e2e-pager.ts';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const TOWN = '110115110000'; // 魏善庄镇
const YIZHUANG = '110115110207'; // 伊庄村
const GRANDCHILD_ID = buildIdNumber('110115', '20180312', '012');
const OTHER_CHILD_ID = buildIdNumber('110115', '20170705', '024');
const SECOND_GRANDCHILD_ID = buildIdNumber('110115', '20190420', '036');

/** The API as someone with a Bearer token (the scene, not what is tested). */
function apiAs(baseUrl: string, token: string | null) {
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

async function tokenOf(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const { token } = await apiAs(baseUrl, null)<{ token: string }>('POST', '/auth/tokens', {
    username,
    password,
    label: 'e2e guardian-light',
  });
  return token;
}

/** Opens a class to enrol since an hour ago: capacity 1 for ages 6–12, and one for ages 3–5. */
function summerProgram() {
  const opensAt = new Date(Date.now() - 3600_000).toISOString();
  const klass = { catchmentCodes: [TOWN], opensAt, offerHours: 24 };
  return {
    organiserName: '魏善庄镇妇联',
    title: '2026 暑期托管驿站',
    kind: 'summer_care',
    venueName: '伊庄村妇女儿童家园',
    regionCode: TOWN,
    seasonStartsOn: '2027-07-05',
    seasonEndsOn: '2027-08-13',
    feeFen: 0,
    waiverNote: null,
    classes: [
      { ...klass, name: '一班（6–12 岁）', capacity: 1, hardMax: 2, minAge: 6, maxAge: 12 },
      { ...klass, name: '幼儿班（3–5 岁）', capacity: 10, hardMax: 12, minAge: 3, maxAge: 5 },
    ],
  };
}

describe('CP-2 a guardian enrols on the phone and accepts an offered place', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let otherFamily: ReturnType<typeof apiAs>;
  let otherEnrolment = '';
  const enrolPosts: { key: string | undefined; body: string | null }[] = [];

  const codeFromLog = () => {
    const lines = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"template":"login_code"'));
    return /"code":"(\d{6})"/.exec(lines.at(-1) ?? '')?.[1] ?? null;
  };
  const noOverflow = async () =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  const shot = (name: string) =>
    page.screenshot({ path: `${SHOTS}/guardian-light-${name}.png`, fullPage: true });
  const enrolCard = () => page.getByTestId('program-class').filter({ hasText: '一班' });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    const base = server.baseUrl;
    // The organiser opens the program; a second family of 伊庄村 takes the one seat of 一班.
    await apiAs(base, await tokenOf(base, 'organiser'))('POST', '/programs', summerProgram());
    await apiAs(base, await tokenOf(base, 'admin'))('POST', '/accounts', {
      username: 'guardian-wang',
      displayName: '王家长',
      password: DEMO_PASSWORD,
      grants: [{ role: 'guardian', regionCode: YIZHUANG }],
    });
    otherFamily = apiAs(base, await tokenOf(base, 'guardian-wang'));
    const child = await otherFamily<{ id: string }>('POST', '/programs/children', {
      realName: '王小雨',
      idNumber: OTHER_CHILD_ID,
      relation: 'mother',
    });
    const [program] = await otherFamily<{ classes: { id: string; name: string }[] }[]>(
      'GET',
      '/programs',
    );
    const first = program!.classes.find((c) => c.name.startsWith('一班'))!;
    const taken = await otherFamily<{ id: string; status: string }>(
      'POST',
      `/programs/classes/${first.id}/enrolments`,
      { childId: child.id },
    );
    expect(taken.status).toBe('enrolled');
    otherEnrolment = taken.id;

    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'America/Los_Angeles',
    });
    page = await phone.newPage();
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/classes\/[^/]+\/enrolments$/.test(r.url()))
        enrolPosts.push({ key: r.headers()['idempotency-key'], body: r.postData() });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the home menu offers the guardian’s pages; /r/children asks for the SMS login', async () => {
    await page.goto(`${server.baseUrl}/r`);
    for (const card of ['home-programs', 'home-enrolments', 'home-children'])
      await page.getByTestId(card).waitFor();
    await page.getByTestId('home-children').click();
    await page.getByTestId('login-phone').fill(DEMO_PHONES.guardian!);
    await page.getByTestId('login-send').click();
    await poll(codeFromLog).toMatch(/^\d{6}$/);
    await page.getByTestId('login-code').fill(codeFromLog()!);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('child-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/r/children');
    expect(await page.locator('main').innerText()).toContain('还没有登记孩子');
  });

  it('registers a grandchild: the form checks first, the list shows the ID number masked', async () => {
    await page.getByTestId('child-submit').click();
    await poll(() => page.getByTestId('child-form').innerText()).toContain('请选择您和孩子的关系');
    await page.getByTestId('child-name').fill('李小花');
    await page.getByTestId('child-id-number').fill(GRANDCHILD_ID.toLowerCase());
    await page.getByTestId('child-relation-grandparent').check();
    await noOverflow();
    await shot('1-register-zh');
    await page.getByTestId('child-submit').click();
    await poll(() => page.getByTestId('child-saved').innerText()).toContain('李小花');
    const id = await page.getByTestId('child-id').innerText();
    expect(id).not.toContain(GRANDCHILD_ID.slice(6, 14));
    expect(id).toMatch(/\*/);
    expect(await page.getByTestId('child').innerText()).toContain('2018年3月12日');
  });

  it('browses the programs of its town: 一班 shows no free place, the toddlers’ class refuses by age', async () => {
    await page.getByText('去给孩子报名').click();
    await enrolCard().waitFor();
    expect(new URL(page.url()).pathname).toBe('/r/programs');
    expect(await page.locator('main').innerText()).toContain('伊庄村妇女儿童家园');
    expect(await enrolCard().getByTestId('class-places').getAttribute('data-places')).toBe('full');
    const toddlers = page.getByTestId('program-class').filter({ hasText: '幼儿班' });
    await toddlers.getByTestId('class-enrol').click();
    await toddlers.getByTestId('enrol-child').check();
    await toddlers.getByTestId('enrol-submit').click();
    const refused = toddlers.getByTestId('enrol-outcome');
    await poll(() => refused.getAttribute('data-outcome')).toBe('not_eligible');
    expect(await refused.innerText()).toContain('年龄');
    expect(await refused.innerText()).not.toMatch(/CP_[A-Z_]+/);
  });

  it('enrols in 一班 and is told it is on the waiting list with its queue number', async () => {
    await enrolCard().getByTestId('class-enrol').click();
    await enrolCard().getByTestId('enrol-child').check();
    // A priority group asks for its evidence before anything is sent.
    await enrolCard().getByTestId('enrol-priority-dual_working').check();
    await enrolCard().getByTestId('enrol-submit').click();
    await poll(() => enrolCard().innerText()).toContain('请写明证明材料');
    expect(enrolPosts.length).toBe(1);
    await enrolCard().getByTestId('enrol-evidence-dual_working').fill('父母双方单位在职证明');
    await enrolCard().getByTestId('enrol-submit').click();
    const outcome = enrolCard().getByTestId('enrol-outcome');
    await poll(() => outcome.getAttribute('data-outcome')).toBe('waitlisted');
    // The queue number is the rank on the waitlist: the family with the seat is not in the queue.
    expect(await outcome.innerText()).toContain('排队号 1');
    expect(enrolPosts.length).toBe(2);
    expect(enrolPosts.every((p) => /^[0-9a-f-]{36}$/.test(p.key ?? ''))).toBe(true);
    expect(JSON.parse(enrolPosts[1]!.body ?? '{}')).toMatchObject({
      priorityGroups: [{ group: 'dual_working', evidence: '父母双方单位在职证明' }],
    });
    await noOverflow();
    await shot('2-waitlisted-zh');
    await enrolCard().getByTestId('see-enrolments').click();
    const mine = page.getByTestId('enrolment');
    await poll(() => mine.getAttribute('data-status')).toBe('waitlisted');
    expect(await mine.getByTestId('enrolment-position').innerText()).toContain('排队号 1');
    // The class's name comes from the program list, which may arrive after the enrolment.
    await poll(() => mine.innerText()).toContain('一班');
    // Waiting, the guardian may only withdraw.
    expect(await mine.locator('button').allInnerTexts()).toEqual(['退出报名']);
  });

  it('the second family withdraws: the phone sees the offer with its China-time expiry, and accepts', async () => {
    await otherFamily('POST', `/programs/enrolments/${otherEnrolment}/withdraw`, {});
    // A grandparent reads it in large type.
    await page.getByTestId('elderly-switch').check();
    await page.reload();
    const mine = page.getByTestId('enrolment');
    await poll(() => mine.getAttribute('data-status')).toBe('offered');
    const offer = await mine.getByTestId('enrolment-offer').innerText();
    expect(offer).toContain('北京时间');
    expect(offer).toMatch(/\d{2}:\d{2}/);
    expect(await mine.locator('button').allInnerTexts()).toEqual([
      '接受名额',
      '放弃名额',
      '退出报名',
    ]);
    const box = await mine.getByTestId('enrolment-accept_offer').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(56);
    await noOverflow();
    await shot('3-offer-elderly');
    await mine.getByTestId('enrolment-accept_offer').click();
    await poll(() => page.getByTestId('enrolment-done').innerText()).toContain('已录取');
    await poll(() => mine.getAttribute('data-status')).toBe('enrolled');
    expect(await mine.locator('button').allInnerTexts()).toEqual(['退出报名']);
  });

  it('reads in English, with no Chinese left but the data', async () => {
    await page.getByTestId('elderly-switch').uncheck();
    await page.getByTestId('lang-switch').click();
    await poll(() => page.locator('h1').innerText()).toBe('My enrolments');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Has a place');
    expect(text).not.toMatch(/已录取|报名|候补/);
    await shot('4-enrolled-en');
    await page.goto(`${server.baseUrl}/r/children`);
    await poll(() => page.locator('h1').innerText()).toBe('My children');
    await page.goto(`${server.baseUrl}/r/programs`);
    await poll(() => enrolCard().getByTestId('class-places').innerText()).toBe('Full');
    // The child placed in 一班 cannot be enrolled there again: the form says so.
    await enrolCard().getByTestId('class-enrol').click();
    const child = enrolCard().getByTestId('enrol-child');
    await poll(() => child.isDisabled()).toBe(true);
    expect(await enrolCard().getByTestId('enrol-form').innerText()).toContain(
      'already enrolled in this class',
    );
    await noOverflow();
    await shot('5-programs-en');
  });

  it('reads my enrolments by keyset: the total, and “show more” while there is a next page', async () => {
    // A second grandchild waits for 一班 too (registered and enrolled with the phone's session).
    const request = page.context().request;
    const api = `${server.baseUrl}/api/v1`;
    const key = () => ({ 'Idempotency-Key': randomUUID() });
    const born = await request.post(`${api}/programs/children`, {
      headers: key(),
      data: { realName: '李小草', idNumber: SECOND_GRANDCHILD_ID, relation: 'grandparent' },
    });
    expect(born.status()).toBe(201);
    const [program] = (await (await request.get(`${api}/programs`)).json()) as {
      classes: { id: string; name: string }[];
    }[];
    const first = program!.classes.find((c) => c.name.startsWith('一班'))!;
    const enrolled = await request.post(`${api}/programs/classes/${first.id}/enrolments`, {
      headers: key(),
      data: { childId: ((await born.json()) as { id: string }).id },
    });
    expect(enrolled.status()).toBe(201);

    await pageOneByOne(page, '/programs/enrolments');
    await page.goto(`${server.baseUrl}/r/enrolments`);
    await poll(() => page.getByTestId('enrolments-total').innerText()).toBe('2 in all');
    await poll(() => page.getByTestId('enrolment').count()).toBe(1);
    await noOverflow();
    await shot('6-enrolments-more-en');
    await page.getByTestId('enrolments-more').click();
    await poll(() => page.getByTestId('enrolment').count()).toBe(2);
    await page.getByTestId('enrolments-more').waitFor({ state: 'detached' });
    expect(await page.locator('main').innerText()).toContain('李小草');
    // In large type the total and the button still fit the phone.
    await page.getByTestId('elderly-switch').check();
    await noOverflow();
    await shot('7-enrolments-elderly-en');
    await page.getByTestId('elderly-switch').uncheck();
    await page.unrouteAll();
  });
});
