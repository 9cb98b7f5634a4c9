/**
 * Issue #11 point 3, the offline outbox at the window: the 伊庄村 clerk prepares an intake, the
 * network is cut mid-journey, and the clerk goes on filing — three intakes and three inquiries wait
 * in the browser (IndexedDB) as 待发送 with their Idempotency-Keys. The first intake was prepared
 * before the cut; the second is a new one for the same applicant (the card read again finds him in
 * this tab's memory) and an item found in the kept catalog; a resident never looked up says plainly
 * that the lookup needs the network; a reload while offline still shows the queue (the service
 * worker serves the shell on 127.0.0.1, a secure context), and the third intake picks the applicant
 * from the recent list (masked name only on the disk). When the network returns the online event
 * and a "send now" click flush at the same moment, and the server ends with exactly three new cases
 * and three inquiries. Then 李长福 rates his completed order on his phone during a cut: it waits,
 * and is sent once when the network returns.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  launchBrowser,
  pickItemByKeyboard,
  type RunningServer,
  showPasswordForm,
  signedIn,
  startServer,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const SHOTS = 'test-results';
const LI_ID = '110115194803120019';
/** 程建国: a resident this clerk never looked up. */
const CHENG_ID = '110115194611230037';
/** The three intakes filed during the cut. */
const ITEMS = ['DX-SB-001', 'DX-MZ-001', 'DX-MZ-003'];
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
  id: string;
  number: string;
  item: { code: string };
}

const liCaseRows = (page: Page) =>
  apiGet<CaseRow[]>(page, '/cases?box=accepted_here&applicantName=李长福&limit=100&offset=0');
const liCases = async (page: Page) => (await liCaseRows(page)).length;

/** The kept catalog's last full refresh, read from IndexedDB as the page wrote it. */
const catalogRefreshed = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('doorstep-catalog');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('entries')) return resolve(false);
          const keys = db.transaction('entries').objectStore('entries').getAllKeys();
          keys.onsuccess = () =>
            resolve(keys.result.some((k) => typeof k === 'string' && k.endsWith('|refreshedAt')));
          keys.onerror = () => resolve(false);
        };
      }),
  );

/** Everything the page keeps on the disk, as text (to check that no full name or ID is there). */
const diskText = (page: Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const name of ['doorstep-known-residents', 'doorstep-outbox']) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(name));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
        });
        out.push(JSON.stringify(all));
      }
    }
    return out.join('\n');
  });

/** Picks an item in step 2 by typing (the kept catalog during a cut) and ticks its ID card. */
async function pickItem(page: Page, typed: string, code: string) {
  await page.locator('#wb-item').focus();
  await page.keyboard.type(typed);
  await page.getByTestId(`wb-item-option-${code}`).click();
  // The chosen item shows in the picker, then its checklist (from the kept item during a cut).
  await poll(() => page.getByTestId('wb-step-item').innerText()).toContain(code);
  await page.getByTestId('wb-material-id_card').check();
}

async function fileQueued(page: Page, count: number) {
  await page.getByTestId('wb-file').click();
  await poll(() => page.getByTestId('outbox-item').filter({ hasText: '李**' }).count()).toBe(count);
}

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
    await pickItemByKeyboard(page, 'sbk', 'DX-SB-001');
    await page.getByTestId('wb-material-id_card').check();
    await page.getByTestId('wb-material-photo_1inch').check();
    // The whole catalog is kept in the background for a cut.
    await poll(() => catalogRefreshed(page)).toBe(true);
  });

  it('the network is cut: the prepared intake and a new one for the same applicant are queued as 待发送', async () => {
    await context.setOffline(true);
    await fileQueued(page, 1);
    const item = page.getByTestId('outbox-item').filter({ hasText: '李**' });
    expect(await item.getAttribute('data-state')).toBe('waiting');
    expect(await item.innerText()).toContain('待发送');
    await page.getByTestId('outbox-offline').waitFor();

    // The card read again: this tab looked him up before the cut.
    await page.getByTestId('resident-lookup-input').fill(LI_ID);
    await page.getByTestId('resident-lookup-input').press('Enter');
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('李长福');
    expect(await page.getByTestId('wb-item-help').innerText()).toContain('本机保存的事项目录');
    await pickItem(page, '低保', 'DX-MZ-001');
    await fileQueued(page, 2);
  });

  it('a resident never looked up needs the network: said plainly, with the recent list beside it', async () => {
    await page.getByTestId('resident-lookup-input').fill(CHENG_ID);
    await page.getByTestId('resident-lookup-input').press('Enter');
    await poll(() => page.locator('.resident-lookup').innerText()).toContain(
      '离线时无法查询，请联网后再试',
    );
    expect(await page.getByTestId('wb-recent-residents').innerText()).toContain('李**');
    await page.screenshot({ path: `${SHOTS}/offline-outbox-1-workbench.png`, fullPage: true });
  });

  it('three inquiries are filed offline, each waiting', async () => {
    await page.getByTestId('nav-inquiries').click();
    for (const q of QUESTIONS) await fileInquiry(page, q);
    const states = await page
      .getByTestId('outbox-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
  });

  it('a reload while offline still shows the queue; the disk has no full name or ID number', async () => {
    await page.reload();
    await page.getByTestId('outbox-panel').waitFor();
    await poll(() => page.getByTestId('outbox-item').count()).toBe(5);
    const text = await page.getByTestId('outbox-panel').innerText();
    for (const q of QUESTIONS) expect(text).toContain(q);
    expect(text).toContain('李**');
    const disk = await diskText(page);
    expect(disk).toContain('李**');
    expect(disk).not.toContain('李长福');
    expect(disk).not.toContain(LI_ID);
    expect(disk).not.toContain('13800005678');
  });

  it('after the reload the third intake picks the applicant from the recent list', async () => {
    await page.getByTestId('nav-workbench').click();
    const pick = page.getByTestId('wb-known-resident').and(page.locator('[data-name="李**"]'));
    await pick.click();
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('李**');
    await pickItem(page, '特困', 'DX-MZ-003');
    await fileQueued(page, 3);
    await poll(() => page.getByTestId('outbox-item').count()).toBe(6);
  });

  it('the network returns; online event and "send now" together drain the queue once', async () => {
    // The server is slow to answer: the sends the `online` event starts are held until the clerk
    // has also clicked "send now", so the two flushes overlap for certain (without the hold the
    // first flush could drain the queue, and the button go, before the click).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstHeld = () => {};
    const started = new Promise<void>((resolve) => (firstHeld = resolve));
    await page.route('**/api/v1/**', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      firstHeld();
      await held;
      await route.continue();
    });
    await context.setOffline(false);
    await started;
    await page.getByTestId('outbox-send-now').click();
    release();
    await poll(() => page.getByTestId('outbox-item').count()).toBe(0);
    await page.unroute('**/api/v1/**');
    await poll(() => page.getByTestId('outbox-panel').count()).toBe(0);
    // The page's list refreshed with what was sent.
    await page.getByTestId('nav-inquiries').click();
    for (const q of QUESTIONS)
      await page.getByTestId('inquiry-row').filter({ hasText: q }).first().waitFor();

    const inquiries = await apiGet<Inquiry[]>(page, '/inquiries?mine=true&limit=100');
    expect(inquiries.length).toBe(inquiriesBefore + 3);
    for (const q of QUESTIONS) expect(inquiries.filter((i) => i.question === q)).toHaveLength(1);
    expect(await liCases(page)).toBe(casesBefore + 3);
    const codes = (await liCaseRows(page)).map((c) => c.item.code);
    for (const code of ITEMS) expect(codes.filter((c) => c === code)).toHaveLength(1);
  });

  it('a rating during a cut waits on the phone and is sent once when the network returns', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const resident = await phone.newPage();
    await resident.goto(server.baseUrl);
    await login(resident, 'resident');
    await resident.getByTestId('nav-vsMyOrders').click();
    const card = resident
      .getByTestId('my-need')
      .filter({ has: resident.getByTestId('rate-submit') })
      .first();
    await card.waitFor();
    interface MyNeed {
      id: string;
      rating: { stars: number } | null;
      ratingOpen: boolean;
    }
    const before = await apiGet<MyNeed[]>(resident, '/vs/needs/mine');
    await phone.setOffline(true);
    await card.getByTestId('rate-submit').click();
    await resident.getByTestId('rate-waiting').waitFor();
    const item = resident.getByTestId('outbox-item');
    await item.waitFor();
    expect(await item.innerText()).toContain('评价');
    expect(await item.getAttribute('data-state')).toBe('waiting');
    await resident.screenshot({ path: `${SHOTS}/offline-outbox-3-rating.png`, fullPage: true });

    await phone.setOffline(false);
    await poll(() => resident.getByTestId('outbox-panel').count()).toBe(0);
    await poll(() => resident.getByTestId('rate-waiting').count()).toBe(0);
    const after = await apiGet<MyNeed[]>(resident, '/vs/needs/mine');
    const newlyRated = after.filter(
      (n) => n.rating !== null && before.find((b) => b.id === n.id)?.rating === null,
    );
    expect(newlyRated.map((n) => [n.rating?.stars, n.ratingOpen])).toEqual([[5, false]]);
    await phone.close();
  });
});
