/**
 * GS-10 browser journeys for the finishing points: a resident on a phone (390 px) picks the item
 * (its duration shown, the times leave room for it); a town officer (region grant) picks the
 * station from a labelled select; the 伊庄村 clerk finds a walk-in by name, issues the B ticket for
 * him, calls it, and intake opens for him. Desktop for staff, zh and en. Screenshots in test-results/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

describe('GS-10 item durations, the station picker and walk-in residents', () => {
  let server: RunningServer;
  let browser: Browser;

  const signIn = async (page: Page, username: string) => {
    const r = await page.context().request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(r.status()).toBe(200);
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a resident picks an item on the phone and sees its duration', async () => {
    const desk = await browser.newPage();
    await signIn(desk, 'clerk');
    await desk.goto(`${server.baseUrl}/appointments`);
    const itemCode = await desk.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as {
        grants: { stationId: string | null }[];
      };
      const id = me.grants.find((g) => g.stationId)!.stationId!;
      const items = (await (
        await fetch('/api/v1/catalog/items?channel=appointment&limit=1')
      ).json()) as { items: { code: string }[] };
      const code = items.items[0]!.code;
      const tpl = (await (
        await fetch(`/api/v1/appointments/stations/${id}/template`)
      ).json()) as Record<string, unknown>;
      const body = Object.fromEntries(
        Object.entries(tpl).filter(
          ([k]) => !['stationId', 'stationName', 'screenToken', 'updatedAt'].includes(k),
        ),
      );
      const put = await fetch(`/api/v1/appointments/stations/${id}/template`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, itemMinutes: { [code]: 90 } }),
      });
      if (!put.ok) throw new Error(await put.text());
      return code;
    });
    await desk.close();
    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      })
    ).newPage();
    await signIn(phone, 'resident');
    await phone.goto(`${server.baseUrl}/r/book`);
    await phone.getByTestId('book-form').waitFor();
    await phone.getByTestId(`book-item-${itemCode}`).check();
    await phone.locator('[data-testid^="book-day-"]').first().check();
    await poll(() => phone.getByTestId('book-minutes').innerText()).toContain('90 分钟');
    const first = phone.locator('[data-testid^="book-slot-"]').first();
    await first.waitFor();
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${SHOTS}/appointments-item-zh.png`, fullPage: true });
  });

  it('a town officer picks the station from a labelled select', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' })
    ).newPage();
    await signIn(page, 'town');
    await page.goto(`${server.baseUrl}/appointments`);
    const select = page.getByTestId('appt-station');
    await select.waitFor();
    expect(await page.locator('label[for="appt-station"]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/appointments-picker.png`, fullPage: true });
  });

  it('the clerk finds a walk-in by name, issues his ticket, calls it and intake opens', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    await signIn(page, 'clerk');
    await page.goto(`${server.baseUrl}/appointments`);
    await page.locator('[data-testid="station-day"][data-loaded="yes"]').waitFor();
    await page.getByTestId('appt-station-fixed').waitFor();
    await page.locator('#walk-in-search').fill('程建国');
    await page.locator('#walk-in-search').press('Enter');
    const pick = page.locator('[data-testid^="walk-in-pick-"]').first();
    await pick.waitFor();
    expect(await page.getByTestId('walk-in-found').innerText()).toContain('*');
    await pick.click();
    await page.getByTestId('walk-in-resident-chosen').waitFor();
    await page.getByTestId('walk-in').click();
    await poll(() => page.getByTestId('tickets').innerText()).toContain('程建国');
    await page.getByTestId('call-next').click();
    await page.getByTestId('file-case-form').waitFor();
    await page.screenshot({ path: `${SHOTS}/appointments-walk-in-intake.png`, fullPage: true });
  });
});
