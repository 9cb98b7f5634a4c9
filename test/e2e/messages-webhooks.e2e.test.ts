/**
 * Issue #15 points 5 and 9, browser journey: the administrator registers a webhook receiver for
 * 魏善庄镇 (the signing secret shown once), presses "send test" and sees the delivery in the log
 * once the running server's job queue has delivered it to a receiver this test listens with
 * (signed, once); then a clerk opens a case, sees its message sent and resends it (a new
 * message, marked as a resend). Screenshots on a phone, in elderly mode and in English.
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { enqueueMessage } from '../../src/modules/notifications/outbox.ts';
import { createPiiCipher, parseMasterKey } from '../../src/shared/pii-crypto.ts';
import {
  chooseOption,
  launchBrowser,
  showPasswordForm,
  signedIn,
  startServer,
  type RunningServer,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });
const SHOTS = 'test-results';

async function login(page: Page, username: string) {
  await showPasswordForm(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await signedIn(page).waitFor();
}
async function preferences(page: Page, body: { elderlyMode: boolean; locale: 'zh-CN' | 'en' }) {
  const origin = page.url().split('/').slice(0, 3).join('/');
  const r = await page.context().request.patch(`${origin}/api/v1/auth/preferences`, { data: body });
  expect(r.ok()).toBe(true);
}

/** A message about a case, written as the cases module would (a non-demo phone: really sent). */
async function seedCaseMessage(dataDir: string, caseId: string) {
  const key = parseMasterKey(
    fs.readFileSync(path.join(dataDir, 'dev-data-key.txt'), 'utf8').trim(),
  );
  const pii = createPiiCipher(key);
  const db = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'doorstep.sqlite') });
  try {
    return await db.kysely.transaction().execute((trx) =>
      enqueueMessage(trx, pii, {
        channel: 'sms',
        to: '13912345678',
        template: 'case_pickup_ready',
        params: { number: '20260302-00001', station: '伊庄村便民服务站' },
        subject: { type: 'case', id: caseId },
        now: new Date(),
      }),
    );
  } finally {
    await db.close();
  }
}

describe('issue #15: webhooks and a case’s messages in the web', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let receiver: http.Server;
  let hookUrl = '';
  const received: { signature: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const sig = Object.entries(req.headers).find(([k]) => /signature/i.test(k))?.[1];
        received.push({ signature: Array.isArray(sig) ? sig[0] : sig, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hook`;
    // Quiet hours off: the journey must not depend on the hour it runs at (21:00–08:00 holds SMS).
    server = await startServer({ OUTBOX_INTERVAL_SECONDS: '2', OUTBOX_QUIET_HOURS: 'off' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => receiver?.close(r));
  });

  it('the admin registers a receiver for 魏善庄镇: the secret is shown once', async () => {
    await page.goto(server.baseUrl);
    await login(page, 'admin');
    await page.getByTestId('nav-webhooks').click();
    await page.getByTestId('webhook-form').waitFor();
    await page.getByTestId('webhook-name').fill('区政务数据平台');
    await chooseOption(page, 'webhook-town', '魏善庄镇', { search: '魏善庄' });
    await page.getByTestId('webhook-url').fill(hookUrl);
    await chooseOption(page, 'webhook-events', '办件已办结');
    await page.keyboard.press('Escape');
    await page.getByTestId('webhook-create').click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    const shown = (await secret.innerText()).trim();
    expect(shown.length).toBeGreaterThan(20);
    await page.screenshot({ path: `${SHOTS}/webhooks-1-secret.png`, fullPage: true });
    await page.getByRole('button', { name: '已复制，关闭' }).click();
    await page.getByTestId('webhook-区政务数据平台').waitFor();
    expect(await page.getByTestId('webhooks-table').innerText()).not.toContain(shown);
    expect(await page.getByTestId('webhooks-table').innerText()).toContain('办件已办结');
  });

  it('"send test" is delivered, signed, once — and shows in the delivery log', async () => {
    await page.getByTestId('webhook-test-区政务数据平台').click();
    await page.getByTestId('webhook-log').waitFor();
    const row = page.locator('[data-testid="delivery-webhook.test"]');
    await poll(async () => {
      await page.getByTestId('webhook-log-refresh').click();
      return row.getAttribute('data-status');
    }).toBe('delivered');
    expect(received).toHaveLength(1);
    expect(received[0]!.signature).toBeTruthy();
    expect(JSON.parse(received[0]!.body)).toMatchObject({ event: 'webhook.test' });
    expect(await row.innerText()).toContain('测试推送');
    // Issue #16 p5: the log pages by cursor with its total; one delivery, so no paging.
    expect(await page.getByTestId('webhook-log-pager-total').innerText()).toBe('共 1 条');
    expect(await page.getByTestId('webhook-log-pager-next').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/webhooks-2-log.png`, fullPage: true });
  });

  it('on a phone, in elderly mode and English, the page reads and works', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(server.baseUrl);
    await login(phone, 'admin');
    await preferences(phone, { elderlyMode: true, locale: 'en' });
    await phone.goto(`${server.baseUrl}/webhooks`);
    await phone.getByTestId('webhooks-table').waitFor();
    await phone.getByTestId('webhook-log-区政务数据平台').click();
    await phone.locator('[data-testid="delivery-webhook.test"]').waitFor();
    expect(await phone.getByTestId('webhook-log').innerText()).toContain('Test delivery');
    expect(await phone.getByTestId('webhook-log-pager-total').innerText()).toBe('1 in all');
    await phone.screenshot({ path: `${SHOTS}/webhooks-3-phone-elderly-en.png`, fullPage: true });
    await preferences(phone, { elderlyMode: false, locale: 'zh-CN' });
    await phone.close();
  });

  it('a clerk sees a case’s message sent and resends it', async () => {
    const clerk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await clerk.goto(server.baseUrl);
    await login(clerk, 'clerk');
    const list = await clerk.context().request.get(`${server.baseUrl}/api/v1/cases?limit=1`);
    expect(list.ok()).toBe(true);
    const [kase] = (await list.json()) as { id: string }[];
    const messageId = await seedCaseMessage(server.dataDir, kase!.id);
    await clerk.goto(`${server.baseUrl}/cases/${kase!.id}`);
    const item = clerk.getByTestId(`message-${messageId}`);
    // Written by another process: no wake-up reached the server, its sweep sends it.
    await poll(async () => {
      await clerk.reload();
      await clerk.getByTestId('case-messages').waitFor();
      return item.getAttribute('data-status');
    }).toBe('submitted'); // the SMS log provider: handed over, no delivery report
    expect(await item.innerText()).toContain('领取结果通知');
    // The case has the messages the product sent it too (filed, decided …): one more after the resend.
    const all = clerk.locator(
      '[data-testid="case-messages"] [data-testid^="message-"][data-status]',
    );
    const before = await all.count();
    await clerk.getByTestId(`message-resend-${messageId}`).click();
    await clerk.getByTestId('message-resend-confirm').click();
    await poll(() => all.count()).toBe(before + 1);
    expect(await all.first().innerText()).toContain('重发');
    await clerk.screenshot({ path: `${SHOTS}/messages-1-case-resent.png`, fullPage: true });
    await clerk.close();
  });
});
