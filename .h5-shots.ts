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
const call = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u as string, {
        method: m as string,
        headers: b ? { 'content-type': 'application/json' } : {},
        body: b ? JSON.stringify(b) : undefined,
      });
      return (await r.json()) as Record<string, unknown>;
    },
    [method, url, body] as const,
  );
const server = await startServer();
try {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.baseUrl);
    await login(page, 'clerk');
    const li = await call(page, 'POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' });
    let k = await call(page, 'POST', '/api/v1/cases', { residentId: li.id, itemCode: 'DX-SB-001', presented: ['id_card', 'photo_1inch'] });
    k = await call(page, 'POST', `/api/v1/cases/${k.id}/transitions`, { action: 'route', expectedVersion: k.version });
    await logout(page);
    await login(page, 'town');
    k = await call(page, 'POST', `/api/v1/cases/${k.id}/transitions`, { action: 'decide', expectedVersion: k.version, result: 'approved', resultText: '同意补办' });
    await logout(page);
    await login(page, 'clerk');
    await page.goto(`${server.baseUrl}/cases/${k.id}`);
    await page.getByTestId('action-deliver').click();
    await page.getByTestId('action-delivery-post').click();
    await page.getByTestId('action-confirm').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/9-deliver-required.png` });
    await page.getByTestId('action-postal-address').fill('北京市大兴区魏善庄镇三顺庄村东街8号 李长福 收');
    await page.screenshot({ path: `${OUT}/10-deliver-post.png` });
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('action-form').waitFor({ state: 'detached' });
    const after = await call(page, 'GET', `/api/v1/cases/${k.id}`);
    console.log('state after deliver:', after.state);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(server.baseUrl);
    await login(phone, 'agent');
    await phone.goto(`${server.baseUrl}/authorizations`);
    await phone.getByTestId('auth-list').waitFor().catch(() => undefined);
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: `${OUT}/11-agent-auths-phone.png`, fullPage: true });
    await phone.goto(`${server.baseUrl}/cases?box=accepted_here`);
    await phone.waitForTimeout(1000);
    await phone.screenshot({ path: `${OUT}/12-cases-phone.png`, fullPage: true });
    await logout(page);
    await login(page, 'town');
    await page.goto(`${server.baseUrl}/cases/overview`);
    await page.getByTestId('overview-stations').waitFor();
    await page.screenshot({ path: `${OUT}/13-overview-town.png`, fullPage: true });
    const dl = await Promise.all([page.waitForEvent('download'), page.getByTestId('overview-export').click()]);
    console.log('download:', dl[0].suggestedFilename());
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e);
  console.error(server.output.slice(-10).join(''));
} finally {
  await server.stop();
}
