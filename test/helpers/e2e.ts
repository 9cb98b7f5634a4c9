import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium (never a downloaded browser); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(
      'Chromium not found: install Debian’s chromium (see README) or set CHROMIUM_PATH',
    );
  return found;
}

/**
 * Debian's Chromium, headless. Its pages ask for reduced motion (the app then turns Ant Design's
 * animations off, as it does for a person whose phone asks for it, WCAG 2.3.3): a journey does
 * not wait for dialogs and dropdowns to slide, and a click cannot land mid-animation. Journeys that
 * keep the animations on purpose (the hand-off dialogs of first-response and posts, where the
 * dropdown race was found) pass `{ motion: true }`; a context may still ask for its own.
 */
export async function launchBrowser(opts: { motion?: boolean } = {}): Promise<Browser> {
  const browser = await launchChromium();
  if (opts.motion) return browser;
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  baseUrl: string;
  /** The server's data folder (its SQLite file is doorstep.sqlite in it). */
  dataDir: string;
  output: string[];
  stop(): Promise<void>;
}

/** The real server, as `npm start` runs it, on a fresh SQLite data folder with the demo data. */
/** `env`: more environment for the server (e.g. DOORSTEP_DEMO=false for an empty deployment). */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!fs.existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build:web` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-e2e-'));
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['bin/doorstep.mjs', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DOORSTEP_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => output.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  // A cold start migrates and seeds the demo: seconds on a quiet machine, over a minute at load
  // average 30 on 2 cores (a run beside five agents lost five files to a 60 s limit). The hook's
  // own timeout (vitest.config.ts, e2e: 240 s) stays the outer bound.
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`server did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What shows that someone is signed in, on any screen: the account menu in the wide header, or
 * the one-row phone header's menu button (the account sits in its drawer).
 */
/**
 * The header once the session is known to be signed in. (The phone header's menu button is there
 * signed out too: waiting for it let a journey navigate before the login response had set the
 * session cookie, and the next page was the login form — the records journey's flake.)
 */
export function signedIn(page: Page) {
  return page.locator('header.app-header[data-signed-in="yes"]:visible').first();
}

/**
 * The password form of the login page. A phone opens on the SMS-code tab (residents and
 * volunteers log in by phone); staff and the demo accounts switch to the password tab.
 */
export async function showPasswordForm(page: Page): Promise<void> {
  const username = page.getByTestId('login-username');
  const tab = page.getByRole('tab', { name: /账号密码登录|Password/ });
  await username.or(tab).first().waitFor();
  if (!(await username.isVisible())) await tab.click();
  await username.waitFor();
}

/**
 * Clicks a control of the header (language, elderly mode, account): in the wide header it is in
 * view; on a phone it sits in the one-row header's menu drawer, which is opened, then closed.
 */
export async function clickInHeader(page: Page, testId: string): Promise<void> {
  const target = page.getByTestId(testId);
  const menu = page.getByTestId('header-menu');
  // Wait until the header has rendered one way or the other: right after a reload neither is
  // visible yet, and reading "not visible" then sent a desktop journey to the phone's menu.
  await page
    .locator(`[data-testid="${testId}"]:visible, [data-testid="header-menu"]:visible`)
    .first()
    .waitFor();
  const phone = !(await target.isVisible());
  if (phone) await menu.click();
  await target.click();
  if (phone) {
    await page.keyboard.press('Escape');
    await page.locator('.app-header-drawer .ant-drawer-content').waitFor({ state: 'hidden' });
  }
}

/**
 * Chooses the option of an antd select whose text contains `text`, as a person would: opens the
 * select, types `search` into it when given (selects with a search box), waits until the option
 * is there and the dropdown has finished sliding in, clicks it — and clicks again if the choice
 * did not take. On a loaded machine a click that lands while the dropdown is still animating (or
 * its list re-renders as the options arrive) is lost: the dropdown stays open with nothing chosen.
 * `shows` is what the select reads once chosen (default: `text`).
 */
export async function chooseOption(
  page: Page,
  testId: string,
  text: string,
  opts: { search?: string; shows?: string } = {},
): Promise<void> {
  const select = page.getByTestId(testId);
  const shows = opts.shows ?? text;
  await select.click();
  if (opts.search !== undefined) await page.keyboard.type(opts.search);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt += 1) {
    await option.waitFor();
    // antd marks a dropdown that is still sliding in with its motion classes.
    await expect
      .poll(() => dropdown.first().getAttribute('class'), { timeout: 10_000 })
      .not.toMatch(/-(enter|appear)/);
    await option.click();
    const chosen = await expect
      .poll(() => select.innerText(), { timeout: 3_000 })
      .toContain(shows)
      .then(
        () => true,
        () => false,
      );
    if (chosen) return;
    if (attempt === 3) throw new Error(`chooseOption: "${text}" was not chosen in ${testId}`);
    if (!(await dropdown.first().isVisible())) await select.click();
  }
}

/**
 * The workbench's step 2 by keyboard, as a clerk does it: once the applicant is shown the page
 * moves the focus to the item picker; type the pinyin `letters`, wait for `code`'s option, Enter —
 * then check the picker holds `code`. Typing before the focus has landed sends the first letters
 * into the lookup box; the rest ("sjz" of "lsjz") still finds options, and Enter picked another
 * item (CI: a refusal journey filed a case it should have been refused).
 */
export async function pickItemByKeyboard(page: Page, letters: string, code: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 })
    .toBe('wb-item');
  await page.keyboard.type(letters);
  await page.getByTestId(`wb-item-option-${code}`).waitFor();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByTestId('wb-item-select').innerText(), { timeout: 20_000 })
    .toContain(code);
}
