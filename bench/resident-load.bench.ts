/**
 * A resident's first and repeat visit on a weak network (issue #11): headless Chromium on a
 * 390×844 phone profile, Slow 3G by CDP (400 ms latency, 400 kbit/s down and up), loads
 *
 *   light  /track    — the light resident entry (web/resident.html), as the server now answers;
 *   light  /r/login  — its phone + SMS-code login form;
 *   light  /r/order  — 点单 for a logged-in resident (usable: the menu's first choice is there);
 *   staff  /track    — the same address answered with the staff shell (index.html), as before the
 *                      light entry: a second server whose web folder lacks resident.html;
 *   staff  /login    — the staff app's login page (a phone opens it on the SMS tab);
 *   staff  /vs/order — the staff app's 点单 page for the same logged-in resident.
 *
 * Each visit: first with the browser cache disabled, then again in the same profile with the
 * cache on (how much the repeat visit saves depends on the caching headers the server sends).
 * Prints first contentful paint, time-to-usable (the form's first box visible and enabled, from
 * navigation start), bytes over the wire and requests; medians of --runs runs, and ratios of
 * the light entry to the staff shell at the same address.
 *
 *   npm run build:web && node --import tsx bench/resident-load.bench.ts [--runs 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/modules/demo/seed-demo.ts';
import { launchBrowser, startServer, type RunningServer } from '../test/helpers/e2e.ts';
import {
  entryWeight,
  kb as kbOf,
  RESIDENT_BUDGET_GZIP,
  RESIDENT_REACHABLE_BUDGET_GZIP,
  sum,
} from '../test/helpers/web-weight.ts';

const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};

interface Visit {
  fcp: number;
  usable: number;
  bytes: number;
  requests: number;
}

interface Target {
  name: string;
  server: () => RunningServer;
  path: string;
  /** The box that makes the page usable. */
  selector: string;
  /** Visit as the demo resident (a session cookie set before the first visit). */
  loggedIn?: boolean;
}

/** A session cookie of the demo resident on this server (through the API, not measured). */
async function residentCookie(server: RunningServer) {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'resident', password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`resident login: ${res.status} ${await res.text()}`);
  const value = /ds_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!value) throw new Error('resident login: no session cookie');
  return { name: 'ds_session', value, url: server.baseUrl };
}

async function visitTwice(
  browser: Browser,
  url: string,
  selector: string,
  cookie?: { name: string; value: string; url: string },
): Promise<Visit[]> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  const visits: Visit[] = [];
  for (const cacheDisabled of [true, false]) {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled });
    bytes = 0;
    requests = 0;
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await page.waitForSelector(selector, {
      state: 'visible',
      timeout: 120_000,
    });
    const usable = await page.evaluate(() => performance.now());
    await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint').length > 0,
      undefined,
      { timeout: 60_000 },
    );
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    );
    await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
    visits.push({ fcp, usable, bytes, requests });
    // Leave the page so the second visit is a fresh navigation, not a same-document one.
    await page.goto('about:blank');
  }
  await context.close();
  return visits;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const secs = (n: number) => `${(n / 1000).toFixed(2)} s`;
const kib = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Math.max(1, Number(values.runs));
  if (!fs.existsSync('web/dist/resident.html'))
    throw new Error('web/dist/resident.html is missing: run `npm run build:web` first');

  const weight = entryWeight('web/dist', 'resident.html');
  console.log(
    `resident.html first visit: ${weight.initial.length} files, ${kbOf(sum(weight.initial, 'gzip'))} gzip -9 ` +
      `(budget ${kbOf(RESIDENT_BUDGET_GZIP)}); every light page: ${weight.reachable.length} files, ` +
      `${kbOf(sum(weight.reachable, 'raw'))} raw, ${kbOf(sum(weight.reachable, 'gzip'))} gzip -9, ` +
      `${kbOf(sum(weight.reachable, 'brotli'))} brotli (budget ${kbOf(RESIDENT_REACHABLE_BUDGET_GZIP)})`,
  );

  // The "before" server: the same build without the light page, so /track gets the staff shell.
  const staffOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-staff-web-'));
  fs.cpSync('web/dist', staffOnly, { recursive: true });
  fs.rmSync(path.join(staffOnly, 'resident.html'));

  const light = await startServer();
  process.env.WEB_DIST = staffOnly;
  const staff = await startServer();
  delete process.env.WEB_DIST;
  const browser = await launchBrowser();
  const targets: Target[] = [
    {
      name: 'light /track',
      server: () => light,
      path: '/track',
      selector: '[data-testid="track-number"]:not([disabled])',
    },
    {
      name: 'light /r/login',
      server: () => light,
      path: '/r/login',
      selector: '[data-testid="login-phone"]:not([disabled])',
    },
    {
      name: 'light /r/order',
      server: () => light,
      path: '/r/order',
      selector: '[data-testid="order-category"]',
      loggedIn: true,
    },
    {
      name: 'staff /track',
      server: () => staff,
      path: '/track',
      selector: '[data-testid="track-number"]:not([disabled])',
    },
    {
      name: 'staff /login',
      server: () => staff,
      path: '/login',
      // On a phone the staff login opens on its SMS tab.
      selector: '[data-testid="sms-phone"]:not([disabled])',
    },
    {
      name: 'staff /vs/order',
      server: () => staff,
      path: '/vs/order',
      selector: '[data-testid="menu-category"]',
      loggedIn: true,
    },
  ];
  const cookies = new Map<RunningServer, Awaited<ReturnType<typeof residentCookie>>>();
  for (const server of [light, staff]) cookies.set(server, await residentCookie(server));
  const results = new Map<string, { first: Visit[]; repeat: Visit[] }>();
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const t of targets) {
        const [first, repeat] = await visitTwice(
          browser,
          `${t.server().baseUrl}${t.path}`,
          t.selector,
          t.loggedIn ? cookies.get(t.server()) : undefined,
        );
        const r = results.get(t.name) ?? { first: [], repeat: [] };
        r.first.push(first!);
        r.repeat.push(repeat!);
        results.set(t.name, r);
        console.log(
          `run ${run + 1} ${t.name}: first FCP ${secs(first!.fcp)} usable ${secs(first!.usable)} ` +
            `(${kib(first!.bytes)}, ${first!.requests} req); repeat FCP ${secs(repeat!.fcp)} ` +
            `usable ${secs(repeat!.usable)} (${kib(repeat!.bytes)}, ${repeat!.requests} req)`,
        );
      }
    }
  } finally {
    await browser.close();
    await light.stop();
    await staff.stop();
    fs.rmSync(staffOnly, { recursive: true, force: true });
  }

  console.log(`\nSlow 3G (400 ms, 400 kbit/s), 390×844, medians of ${runs} run(s):`);
  console.log('| page | visit | first contentful paint | usable | over the wire | requests |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const med = (name: string, visit: 'first' | 'repeat', key: keyof Visit) =>
    median(results.get(name)![visit].map((v) => v[key]));
  for (const t of targets)
    for (const visit of ['first', 'repeat'] as const)
      console.log(
        `| ${t.name} | ${visit} | ${secs(med(t.name, visit, 'fcp'))} | ${secs(med(t.name, visit, 'usable'))} | ` +
          `${kib(med(t.name, visit, 'bytes'))} | ${med(t.name, visit, 'requests')} |`,
      );
  for (const [light, staff] of [
    ['light /track', 'staff /track'],
    ['light /r/login', 'staff /login'],
    ['light /r/order', 'staff /vs/order'],
  ] as const)
    for (const visit of ['first', 'repeat'] as const) {
      const ratio = (key: keyof Visit) =>
        (med(light, visit, key) / med(staff, visit, key)).toFixed(2);
      console.log(
        `${light} / ${staff}, ${visit} visit: FCP ×${ratio('fcp')}, usable ×${ratio('usable')}, bytes ×${ratio('bytes')}`,
      );
    }
}

await main();
