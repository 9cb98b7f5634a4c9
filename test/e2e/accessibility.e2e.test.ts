/**
 * Accessibility (issue #11, point 4): axe-core over every page of the app — every address in the
 * route table (web/src/route-paths.ts, the list AppShell builds its routes from, so a new page is
 * checked without touching this file) plus the public pages — in six modes: desktop 1280 and
 * phone 390×844, each in the default look, elderly mode (长辈模式) and English. Any critical or
 * serious violation of WCAG 2.0/2.1/2.2 A/AA fails the test and is printed (rule, target, page,
 * mode). Also measures the phone header: one row, ≤ 56 px (≤ 64 px in elderly mode).
 *
 * Each page is checked as the first demo role that may open it (clerk, town, vstaff, leader,
 * volunteer, resident, admin); every role's home page is checked too. One browser, one context per
 * role and mode.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { APP_PATHS, PUBLIC_PATHS } from '../../web/src/route-paths.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = 'test-results';

interface Mode {
  name: string;
  viewport: { width: number; height: number };
  phone: boolean;
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
}

const MODES: Mode[] = [
  {
    name: 'desktop',
    viewport: { width: 1280, height: 800 },
    phone: false,
    elderlyMode: false,
    locale: 'zh-CN',
  },
  {
    name: 'desktop-elderly',
    viewport: { width: 1280, height: 800 },
    phone: false,
    elderlyMode: true,
    locale: 'zh-CN',
  },
  {
    name: 'desktop-en',
    viewport: { width: 1280, height: 800 },
    phone: false,
    elderlyMode: false,
    locale: 'en',
  },
  {
    name: 'phone',
    viewport: { width: 390, height: 844 },
    phone: true,
    elderlyMode: false,
    locale: 'zh-CN',
  },
  {
    name: 'phone-elderly',
    viewport: { width: 390, height: 844 },
    phone: true,
    elderlyMode: true,
    locale: 'zh-CN',
  },
  {
    name: 'phone-en',
    viewport: { width: 390, height: 844 },
    phone: true,
    elderlyMode: false,
    locale: 'en',
  },
];

/** The demo roles with pages of their own, in the order tried for each page. */
const ROLES = ['clerk', 'town', 'vstaff', 'leader', 'volunteer', 'resident', 'admin'] as const;
type Role = (typeof ROLES)[number];

const LI_ID = '110115194803120019';

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

interface Finding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  detail: string;
  page: string;
  mode: string;
  role: string;
}

async function json<T>(
  context: BrowserContext,
  base: string,
  method: string,
  url: string,
  body?: unknown,
) {
  const response = await context.request.fetch(`${base}${url}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!response.ok())
    throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('accessibility: axe-core over every page in every mode', () => {
  let server: RunningServer;
  let browser: Browser;
  /** The address to visit for each route pattern (sample IDs from the demo data). */
  const samples = new Map<string, string>();
  /** Which role checks each page (the first that may open it), found in the first mode. */
  const owner = new Map<string, Role>();
  const findings: Finding[] = [];
  const headerHeights: string[] = [];
  const tooTall: string[] = [];
  let visits = 0;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loggedIn(role: Role | null, mode: Mode): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: mode.viewport,
      ...(mode.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
      reducedMotion: 'reduce',
    });
    await context.addInitScript(([prefs]) => localStorage.setItem('doorstep.preferences', prefs), [
      JSON.stringify({ elderlyMode: mode.elderlyMode, locale: mode.locale }),
    ] as const);
    await context.addInitScript({ content: AXE_SOURCE });
    if (role) {
      await json(context, server.baseUrl, 'POST', '/api/v1/auth/login', {
        username: role,
        password: DEMO_PASSWORD,
      });
      await json(context, server.baseUrl, 'PATCH', '/api/v1/auth/preferences', {
        elderlyMode: mode.elderlyMode,
        locale: mode.locale,
      });
    }
    return context;
  }

  function resolve(pattern: string): string {
    if (!pattern.includes(':')) return pattern;
    const address = samples.get(pattern);
    if (!address) throw new Error(`no sample address for ${pattern}: add one in the test`);
    return address;
  }

  /**
   * Opens the page and waits for its heading and for its data (no spinner left). The first page
   * of a context is loaded with page.goto; the next ones by the router (pushState + popstate, as
   * a click on a link does), which spares reloading the bundle and axe for each of ~400 visits.
   */
  async function open(page: Page, address: string): Promise<'page' | 'forbidden'> {
    const target = `${server.baseUrl}${address}`;
    const fresh = !page.url().startsWith(server.baseUrl);
    if (fresh) await page.goto(target);
    else
      await page.evaluate((next) => {
        for (const el of document.querySelectorAll('main h1, [data-testid="forbidden"]'))
          el.setAttribute('data-a11y-seen', '');
        window.history.pushState(null, '', next);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, address);
    const heading = page
      .locator('main h1:not([data-a11y-seen]), [data-testid="forbidden"]:not([data-a11y-seen])')
      .first();
    // The same page component under two addresses (/verify, /verify/:number) keeps its heading.
    await heading.waitFor({ timeout: fresh ? 20_000 : 5_000 }).catch(async () => {
      await page.locator('main h1, [data-testid="forbidden"]').first().waitFor({ timeout: 20_000 });
    });
    await page
      .waitForFunction(
        () => !document.querySelector('main .ant-spin-spinning, main .ant-skeleton, .page-spinner'),
        null,
        { timeout: 3_000 },
      )
      .catch(() => undefined);
    visits++;
    return (await page.locator('[data-testid="forbidden"]').count()) > 0 ? 'forbidden' : 'page';
  }

  async function check(page: Page, address: string, mode: Mode, role: string) {
    const violations = (await page.evaluate(async (tags) => {
      const axe = (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations;
    }, TAGS)) as Violation[];
    for (const v of violations) {
      if (v.impact !== 'critical' && v.impact !== 'serious') continue;
      for (const node of v.nodes)
        findings.push({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          target: node.target.join(' '),
          detail: (node.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim(),
          page: address,
          mode: mode.name,
          role,
        });
    }
  }

  it('finds sample IDs in the demo data', async () => {
    const context = await loggedIn('clerk', MODES[0]!);
    const base = server.baseUrl;
    const resident = await json<{ id: string }>(context, base, 'POST', '/api/v1/residents/lookup', {
      idNumber: LI_ID,
    });
    const kase = await json<{ id: string }>(context, base, 'POST', '/api/v1/cases', {
      residentId: resident.id,
      itemCode: 'DX-SB-001',
      presented: ['id_card'],
    });
    await context.close();
    const staff = await loggedIn('vstaff', MODES[0]!);
    const activities = await json<{ id: string }[]>(
      staff,
      base,
      'GET',
      '/api/v1/vs/activities?view=managed&limit=100',
    );
    const certificates = await json<{ number: string }[]>(
      staff,
      base,
      'GET',
      '/api/v1/vs/certificates?limit=5',
    );
    await staff.close();
    const activity = activities[0]?.id;
    expect(activity).toBeTruthy();
    samples.set('/regions/:code', '/regions/110115110');
    samples.set('/residents/:id', `/residents/${resident.id}`);
    samples.set('/cases/:id', `/cases/${kase.id}`);
    samples.set('/vs/activities/:id', `/vs/activities/${activity}`);
    samples.set('/vs/check-in/:id', `/vs/check-in/${activity}`);
    samples.set('/verify/:number', `/verify/${certificates[0]?.number ?? 'ZS-0000-000000'}`);
    samples.set('/catalog/:code', '/catalog/DX-SB-001');
    samples.set('/catalog/:code/edit', '/catalog/DX-SB-001/edit');
    for (const path of [...APP_PATHS, ...PUBLIC_PATHS]) expect(() => resolve(path)).not.toThrow();
  });

  // A11Y_MODES=phone,desktop-en runs some of the modes (while fixing); npm test runs all six.
  const only = process.env.A11Y_MODES?.split(',');
  for (const mode of MODES.filter((m) => !only || only.includes(m.name)))
    it(`has no critical or serious violation: ${mode.name}`, { timeout: 600_000 }, async () => {
      const before = findings.length;
      // The public pages, before login.
      const anonymous = await loggedIn(null, mode);
      const publicPage = await anonymous.newPage();
      for (const path of PUBLIC_PATHS) {
        const address = resolve(path);
        await open(publicPage, address);
        await check(publicPage, address, mode, 'anonymous');
      }
      await anonymous.close();

      for (const role of ROLES) {
        const context = await loggedIn(role, mode);
        const page = await context.newPage();
        // Every role's home page, and every page this role is the first that may open.
        await open(page, '/');
        await check(page, '/', mode, role);
        if (mode.phone) {
          const box = await page.locator('header.app-header').boundingBox();
          const height = Math.round(box?.height ?? 0);
          headerHeights.push(`${mode.name} ${role}: ${height}px`);
          if (height > (mode.elderlyMode ? 64 : 56))
            tooTall.push(`${mode.name} ${role}: the phone header is ${height}px`);
          if (role === 'clerk')
            await page.screenshot({ path: `${SHOTS}/a11y-${mode.name}-home.png` });
        }
        for (const path of APP_PATHS) {
          if (path === '/') continue;
          const known = owner.get(path);
          if (known && known !== role) continue;
          const address = resolve(path);
          if (!known) {
            if ((await open(page, address)) === 'forbidden') continue;
            owner.set(path, role);
          } else await open(page, address);
          await check(page, address, mode, role);
        }
        await context.close();
      }
      const mine = findings.slice(before);
      for (const f of mine)
        console.log(
          `[axe] ${f.impact} ${f.rule} | ${f.mode} ${f.role} ${f.page} | ${f.target} | ${f.detail}`,
        );
      expect(mine.map((f) => `${f.rule} ${f.page} ${f.target}`)).toEqual([]);
      expect(tooTall.filter((line) => line.startsWith(`${mode.name} `))).toEqual([]);
    });

  it('checked every page of the route table', () => {
    console.log(`[axe] ${visits} page visits; phone header: ${headerHeights.join(', ')}`);
    const unchecked = APP_PATHS.filter((path) => !owner.has(path) && path !== '/');
    expect(unchecked).toEqual([]);
  });
});
