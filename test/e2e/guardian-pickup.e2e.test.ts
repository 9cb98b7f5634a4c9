/**
 * Browser journey CP-3 (issue #13) on the light entry: the demo guardian's child is enrolled in a
 * class that meets every day of a season around today (set through the organiser's API), so there
 * is a session today in China. On a phone (390 px, its own clock in another time zone) the guardian
 * logs in by SMS code, authorises a grandparent "today only" (the phone number comes back masked),
 * names one person who must not collect the child, reads today's pickup code in big type with its
 * tag marked, reports the child sick for tomorrow, and sees all of it in English and elderly mode.
 * Screenshots go to test-results/guardian-pickup-*.png.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/modules/demo/demo-accounts.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const TOWN = '110115110000'; // 魏善庄镇
const CHILD_ID = buildIdNumber('110115', '20180312', '012');
const GRANNY_PHONE = '13912345678';
const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** A calendar day in China, `plus` days from now. */
const chinaDay = (plus = 0) =>
  new Date(Date.now() + 8 * 3600_000 + plus * 86_400_000).toISOString().slice(0, 10);

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

async function tokenOf(baseUrl: string, username: string) {
  const { token } = await apiAs(baseUrl, null)<{ token: string }>('POST', '/auth/tokens', {
    username,
    password: DEMO_PASSWORD,
    label: 'e2e guardian-pickup',
  });
  return token;
}

describe('CP-3 a guardian authorises a grandparent for today and reads today’s pickup code', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

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
  /** axe-core's critical and serious findings on the page as it is (the sweep's WCAG tags). */
  const axeFindings = async () => {
    return page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              c: unknown,
              o: unknown,
            ) => Promise<{ violations: { id: string; impact: string }[] }>;
          };
        }
      ).axe;
      const { violations } = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return violations
        .filter((v) => v.impact === 'critical' || v.impact === 'serious')
        .map((v) => v.id);
    });
  };
  const shot = (name: string) =>
    page.screenshot({ path: `${SHOTS}/guardian-pickup-${name}.png`, fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    const base = server.baseUrl;
    const organiser = apiAs(base, await tokenOf(base, 'organiser'));
    const program = await organiser<{ classes: { id: string }[] }>('POST', '/programs', {
      organiserName: '魏善庄镇妇联',
      title: '冬季托管驿站',
      kind: 'summer_care',
      venueName: '伊庄村妇女儿童家园',
      regionCode: TOWN,
      seasonStartsOn: chinaDay(-1),
      seasonEndsOn: chinaDay(30),
      feeFen: 0,
      waiverNote: null,
      classes: [
        {
          name: '一班（6–12 岁）',
          capacity: 10,
          hardMax: 12,
          minAge: 6,
          maxAge: 12,
          catchmentCodes: [TOWN],
          opensAt: new Date(Date.now() - 3600_000).toISOString(),
          offerHours: 24,
        },
      ],
    });
    const classId = program.classes[0]!.id;
    // The class meets every day, so today (whatever weekday it is in China) has a session.
    await organiser('PUT', `/programs/classes/${classId}/day`, {
      dayStarts: '00:00',
      dayEnds: '23:59',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    });
    const guardian = apiAs(base, await tokenOf(base, 'guardian'));
    const child = await guardian<{ id: string }>('POST', '/programs/children', {
      realName: '李小花',
      idNumber: CHILD_ID,
      relation: 'grandparent',
    });
    const enrolled = await guardian<{ status: string }>(
      'POST',
      `/programs/classes/${classId}/enrolments`,
      { childId: child.id },
    );
    expect(enrolled.status).toBe('enrolled');
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'America/Los_Angeles',
    });
    // axe-core on every page (an init script passes the page's CSP; it only reads the page).
    await phone.addInitScript({ content: AXE_SOURCE });
    page = await phone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the home menu leads to the pickup persons after the SMS login', async () => {
    await page.goto(`${server.baseUrl}/r`);
    await page.getByTestId('home-pickup').waitFor();
    await page.getByTestId('home-child').click();
    await page.getByTestId('login-phone').fill(DEMO_PHONES.guardian!);
    await page.getByTestId('login-send').click();
    await poll(codeFromLog).toMatch(/^\d{6}$/);
    await page.getByTestId('login-code').fill(codeFromLog()!);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('person-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/r/child');
    expect(await page.locator('h1').innerText()).toContain('李小花');
  });

  it('authorises the grandmother for today only: the phone comes back masked', async () => {
    const form = page.getByTestId('person-form');
    await form.getByTestId('person-phone').fill('12345');
    await form.getByTestId('person-submit').click();
    await poll(() => form.innerText()).toContain('请填写 11 位手机号');
    await form.getByTestId('person-name').fill('王秀英');
    await form.getByTestId('person-relation').fill('外婆');
    await form.getByTestId('person-phone').fill(GRANNY_PHONE);
    expect(await form.getByTestId('person-validity-today').isChecked()).toBe(true);
    await form.getByTestId('person-submit').click();
    const granny = page.getByTestId('pickup-persons-authorised').getByTestId('pickup-person');
    await poll(() => granny.innerText()).toContain('王秀英');
    const shown = await granny.getByTestId('pickup-person-phone').innerText();
    expect(shown).not.toContain(GRANNY_PHONE);
    expect(shown).toMatch(/\*/);
    expect(await granny.getByTestId('pickup-person-valid').innerText()).toMatch(/^仅 /);
    expect(await page.locator('main').innerText()).not.toContain(GRANNY_PHONE);
  });

  it('names a person who must not collect the child, and revokes them again', async () => {
    const form = page.getByTestId('person-form');
    await form.getByTestId('person-kind-blocked').check();
    expect(await form.getByTestId('person-validity-today').count()).toBe(0);
    await form.getByTestId('person-name').fill('张某');
    await form.getByTestId('person-relation').fill('邻居');
    await form.getByTestId('person-submit').click();
    const blocked = page.getByTestId('pickup-persons-blocked').getByTestId('pickup-person');
    await poll(() => blocked.innerText()).toContain('张某');
    await noOverflow();
    expect(await axeFindings()).toEqual([]);
    await shot('1-persons-zh');
    await blocked.getByTestId('pickup-person-revoke').click();
    await poll(() => blocked.count()).toBe(0);
    // The grandmother stays authorised.
    expect(
      await page.getByTestId('pickup-persons-authorised').getByTestId('pickup-person').count(),
    ).toBe(1);
  });

  it('reports the child sick for tomorrow: the attendance history shows it', async () => {
    const form = page.getByTestId('absence-form');
    await form.getByTestId('absence-day').fill(chinaDay(1));
    await form.getByTestId('absence-kind-sick').check();
    await form.getByTestId('absence-submit').click();
    await page.getByTestId('absence-done').waitFor();
    const day = page.getByTestId('attendance-day').filter({ hasText: '病假' });
    await poll(() => day.getAttribute('data-status')).toBe('absent');
  });

  it('shows today’s pickup code big, its tag marked, in China’s date', async () => {
    await page.getByTestId('child-day-codes').click();
    const code = page.getByTestId('pickup-code');
    await code.waitFor();
    const text = (await code.innerText()).replace(/\s+/g, '');
    expect(text).toMatch(/^[A-Z0-9]{6}$/);
    const tag = await code.getByTestId('pickup-tag').innerText();
    expect(tag).toHaveLength(2);
    expect(text.startsWith(tag)).toBe(true);
    const [, month, dayOfMonth] = chinaDay().split('-').map(Number);
    expect(await page.getByTestId('pickup-slip').innerText()).toContain(
      `${month}月${dayOfMonth}日`,
    );
    const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    await noOverflow();
    expect(await axeFindings()).toEqual([]);
    await shot('2-code-zh');
    await page.getByTestId('elderly-switch').check();
    await poll(() =>
      code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThan(size);
    await noOverflow();
    expect(await axeFindings()).toEqual([]);
    await shot('3-code-elderly');
    // The same code on a second look: one per child, program and day.
    await page.reload();
    await poll(async () =>
      (await page.getByTestId('pickup-code').innerText()).replace(/\s+/g, ''),
    ).toBe(text);
  });

  it('reads in English, with no Chinese left but the data', async () => {
    await page.getByTestId('elderly-switch').uncheck();
    await page.getByTestId('lang-switch').click();
    await poll(() => page.locator('h1').innerText()).toBe('Today’s pickup code');
    expect(await page.locator('main').innerText()).not.toMatch(/接送|今天|前两位/);
    await shot('4-code-en');
    await page.getByTestId('pickup-persons-link').click();
    await poll(() => page.locator('h1').innerText()).toContain('pickup persons & attendance');
    await poll(() => page.locator('main').innerText()).toContain('Only on');
    await poll(() => page.locator('main').innerText()).toContain('Sick');
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/病假|仅 |可以接/);
    await noOverflow();
    await shot('5-child-en');
  });
});
