/**
 * Browser journey through the smaller pieces of 赶集式通办: the 伊庄村 clerk records 李长福's
 * authorization of the demo agent with a scanned signed form (GS-6) and revokes it; finds his case
 * with the list's filters; delivers the decided case by post (GS-7); the supervisor downloads the
 * Excel lists (GS-8).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  chooseOption,
  launchBrowser,
  signedIn,
  startServer,
  type RunningServer,
  showPasswordForm,
} from '../helpers/e2e.ts';

/** Waits for the page to catch up; generous, as CI machines run several browsers at once. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const SHOTS = 'test-results';
const LI_ID = '110115194803120019';
const ADDRESS = '北京市大兴区魏善庄镇三顺庄村东街8号 李长福 收';
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}

async function logout(page: Page) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}

/** A JSON call with the page's session cookie (for setting the scene, not for what is tested). */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u, {
        method: m,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? null : JSON.stringify(b),
      });
      return (await r.json()) as T;
    },
    [method, url, body] as const,
  );
}

interface Kase {
  id: string;
  number: string;
  version: number;
  state: string;
}

describe('authorizations, list filters, delivery by post and the Excel lists', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let residentId = '';
  let kase: Kase;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the clerk records an authorization with the scan of the signed form, then revokes it', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'clerk');
    residentId = (
      await call<{ id: string }>(page, 'POST', '/api/v1/residents/lookup', { idNumber: LI_ID })
    ).id;
    await page.goto(`${server.baseUrl}/residents/${residentId}`);
    await page.getByTestId('auth-add').click();
    await chooseOption(page, 'auth-agent', '三顺庄村代办员');
    await page.getByTestId('auth-scope-items').click();
    await chooseOption(page, 'auth-items', 'DX-SB-001', { search: 'sbk' });
    await page.getByTestId('auth-expires').fill('2026-12-31');
    await page.getByTestId('auth-form-scan').setInputFiles({
      name: '授权委托书.pdf',
      mimeType: 'application/pdf',
      buffer: TINY_PDF,
    });
    await page.screenshot({ path: `${SHOTS}/cases-gaps-1-authorization.png`, fullPage: true });
    await page.getByTestId('auth-save').click();

    const card = page.getByTestId('auth-card').first();
    await card.getByTestId('auth-scan-link').waitFor();
    expect(await card.innerText()).toContain('DX-SB-001');
    expect(await card.getByTestId('auth-status').innerText()).toBe('有效');
    const href = (await card.getByTestId('auth-scan-link').getAttribute('href')) ?? '';
    const scan = await page.request.get(`${server.baseUrl}${href}`);
    expect(scan.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.compare(await scan.body(), TINY_PDF)).toBe(0);

    await card.getByTestId('auth-revoke').click();
    await page.getByTestId('auth-revoke-reason').fill('本人来电撤回');
    await page.getByTestId('auth-revoke-confirm').click();
    await poll(() => card.getByTestId('auth-status').innerText()).toBe('已撤销');

    // The agent named sees it on their own list.
    await logout(page);
    await login(page, 'agent');
    await page.getByTestId('nav-authorizations').click();
    await poll(() => page.getByTestId('auth-list').innerText()).toContain('李长福');
    await logout(page);
  });

  it('finds the case with the list filters and delivers it by post', async () => {
    await login(page, 'clerk');
    kase = await call<Kase>(page, 'POST', '/api/v1/cases', {
      residentId,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });
    kase = await call<Kase>(page, 'POST', `/api/v1/cases/${kase.id}/transitions`, {
      action: 'route',
      expectedVersion: kase.version,
    });
    await logout(page);
    await login(page, 'town');
    kase = await call<Kase>(page, 'POST', `/api/v1/cases/${kase.id}/transitions`, {
      action: 'decide',
      expectedVersion: kase.version,
      result: 'approved',
      resultText: '同意补办',
    });
    expect(kase.state).toBe('decided');
    await logout(page);

    await login(page, 'clerk');
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('cases-filter-applicant').fill('李长');
    await page.getByTestId('cases-filter-number').fill(kase.number);
    await page.getByTestId('cases-filter-search').click();
    await poll(() => page.url()).toContain('applicant=');
    const rows = page.getByTestId('case-rows');
    await poll(() => rows.innerText()).toContain(kase.number);
    await page.getByTestId('cases-filter-overdue').click();
    await poll(() => page.getByTestId('case-rows').count()).toBe(0);
    await page.getByTestId('cases-filter-clear').click();
    await rows.locator('a', { hasText: kase.number }).first().click();

    expect(await page.getByTestId('case-first-responder').innerText()).toContain('伊庄村专管员');
    expect(await page.getByTestId('case-home-region').innerText()).toBe('三顺庄村');
    await page.getByTestId('action-deliver').click();
    await page.getByTestId('action-delivery-post').click();
    await page.getByTestId('action-postal-address').fill(ADDRESS);
    await page.screenshot({ path: `${SHOTS}/cases-gaps-2-deliver-by-post.png` });
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('action-form').waitFor({ state: 'detached' });
    const delivered = await call<Kase>(page, 'GET', `/api/v1/cases/${kase.id}`);
    expect(delivered.state).toBe('delivered');
    await logout(page);
  });

  it('the supervisor downloads the overdue cases, hand-offs and figures as Excel', async () => {
    await login(page, 'supervisor');
    await page.goto(`${server.baseUrl}/cases/overview`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('overview-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^supervision-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['超期办件', '待接收转交', '各站数据']);
    const stations: unknown[] = [];
    wb.getWorksheet('各站数据')!.eachRow((row) => stations.push(row.getCell(1).value));
    expect(stations).toContain('伊庄村政务服务站');
  });
});
