import type { Page } from 'playwright-core';
import { launchBrowser, startServer } from './test/helpers/e2e.ts';

const OUT = '/tmp/h5shots';
async function login(page: Page, u: string) {
  await page.getByTestId('login-username').fill(u);
  await page.getByTestId('login-password').fill('Doorstep-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}
async function logout(page: Page) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.baseUrl);
  await login(page, 'clerk');
  // find 李长福's id via API in page context
  const li = await page.evaluate(async () => {
    const r = await fetch('/api/v1/residents/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: '110115194803120019' }),
    });
    return (await r.json()) as { id: string };
  });
  await page.goto(`${server.baseUrl}/residents/${li.id}`);
  await page.getByTestId('resident-authorizations').waitFor();
  await page.getByTestId('auth-add').click();
  await page.getByTestId('auth-form').waitFor();
  await page.getByTestId('auth-agent').click();
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  await page.getByTestId('auth-expires').fill('2026-12-31');
  await page.screenshot({ path: `${OUT}/1-auth-form.png`, fullPage: true });
  await page.getByTestId('auth-consent-phone').click();
  await page.getByTestId('auth-call-ref').fill('站内录音电话 第 3 通');
  await page.getByTestId('auth-save').click();
  await page.getByTestId('auth-card').first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${OUT}/2-resident-auths.png`, fullPage: true });
  // file a case via API, then the list with filters
  await page.evaluate(async (id) => {
    await fetch('/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ residentId: id, itemCode: 'DX-SB-001', presented: ['id_card', 'photo_1inch'] }),
    });
  }, li.id);
  await page.goto(`${server.baseUrl}/cases?box=accepted_here&applicant=${encodeURIComponent('李')}`);
  await page.getByTestId('case-rows').waitFor();
  await page.screenshot({ path: `${OUT}/3-cases-filter.png`, fullPage: true });
  await page.getByTestId('case-rows').locator('a').first().click();
  await page.getByTestId('case-first-responder').waitFor();
  await page.screenshot({ path: `${OUT}/4-case-detail.png`, fullPage: true });
  await page.goto(`${server.baseUrl}/authorizations`);
  await page.getByTestId('auth-list').waitFor();
  await page.screenshot({ path: `${OUT}/5-auth-page.png`, fullPage: true });
  // phone width
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${server.baseUrl}/cases?box=accepted_here`);
  await login(phone, 'clerk').catch(() => undefined);
  await phone.goto(`${server.baseUrl}/cases?box=accepted_here`);
  await phone.getByTestId('case-rows').waitFor();
  await phone.screenshot({ path: `${OUT}/6-cases-phone.png`, fullPage: true });
  await phone.goto(`${server.baseUrl}/residents/${li.id}`);
  await phone.getByTestId('auth-card').first().waitFor();
  await phone.screenshot({ path: `${OUT}/7-auths-phone.png`, fullPage: true });
  await logout(page);
  await login(page, 'supervisor');
  await page.goto(`${server.baseUrl}/cases/overview`);
  await page.getByTestId('overview-export').waitFor();
  await page.screenshot({ path: `${OUT}/8-overview.png`, fullPage: true });
} catch (e) {
  console.error(e);
  console.error(server.output.slice(-20).join(''));
} finally {
  await browser.close();
  await server.stop();
}
