/**
 * Issue #15 point 3 in the browser: the 魏善庄镇 volunteer centre's staff member, on a phone, opens
 * /imports?kind=teams, uploads teams (a refused row, then the fix), applies them, then imports
 * volunteers into the new team — in Chinese, then in elderly mode and English. Then (issue #16 p5)
 * the teams page and a team's members page by cursor with their totals, still elderly and English.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { COLUMNS_OF, type ImportKind } from '../../src/modules/imports/import-columns.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import {
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const SHOTS = 'test-results';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEAM = '魏善庄镇助老志愿服务队';
/** A demo team with two approved members (src/modules/volunteers/volunteers.demo-weishanzhuang.ts). */
const TEAM_WITH_MEMBERS = '魏善庄镇邻里守望志愿服务队';

/** Asks a `/page` list for `limit` rows a page, so a journey sees page two of a short demo list. */
async function pagesOf(page: Page, list: RegExp, limit: number) {
  await page.route(list, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', String(limit));
    return route.continue({ url: url.toString() });
  });
}
const totalOf = async (page: Page, pager: string) =>
  Number(/\d+/.exec(await page.getByTestId(`${pager}-total`).innerText())?.[0]);

async function upload(page: Page, kind: ImportKind, name: string, rows: Record<string, string>[]) {
  await page.getByTestId('import-file').setInputFiles({
    name,
    mimeType: XLSX,
    buffer: await writeImportWorkbook(
      kind,
      rows.map((r) => COLUMNS_OF[kind].map((c) => r[c.key] ?? '')),
    ),
  });
}

describe('issue #15 p3 volunteer teams and volunteers by Excel in the browser (phone)', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
    });
    page = await phone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('teams: a refused row, the fix, apply; then volunteers into the new team (Chinese)', async () => {
    await page.goto(server.baseUrl);
    await showPasswordForm(page);
    await page.getByTestId('login-username').fill('vstaff');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await signedIn(page).waitFor();
    await page.goto(`${server.baseUrl}/imports?kind=teams`);
    await page.getByRole('heading', { name: 'Excel 批量导入' }).waitFor();
    expect(await page.getByTestId('import-kind').innerText()).toContain('志愿队伍');

    await upload(page, 'teams', '队伍.xlsx', [
      { name: TEAM, region: '魏善庄镇', personInCharge: '王建国', contactPhone: '010-89211234' },
      {
        name: '伊庄村助老分队',
        parent: '没有这个队',
        region: '伊庄村',
        personInCharge: '刘桂英',
        contactPhone: '13800138000',
      },
    ]);
    await page.getByTestId('import-refused-hint').waitFor();
    expect(await page.locator('.import-row-refused').innerText()).toContain('没有这个上级队伍');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({
      path: `${SHOTS}/volunteer-imports-1-teams-refused-zh.png`,
      fullPage: true,
    });

    await upload(page, 'teams', '队伍-改正.xlsx', [
      {
        name: '伊庄村助老分队',
        parent: TEAM,
        region: '伊庄村',
        personInCharge: '刘桂英',
        contactPhone: '13800138000',
      },
      { name: TEAM, region: '魏善庄镇', personInCharge: '王建国', contactPhone: '010-89211234' },
    ]);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-applied').waitFor();
    expect(await page.getByTestId('import-applied').innerText()).toContain('新增 2 条');

    await page.goto(`${server.baseUrl}/imports?kind=volunteers`);
    expect(await page.getByTestId('import-kind').innerText()).toContain('志愿者');
    await upload(page, 'volunteers', '志愿者.xlsx', [
      {
        fullName: '钱多多',
        idNumber: buildIdNumber('110115', '19850301', '101'),
        village: '伊庄村',
        team: '伊庄村助老分队',
      },
      {
        fullName: '孙小妹',
        idNumber: buildIdNumber('110115', '20100601', '102'),
        village: '伊庄村',
      },
    ]);
    await page.getByTestId('import-refused-hint').waitFor();
    expect(await page.locator('.import-row-refused').innerText()).toContain('监护人');
    await page.screenshot({
      path: `${SHOTS}/volunteer-imports-2-volunteers-refused-zh.png`,
      fullPage: true,
    });
  });

  it('in elderly mode and English', async () => {
    const r = await page.context().request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: true, locale: 'en' },
    });
    expect(r.ok()).toBe(true);
    await page.goto(`${server.baseUrl}/imports?kind=volunteers`);
    await page.getByRole('heading', { name: 'Import by Excel' }).waitFor();
    await upload(page, 'volunteers', 'volunteers.xlsx', [
      {
        fullName: '钱多多',
        idNumber: buildIdNumber('110115', '19850301', '101'),
        village: '伊庄村',
        team: '伊庄村助老分队',
      },
      {
        fullName: '李小弟',
        idNumber: buildIdNumber('110115', '20130101', '103'),
        village: '伊庄村',
      },
    ]);
    await page.getByTestId('import-refused-hint').waitFor();
    expect(await page.locator('.import-row-refused').innerText()).toContain('Under 14');
    await page.screenshot({
      path: `${SHOTS}/volunteer-imports-3-volunteers-elderly-en.png`,
      fullPage: true,
    });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 391)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.body.classList.contains('elderly'))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });

  it('#16 p5 the teams and a team’s members page by cursor with their totals (elderly, English)', async () => {
    // Page one of the teams, two at a time: the total counts them all, "Next" goes on.
    await pagesOf(page, /\/api\/v1\/vs\/teams\/page\?/, 2);
    await page.goto(`${server.baseUrl}/vs/teams`);
    await page.getByTestId('vs-teams-pager-total').waitFor();
    expect(await page.getByTestId('vs-teams-pager-total').innerText()).toMatch(/^\d+ in all$/);
    const teams = await totalOf(page, 'vs-teams-pager');
    expect(teams).toBeGreaterThan(2);
    const first = await page.getByTestId('vs-team-tree').innerText();
    await page.getByTestId('vs-teams-pager-next').click();
    await expect.poll(() => page.getByTestId('vs-team-tree').innerText()).not.toBe(first);
    expect(await page.getByTestId('vs-teams-pager').innerText()).toContain('Page 2');
    expect(await page.getByTestId('vs-teams-pager-previous').isEnabled()).toBe(true);
    await page.screenshot({
      path: `${SHOTS}/volunteer-imports-4-teams-paged-elderly-en.png`,
      fullPage: true,
    });

    // All teams on one page again; the members of a team one at a time.
    await page.unroute(/\/api\/v1\/vs\/teams\/page\?/);
    await pagesOf(page, /\/api\/v1\/vs\/teams\/[^/]+\/members\/page\?/, 1);
    await page.goto(`${server.baseUrl}/vs/teams`);
    await page.getByTestId('vs-teams-pager-total').waitFor();
    expect(await totalOf(page, 'vs-teams-pager')).toBe(teams);
    expect(await page.getByTestId('vs-teams-pager-next').count()).toBe(0); // one page: no paging
    await page
      .locator('.vs-team-row', { hasText: TEAM_WITH_MEMBERS })
      .getByTestId('vs-members')
      .click();
    await page.getByTestId('vs-members-pager-total').waitFor();
    const members = await totalOf(page, 'vs-members-pager');
    expect(members).toBeGreaterThan(1);
    // One member a page: "Next" walks through them all, each page another person.
    const seen = [await page.getByTestId('vs-member-list').innerText()];
    while (await page.getByTestId('vs-members-pager-next').isEnabled()) {
      await page.getByTestId('vs-members-pager-next').click();
      await expect.poll(() => page.getByTestId('vs-member-list').innerText()).not.toBe(seen.at(-1));
      seen.push(await page.getByTestId('vs-member-list').innerText());
    }
    expect(new Set(seen).size).toBe(members);
    await page.screenshot({
      path: `${SHOTS}/volunteer-imports-5-members-paged-elderly-en.png`,
      fullPage: true,
    });
  });

  it('#16 p5 the resource and project lists page by cursor with their totals (elderly, English)', async () => {
    await pagesOf(page, /\/api\/v1\/vs\/resources\/page\?/, 1);
    await page.goto(`${server.baseUrl}/vs/lists`);
    await page.getByTestId('vs-resources-pager-total').waitFor();
    const resources = await totalOf(page, 'vs-resources-pager');
    expect(resources).toBeGreaterThan(1);
    expect(await page.getByTestId('vs-resource').count()).toBe(1);
    const first = await page.getByTestId('vs-resource').innerText();
    await page.getByTestId('vs-resources-pager-next').click();
    await expect.poll(() => page.getByTestId('vs-resource').innerText()).not.toBe(first);
    await page.screenshot({
      path: `${SHOTS}/volunteer-imports-6-resources-paged-elderly-en.png`,
      fullPage: true,
    });

    await page.getByRole('tab', { name: 'Projects' }).click();
    await page.getByTestId('vs-projects-pager-total').waitFor();
    const projects = await totalOf(page, 'vs-projects-pager');
    expect(await page.getByTestId('vs-project').count()).toBe(Math.min(projects, 50));
  });
});
