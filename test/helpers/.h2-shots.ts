// Temporary screenshot script for helper H2 (deleted after use).
import { launchBrowser, startServer } from './e2e.ts';

const server = await startServer();
const browser = await launchBrowser();
const shot = async (user: string, path: string, file: string, width = 390, act?: (p: import('playwright-core').Page) => Promise<void>) => {
  const ctx = await browser.newContext({ viewport: { width, height: 844 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill('Doorstep-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  await page.goto(`${server.baseUrl}${path}`);
  await page.waitForTimeout(2000);
  if (act) await act(page);
  await page.screenshot({ path: `/tmp/h2-shots/${file}.png`, fullPage: true });
  await ctx.close();
};
try {
  await shot('resident', '/vs/order', 'order-menu');
  await shot('resident', '/vs/order', 'order-form', 390, async (p) => {
    await p.getByTestId('menu-category').first().click();
    await p.waitForTimeout(500);
  });
  await shot('resident', '/vs/my-orders', 'my-orders');
  await shot('vstaff', '/vs/board', 'board', 1280);
  await shot('vstaff', '/vs/board', 'board-drawer', 1280, async (p) => {
    await p.getByRole('tab', { name: /服务订单/ }).click();
    await p.waitForTimeout(800);
    await p.getByTestId('open-order').first().click();
    await p.waitForTimeout(1500);
  });
  await shot('leader', '/vs/inbox', 'inbox');
  await shot('leader', '/vs/inbox', 'inbox-open', 390, async (p) => {
    await p.getByText(/可抢单/).first().click();
    await p.waitForTimeout(800);
  });
} finally {
  await browser.close();
  await server.stop();
}
