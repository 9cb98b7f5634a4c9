/**
 * GS-13 on the light entry (issue #14 point 6), on a phone: 李长福 logs in with his mobile, finds his
 * delivered case under "我的待评价服务" and rates it; under "我的评价与回复" he sees his earlier 差评
 * and what the unit's rectification ticket did (called back, rectified, the outcome). In Chinese,
 * then in English. Screenshots go to test-results/.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/modules/demo/demo-accounts.ts';
import { launchBrowser, startServer, type RunningServer } from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const LI_ID = '110115194803120019';

type Call = <T>(method: string, url: string, body?: unknown) => Promise<T>;

async function as(baseUrl: string, username: string): Promise<Call> {
  const call =
    (token: string | null): Call =>
    async <T>(method: string, url: string, body?: unknown) => {
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
  const { token } = await call(null)<{ token: string }>('POST', '/auth/tokens', {
    username,
    password: DEMO_PASSWORD,
    label: 'e2e resident-ratings',
  });
  return call(token);
}

interface Kase {
  id: string;
  number: string;
  version: number;
}

/** Two delivered cases of 李长福; the first rated 差评 by its QR link, its ticket rectified. */
async function scene(baseUrl: string) {
  const clerk = await as(baseUrl, 'clerk');
  const town = await as(baseUrl, 'town');
  const li = await clerk<{ id: string }>('POST', '/residents/lookup', { idNumber: LI_ID });
  const delivered = async () => {
    let k = await clerk<Kase>('POST', '/cases', {
      residentId: li.id,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });
    const step = (who: Call, body: Record<string, unknown>) =>
      who<Kase>('POST', `/cases/${k.id}/transitions`, { expectedVersion: k.version, ...body });
    k = await step(clerk, { action: 'route' });
    k = await step(town, { action: 'decide', result: 'approved', resultText: '准予' });
    return step(clerk, { action: 'deliver' });
  };
  const bad = await delivered();
  const link = await clerk<{ url: string }>('POST', '/ratings/links', {
    subjectType: 'case',
    subjectId: bad.id,
    channel: 'qr',
  });
  const token = new URL(link.url).searchParams.get('t')!;
  const rated = (await (
    await fetch(`${baseUrl}/api/v1/ratings/public/links/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ level: 1, reasons: ['repeat_visits'], comment: '跑了两趟' }),
    })
  ).json()) as { ticketId: string };
  const ticketId = rated.ticketId;
  let tk = await town<{ version: number }>('GET', `/ratings/tickets/${ticketId}`);
  const stepT = async (body: Record<string, unknown>) => {
    tk = await clerk<{ version: number }>('POST', `/ratings/tickets/${ticketId}/steps`, {
      version: tk.version,
      ...body,
    });
  };
  await stepT({ action: 'call_back', note: '已回访' });
  await stepT({ action: 'classify', note: '属实', classification: 'fix_now' });
  await stepT({ action: 'rectify', outcome: '材料清单已一次告知到位' });
  const good = await delivered();
  return { bad, good };
}

describe('a resident rates and follows a 差评 on the light entry', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let cases: { bad: Kase; good: Kase };

  const codeFromLog = () => {
    const lines = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"template":"login_code"'));
    return /"code":"(\d{6})"/.exec(lines.at(-1) ?? '')?.[1] ?? null;
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    cases = await scene(server.baseUrl);
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await phone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('我的待评价服务: logs in by SMS code, rates the delivered case', async () => {
    await page.goto(`${server.baseUrl}/r/to-rate`);
    await page.getByTestId('login-phone').fill(DEMO_PHONES.resident!);
    await page.getByTestId('login-send').click();
    await poll(codeFromLog).not.toBeNull();
    await page.getByTestId('login-code').fill(codeFromLog()!);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('to-rate-page').waitFor();
    const item = page.getByTestId('to-rate-item').filter({ hasText: cases.good.number });
    await item.waitFor();
    // The 差评'd case is rated already: not in the list.
    expect(
      await page.getByTestId('to-rate-item').filter({ hasText: cases.bad.number }).count(),
    ).toBe(0);
    await page.screenshot({ path: `${SHOTS}/resident-to-rate-zh.png`, fullPage: true });
    await item.getByTestId('to-rate-open').click();
    await item.getByTestId('level-5').click();
    await item.getByTestId('rating-submit').click();
    await poll(() => page.getByTestId('to-rate-thanks').textContent()).toContain(cases.good.number);
    await poll(() =>
      page.getByTestId('to-rate-item').filter({ hasText: cases.good.number }).count(),
    ).toBe(0);
  });

  it('我的评价与回复: the 差评 shows its rectification and the outcome; then in English', async () => {
    await page.getByTestId('to-my-ratings').click();
    await page.getByTestId('my-ratings-page').waitFor();
    const bad = page.getByTestId('my-rating').filter({ hasText: cases.bad.number });
    await bad.waitFor();
    expect(await bad.getByTestId('my-rating-level').textContent()).toContain('非常不满意');
    expect(await bad.getByTestId('my-rating-ticket').textContent()).toContain('已整改');
    expect(await bad.getByTestId('my-rating-outcome').textContent()).toContain(
      '材料清单已一次告知到位',
    );
    const good = page.getByTestId('my-rating').filter({ hasText: cases.good.number });
    expect(await good.getByTestId('my-rating-level').textContent()).toContain('非常满意');
    expect(await good.getByTestId('my-rating-ticket').count()).toBe(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/resident-my-ratings-zh.png`, fullPage: true });

    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'My ratings and replies',
    );
    expect(await bad.getByTestId('my-rating-level').textContent()).toContain('Very dissatisfied');
    expect(await bad.getByTestId('my-rating-ticket').textContent()).toContain('Put right');
    await page.screenshot({ path: `${SHOTS}/resident-my-ratings-en.png`, fullPage: true });
    await page.goto(`${server.baseUrl}/r/to-rate`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'My services to rate',
    );
    await page.screenshot({ path: `${SHOTS}/resident-to-rate-en.png`, fullPage: true });
  });
});
