/**
 * Accessibility (issue #11, point 4): axe-core over every page of the app — every address in the
 * route table (web/src/route-paths.ts, the list AppShell builds its routes from, so a new page is
 * checked without touching this file) plus the public pages — in six modes: desktop 1280 and
 * phone 390×844, each in the default look, elderly mode (长辈模式) and English. Any critical or
 * serious violation of WCAG 2.0/2.1/2.2 A/AA fails the test and is printed (rule, target, page,
 * mode); in elderly mode the text must also reach 7:1 (color-contrast-enhanced, WCAG 1.4.6, as
 * the elderly theme promises). Also measures the phone header: one row, ≤ 56 px (≤ 64 px in
 * elderly mode).
 *
 * Each page is checked as the first demo role that may open it (clerk, town, vstaff, leader,
 * volunteer, resident, admin); every role's home page is checked too. The light resident pages
 * (resident.html: /track, /verify, /verify/<number>, what a full load of those addresses gets) are
 * checked before login, and their in-app versions (reached by a link) too.
 *
 * Speed (it runs in `npm test`): one browser; per mode, A11Y_PARALLEL (2) contexts take the roles
 * in turn, keeping their HTTP cache from one role to the next (two modes never run at once: a
 * role's display preferences live on its account). A role loads the app once; its next pages are
 * opened by the router, each in one round trip to the page. The time of each mode and of the
 * visits, loads and axe runs is printed.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { APP_PATHS, PUBLIC_PATHS } from '../../web/src/route-paths.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';
import {
  AXE_SOURCE,
  json,
  LI_ID,
  MODES,
  ROLES,
  SHOTS,
  TAGS,
  type Finding,
  type Mode,
  type Role,
  type Violation,
} from './accessibility.shared.ts';

describe('accessibility: axe-core over every page in every mode', () => {
  let server: RunningServer;
  let browser: Browser;
  /** The address to visit for each route pattern (sample IDs from the demo data). */
  const samples = new Map<string, string>();
  /** Which role checks each page (the first that may open it). */
  const owner = new Map<string, Role>();
  const findings: Finding[] = [];
  const headerHeights: string[] = [];
  const tooTall: string[] = [];
  const timing = { visits: 0, openMs: 0, axeMs: 0, loads: 0, loadMs: 0 };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function contextFor(mode: Mode): Promise<BrowserContext> {
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
    return context;
  }

  /** Signs the context in as the role (its cookie replaces the last one) with the mode's look. */
  async function signIn(context: BrowserContext, role: Role, mode: Mode) {
    await json(context, server.baseUrl, 'POST', '/api/v1/auth/login', {
      username: role,
      password: DEMO_PASSWORD,
    });
    await json(context, server.baseUrl, 'PATCH', '/api/v1/auth/preferences', {
      elderlyMode: mode.elderlyMode,
      locale: mode.locale,
    });
  }

  function resolve(pattern: string): string {
    if (!pattern.includes(':')) return pattern;
    const address = samples.get(pattern);
    if (!address) throw new Error(`no sample address for ${pattern}: add one in the test`);
    return address;
  }

  /** What a page shows once drawn: its heading, or the forbidden page. */
  const DRAWN = 'main h1, [data-testid="forbidden"]';

  /** Waits (up to 3 s) for the page's data: no spinner, skeleton or busy button left. */
  async function settle(page: Page) {
    await page
      .waitForFunction(
        () =>
          !document.querySelector(
            'main .ant-spin-spinning, main .ant-skeleton, main .ant-btn-loading, .page-spinner',
          ),
        null,
        { timeout: 3_000 },
      )
      .catch(() => undefined);
    // Two frames: the page's own per-frame passes (scroll regions made focusable) have run.
    await page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
  }

  /** A full load of the address (a fresh document: the app's bundle, or resident.html's). */
  async function load(page: Page, address: string) {
    const started = Date.now();
    await page.goto(`${server.baseUrl}${address}`);
    await page.locator(DRAWN).first().waitFor({ timeout: 30_000 });
    await settle(page);
    timing.loads++;
    timing.loadMs += Date.now() - started;
  }

  /**
   * Opens the address in the loaded app by its router (pushState + popstate, as a link does).
   * It passes first through an address that draws something else (`via`, marked by `marker`),
   * so that two addresses of one page component (/verify and /verify/:number, two forbidden
   * pages) cannot be mistaken for each other: the page counts as open once the marker is gone
   * and a heading is drawn.
   */
  async function go(
    page: Page,
    address: string,
    via: { address: string; marker: string },
    settle = true,
  ) {
    const started = Date.now();
    // One round trip: the waits run in the page.
    const outcome = await page.evaluate(
      async ([to, through, marker, drawn, wait]) => {
        const until = (ok: () => boolean, ms: number) =>
          new Promise<boolean>((done) => {
            const end = performance.now() + ms;
            const tick = () => {
              if (ok()) done(true);
              else if (performance.now() > end) done(false);
              else setTimeout(tick, 15);
            };
            tick();
          });
        const push = (next: string) => {
          window.history.pushState(null, '', next);
          window.dispatchEvent(new PopStateEvent('popstate'));
        };
        push(through);
        if (!(await until(() => !!document.querySelector(marker), 20_000)))
          return `${through} did not draw ${marker}`;
        push(to);
        const opened = () => !document.querySelector(marker) && !!document.querySelector(drawn);
        if (!(await until(opened, 20_000))) return `${to} drew no heading`;
        // Its data: no spinner, skeleton or busy button left (a page may keep one; then after 3 s).
        if (wait)
          await until(
            () =>
              !document.querySelector(
                'main .ant-spin-spinning, main .ant-skeleton, main .ant-btn-loading, .page-spinner',
              ),
            3_000,
          );
        return document.querySelector('[data-testid="forbidden"]') ? 'forbidden' : 'page';
      },
      [address, via.address, via.marker, DRAWN, settle] as const,
    );
    timing.visits++;
    timing.openMs += Date.now() - started;
    if (outcome !== 'page' && outcome !== 'forbidden') throw new Error(outcome);
    return outcome;
  }

  /** Inside the app, an unknown address draws the not-found page. */
  const APP_VIA = { address: '/a11y-not-a-page', marker: 'main .ant-result-404' };
  /** Before login, any address but the public ones draws the login page. */
  const PUBLIC_VIA = { address: '/login', marker: 'main .public-login-column' };

  async function check(page: Page, address: string, mode: Mode, role: string) {
    const started = Date.now();
    const violations = (await page.evaluate(
      async ([tags, enhanced]) => {
        const axe = (
          window as unknown as {
            axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> };
          }
        ).axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          // Elderly mode promises text at 7:1 (WCAG 1.4.6, AAA), beyond the AA tags.
          ...(enhanced ? { rules: { 'color-contrast-enhanced': { enabled: true } } } : {}),
          resultTypes: ['violations'],
        });
        return result.violations;
      },
      [TAGS, mode.elderlyMode] as const,
    )) as Violation[];
    timing.axeMs += Date.now() - started;
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

  const PARALLEL = Number(process.env.A11Y_PARALLEL ?? 2);
  /**
   * A mode checks about a hundred pages with axe: 80 s on a quiet machine, 200–245 s at load 25
   * beside four other jobs, where 300 s once ran out. A budget, not a speed claim (bench/ is).
   */
  const SWEEP_TIMEOUT = 600_000;

  it(
    'finds sample IDs in the demo data, and which role opens each page',
    { timeout: SWEEP_TIMEOUT },
    async () => {
      const context = await contextFor(MODES[0]!);
      await signIn(context, 'clerk', MODES[0]!);
      const base = server.baseUrl;
      const resident = await json<{ id: string }>(
        context,
        base,
        'POST',
        '/api/v1/residents/lookup',
        {
          idNumber: LI_ID,
        },
      );
      const kase = await json<{ id: string }>(context, base, 'POST', '/api/v1/cases', {
        residentId: resident.id,
        itemCode: 'DX-SB-001',
        presented: ['id_card'],
      });
      await signIn(context, 'vstaff', MODES[0]!);
      const activities = await json<{ id: string }[]>(
        context,
        base,
        'GET',
        '/api/v1/vs/activities?view=managed&limit=100',
      );
      const certificates = await json<{ number: string }[]>(
        context,
        base,
        'GET',
        '/api/v1/vs/certificates?limit=5',
      );
      const activity = activities[0]?.id;
      // Issue #13: the 黄河社区 organiser's seeded summer program and its first class.
      await signIn(context, 'hh-organiser', MODES[0]!);
      const programs = await json<{ id: string; classes: { id: string }[] }[]>(
        context,
        base,
        'GET',
        '/api/v1/programs?view=managed',
      );
      const program = programs[0]!;
      samples.set('/programs/:id', `/programs/${program.id}`);
      const klass = `/programs/${program.id}/classes/${program.classes[0]!.id}`;
      samples.set('/programs/:id/classes/:classId', klass);
      samples.set('/programs/:id/classes/:classId/day', `${klass}/day`);
      samples.set('/programs/:id/classes/:classId/roster', `${klass}/roster`);
      expect(activity).toBeTruthy();
      samples.set('/regions/:code', '/regions/110115110');
      samples.set('/residents/:id', `/residents/${resident.id}`);
      samples.set('/cases/:id', `/cases/${kase.id}`);
      samples.set('/vs/activities/:id', `/vs/activities/${activity}`);
      samples.set('/vs/check-in/:id', `/vs/check-in/${activity}`);
      // The demo has no certificate yet: an unknown number draws the page's not-found answer.
      samples.set('/verify/:number', `/verify/${certificates[0]?.number ?? 'ZM2026000000000000'}`);
      samples.set('/catalog/:code', '/catalog/DX-SB-001');
      samples.set('/catalog/:code/edit', '/catalog/DX-SB-001/edit');
      for (const path of [...APP_PATHS, ...PUBLIC_PATHS]) expect(() => resolve(path)).not.toThrow();

      // The first role (in ROLES order) that may open each page checks it in every mode.
      const page = await context.newPage();
      for (const role of ROLES) {
        await signIn(context, role, MODES[0]!);
        await load(page, '/');
        for (const path of APP_PATHS) {
          if (path === '/' || owner.has(path)) continue;
          // Whether the role may open it shows at once; its data is not waited for.
          if ((await go(page, resolve(path), APP_VIA, false)) === 'page') owner.set(path, role);
        }
      }
      await context.close();
      const unchecked = APP_PATHS.filter((path) => !owner.has(path) && path !== '/');
      expect(unchecked).toEqual([]);
    },
  );

  // A11Y_MODES=phone,desktop-en runs some of the modes (while fixing); npm test runs all six.
  const only = process.env.A11Y_MODES?.split(',');
  for (const mode of MODES.filter((m) => !only || only.includes(m.name)))
    it(
      `has no critical or serious violation: ${mode.name}`,
      { timeout: SWEEP_TIMEOUT },
      async () => {
        const started = Date.now();
        const before = findings.length;
        const anonymous = async (page: Page) => {
          // The light resident pages, as a full load of their address serves them.
          for (const path of PUBLIC_PATHS.filter((p) => p !== '/login')) {
            const address = resolve(path);
            await load(page, address);
            await check(page, address, mode, 'anonymous (resident.html)');
          }
          // The app's login page, and the public pages its links open.
          await load(page, '/login');
          await check(page, '/login', mode, 'anonymous');
          for (const path of PUBLIC_PATHS.filter((p) => p !== '/login')) {
            const address = resolve(path);
            await go(page, address, PUBLIC_VIA);
            await check(page, address, mode, 'anonymous');
          }
        };
        const signedIn = async (page: Page, role: Role) => {
          await signIn(page.context(), role, mode);
          // Every role's home page, and every page this role is the first that may open.
          await load(page, '/');
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
            if (path === '/' || owner.get(path) !== role) continue;
            const address = resolve(path);
            expect(await go(page, address, APP_VIA), `${role} opens ${address}`).toBe('page');
            await check(page, address, mode, role);
          }
        };
        // A11Y_PARALLEL contexts take the roles in turn (the ones with most pages first); a
        // context keeps its HTTP cache from one role to the next (and signs out for the pages
        // seen before login).
        const pagesOf = (role: Role) => [...owner.values()].filter((r) => r === role).length;
        const queue: (Role | null)[] = [...ROLES].sort((a, b) => pagesOf(b) - pagesOf(a));
        queue.push(null);
        await Promise.all(
          Array.from({ length: PARALLEL }, async () => {
            const context = await contextFor(mode);
            const page = await context.newPage();
            for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
              if (next === null) {
                await context.clearCookies();
                await anonymous(page);
              } else await signedIn(page, next);
            }
            await context.close();
          }),
        );

        const mine = findings.slice(before);
        for (const f of mine)
          console.log(
            `[axe] ${f.impact} ${f.rule} | ${f.mode} ${f.role} ${f.page} | ${f.target} | ${f.detail}`,
          );
        console.log(`[axe] ${mode.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
        expect(mine.map((f) => `${f.rule} ${f.page} ${f.target}`)).toEqual([]);
        expect(tooTall.filter((line) => line.startsWith(`${mode.name} `))).toEqual([]);
      },
    );

  afterAll(() => {
    const ms = (total: number, count: number) => `${Math.round(total / Math.max(count, 1))} ms`;
    console.log(
      `[axe] ${timing.visits} router visits (${ms(timing.openMs, timing.visits)} each), ` +
        `${timing.loads} full loads (${ms(timing.loadMs, timing.loads)} each), ` +
        `axe ${ms(timing.axeMs, timing.visits + timing.loads)} per check; ` +
        `phone header: ${headerHeights.join(', ')}`,
    );
  });
});
