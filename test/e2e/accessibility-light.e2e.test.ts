/**
 * Accessibility of the light entry (issue #11, point 4): axe-core over every page of its page
 * table (web/src/resident/routes.ts — a new /r/ page is swept without touching this file), on the
 * phone profile (390×844) in four modes: default, elderly mode (长辈模式: text at 7:1, WCAG 1.4.6),
 * English, and elderly English. Each address is opened twice: before login (public pages, and
 * the login form the resident's own pages show first) and logged in as the demo guardian, with a
 * program, a registered child and an offered place in the data so the guardian's pages (CP-2)
 * draw their cards, buttons and alerts; the enrolment form of /r/programs is checked open too.
 * Any critical or serious violation of WCAG 2.0/2.1/2.2 A/AA fails and is printed.
 * (test/e2e/accessibility.e2e.test.ts sweeps the staff app the same way.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { ROUTES } from '../../web/src/resident/routes.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const TOWN = '110115110000';
const YIZHUANG = '110115110207';

interface Mode {
  name: string;
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
}
const MODES: Mode[] = [
  { name: 'phone', elderlyMode: false, locale: 'zh-CN' },
  { name: 'phone-elderly', elderlyMode: true, locale: 'zh-CN' },
  { name: 'phone-en', elderlyMode: false, locale: 'en' },
  { name: 'phone-elderly-en', elderlyMode: true, locale: 'en' },
];

interface Violation {
  id: string;
  impact: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

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
  const anon = apiAs(baseUrl, null);
  const { token } = await anon<{ token: string }>('POST', '/auth/tokens', {
    username,
    password: DEMO_PASSWORD,
    label: 'e2e accessibility-light',
  });
  return apiAs(baseUrl, token);
}

/**
 * The guardian's pages with something on them: a program of two classes; the demo guardian's
 * child offered the seat a second family gave up, and waiting for the other class.
 */
async function guardianScene(baseUrl: string) {
  const opensAt = new Date(Date.now() - 3600_000).toISOString();
  const klass = { catchmentCodes: [TOWN], opensAt, minAge: 6, maxAge: 12 };
  await (
    await tokenOf(baseUrl, 'organiser')
  )('POST', '/programs', {
    organiserName: '魏善庄镇妇联',
    title: '2026 暑期托管驿站',
    kind: 'summer_care',
    venueName: '伊庄村妇女儿童家园',
    regionCode: TOWN,
    seasonStartsOn: '2027-07-05',
    seasonEndsOn: '2027-08-13',
    feeFen: 0,
    waiverNote: '困难家庭免费',
    classes: [
      { ...klass, name: '一班', capacity: 1, hardMax: 2 },
      { ...klass, name: '二班', capacity: 1, hardMax: 2 },
    ],
  });
  await (
    await tokenOf(baseUrl, 'admin')
  )('POST', '/accounts', {
    username: 'guardian-a11y',
    displayName: '王家长',
    password: DEMO_PASSWORD,
    grants: [{ role: 'guardian', regionCode: YIZHUANG }],
  });
  const other = await tokenOf(baseUrl, 'guardian-a11y');
  const mine = await tokenOf(baseUrl, 'guardian');
  const [program] = await mine<{ classes: { id: string }[] }[]>('GET', '/programs');
  const [one, two] = program!.classes;
  const child = (api: typeof mine, name: string, id: string) =>
    api<{ id: string }>('POST', '/programs/children', {
      realName: name,
      idNumber: id,
      relation: 'grandparent',
    });
  const otherChild = await child(other, '王小雨', buildIdNumber('110115', '20170705', '024'));
  const myChild = await child(mine, '李小花', buildIdNumber('110115', '20180312', '012'));
  const enrol = (api: typeof mine, classId: string, childId: string) =>
    api<{ id: string }>('POST', `/programs/classes/${classId}/enrolments`, { childId });
  const taken = await enrol(other, one!.id, otherChild.id);
  await enrol(other, two!.id, otherChild.id);
  await enrol(mine, one!.id, myChild.id);
  await enrol(mine, two!.id, myChild.id);
  await other('POST', `/programs/enrolments/${taken.id}/withdraw`, {});
}

describe('accessibility: axe-core over every page of the light entry, on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  const findings: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    await guardianScene(server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Each page's address: a prefix page also with a sample below it (a certificate number). */
  const addresses = ROUTES.flatMap((r) =>
    r.prefix ? [r.path, `${r.path}/ZM2026000000000000`] : [r.path],
  );

  async function contextFor(mode: Mode): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
      reducedMotion: 'reduce',
    });
    await context.addInitScript(([prefs]) => localStorage.setItem('doorstep.preferences', prefs), [
      JSON.stringify({ elderlyMode: mode.elderlyMode, locale: mode.locale }),
    ] as const);
    await context.addInitScript({ content: AXE_SOURCE });
    return context;
  }

  /** A full load of the address; drawn once it has a heading and no "loading" line is left. */
  async function open(page: Page, address: string) {
    await page.goto(`${server.baseUrl}${address}`);
    await page.locator('main h1').first().waitFor({ timeout: 30_000 });
    await page
      .waitForFunction(() => !document.querySelector('main .r-note[role="status"]'), null, {
        timeout: 5_000,
      })
      .catch(() => undefined);
  }

  async function check(page: Page, label: string, mode: Mode) {
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
      [TAGS, mode.elderlyMode] as const,
    )) as Violation[];
    for (const v of violations) {
      if (v.impact !== 'critical' && v.impact !== 'serious') continue;
      for (const node of v.nodes)
        findings.push(
          `${v.impact} ${v.id} | ${mode.name} ${label} | ${node.target.join(' ')} | ` +
            (node.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim(),
        );
    }
  }

  it('sweeps every page of the page table, with the guardian’s pages among them', () => {
    for (const path of ['/r', '/r/programs', '/r/children', '/r/enrolments', '/track'])
      expect(addresses).toContain(path);
  });

  for (const mode of MODES)
    it(`has no critical or serious violation: ${mode.name}`, { timeout: 300_000 }, async () => {
      const before = findings.length;
      const context = await contextFor(mode);
      const page = await context.newPage();
      for (const address of addresses) {
        await open(page, address);
        await check(page, `anonymous ${address}`, mode);
      }
      const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
        data: { username: 'guardian', password: DEMO_PASSWORD },
      });
      expect(login.ok()).toBe(true);
      for (const address of addresses) {
        await open(page, address);
        await check(page, `guardian ${address}`, mode);
      }
      // The enrolment form open, and the offer with its buttons.
      await open(page, '/r/programs');
      await page.getByTestId('class-enrol').first().click();
      await page.getByTestId('enrol-form').waitFor();
      await page.getByTestId('enrol-priority-left_behind').first().check();
      await page.screenshot({
        path: `${SHOTS}/a11y-light-${mode.name}-enrol-form.png`,
        fullPage: true,
      });
      await check(page, 'guardian /r/programs (form open)', mode);
      await open(page, '/r/enrolments');
      await page.locator('[data-status="offered"]').waitFor();
      await page.screenshot({ path: `${SHOTS}/a11y-light-${mode.name}-enrolments.png` });
      await context.close();
      const mine = findings.slice(before);
      for (const f of mine) console.log(`[axe] ${f}`);
      expect(mine).toEqual([]);
    });
});
