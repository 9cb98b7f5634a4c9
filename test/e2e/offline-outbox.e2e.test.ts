/**
 * Issue #11 point 3, the offline outbox at the window: the 伊庄村 clerk prepares an intake, the
 * network is cut mid-journey, and the clerk goes on filing — the intake and three inquiries wait in
 * the browser (IndexedDB) as 待发送 with their Idempotency-Keys; a lookup says plainly it needs the
 * network; a reload while offline still shows the queue (the service worker serves the shell on
 * 127.0.0.1, a secure context); when the network returns the online event and a "send now" click
 * flush at the same moment, and the server ends with exactly one case and three inquiries.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import {
  launchBrowser,
  signedIn,
  startServer,
  type RunningServer,
  showPasswordForm,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const SHOTS = 'test-results';
const LI_ID = '110115194803120019';
const QUESTIONS = [
  '断网时咨询一：高龄津贴怎么领？',
  '断网时咨询二：医保卡丢了怎么办？',
  '断网时咨询三：残疾证在哪里年审？',
];

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

/** The server's view, read in the page with the clerk's session. */
const apiGet = <T>(page: Page, path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    return (await r.json()) as unknown;
  }, path) as Promise<T>;

interface Inquiry {
  question: string;
}
interface CaseRow {
  applicant?: { fullName?: string };
  number: string;
}

const liCases = async (page: Page) =>
  (
    await apiGet<CaseRow[]>(
      page,
      '/cases?box=accepted_here&applicantName=李长福&limit=100&offset=0',
    )
  ).length;

async function fileInquiry(page: Page, question: string) {
  await page.getByTestId('inquiry-caller').fill('一位老人');
  await page.getByTestId('inquiry-question').fill(question);
  await page.getByTestId('inquiry-answer').fill('已当面答复');
  await page.getByTestId('inquiry-submit').click();
  await page.getByTestId('outbox-item').filter({ hasText: question }).waitFor();
}

describe('offline outbox: filing through a network cut, sent once when it returns', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inquiriesBefore = 0;
  let casesBefore = 0;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('online: the clerk opens the inquiries page and the workbench and prepares an intake', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'clerk');
    inquiriesBefore = (await apiGet<Inquiry[]>(page, '/inquiries?mine=true&limit=100')).length;
    casesBefore = await liCases(page);
    // The service worker (localhost is a secure context) controls the page once it is ready.
    await poll(() => page.evaluate(() => navigator.serviceWorker.ready.then(() => true))).toBe(
      true,
    );
    await page.getByTestId('nav-inquiries').click();
    await page.getByTestId('inquiry-question').waitFor();
    await page.getByTestId('nav-workbench').click();
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'resident-lookup-input',
    );
    await page.keyboard.type(LI_ID);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('李长福');
    await page.keyboard.type('sbk');
    await page.getByTestId('wb-item-option-DX-SB-001').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('wb-material-id_card').check();
    await page.getByTestId('wb-material-photo_1inch').check();
  });

  it('the network is cut: the intake is queued as 待发送, and a lookup says it needs the network', async () => {
    await context.setOffline(true);
    await page.getByTestId('wb-file').click();
    const item = page.getByTestId('outbox-item').filter({ hasText: '李长福' });
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('waiting');
    expect(await item.innerText()).toContain('待发送');
    await page.getByTestId('outbox-offline').waitFor();

    // The next applicant needs the server: said plainly, no endless spinner.
    await page.getByTestId('resident-lookup-input').fill(LI_ID);
    await page.getByTestId('resident-lookup-input').press('Enter');
    await poll(() => page.locator('.resident-lookup').innerText()).toContain(
      '离线时无法查询，请联网后再试',
    );
    await page.screenshot({ path: `${SHOTS}/offline-outbox-1-workbench.png`, fullPage: true });
  });

  it('three inquiries are filed offline, each waiting', async () => {
    await page.getByTestId('nav-inquiries').click();
    for (const q of QUESTIONS) await fileInquiry(page, q);
    const states = await page
      .getByTestId('outbox-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
  });

  it('a reload while offline still shows the queue', async () => {
    await page.reload();
    await page.getByTestId('outbox-panel').waitFor();
    await poll(() => page.getByTestId('outbox-item').count()).toBe(4);
    const text = await page.getByTestId('outbox-panel').innerText();
    for (const q of QUESTIONS) expect(text).toContain(q);
    expect(text).toContain('李长福');
  });

  it('the network returns; online event and "send now" together drain the queue once', async () => {
    await context.setOffline(false);
    // The `online` event has started a flush; the clerk clicks "send now" at the same moment.
    await page.getByTestId('outbox-send-now').click();
    await poll(() => page.getByTestId('outbox-item').count()).toBe(0);
    await poll(() => page.getByTestId('outbox-panel').count()).toBe(0);
    // The page's list refreshed with what was sent.
    for (const q of QUESTIONS)
      await page.getByTestId('inquiry-row').filter({ hasText: q }).first().waitFor();

    const inquiries = await apiGet<Inquiry[]>(page, '/inquiries?mine=true&limit=100');
    expect(inquiries.length).toBe(inquiriesBefore + 3);
    for (const q of QUESTIONS) expect(inquiries.filter((i) => i.question === q)).toHaveLength(1);
    expect(await liCases(page)).toBe(casesBefore + 1);
  });
});
