/**
 * GS-12 → GS-4 in the browser: the 伊庄村 clerk, lacking the competence the demo town requires for
 * 临时救助申请 (DX-MZ-002), is refused at intake — and the page opens the 转办 dialog at once,
 * prefilled with the competent colleague the server suggests. She sends it; the resident's request
 * lands as a pending hand-off with that colleague, who sees it in their incoming hand-offs. The same
 * refusal for clerk-b on a phone in English and in elderly mode (screenshots).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';
import {
  launchBrowser,
  pickItemByKeyboard,
  type RunningServer,
  startServer,
} from '../helpers/e2e.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const SHOTS = 'test-results';
const LI_ID = '110115194803120019';

interface Mode {
  phone: boolean;
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
}

describe('GS-12 a refused clerk hands the resident on, not away', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function pageFor(username: string, mode: Mode): Promise<Page> {
    const context = await browser.newContext({
      viewport: mode.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      ...(mode.phone ? { isMobile: true, hasTouch: true } : {}),
      locale: mode.locale,
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const prefs = await context.request.patch(`${server.baseUrl}/api/v1/auth/preferences`, {
      data: { elderlyMode: mode.elderlyMode, locale: mode.locale },
    });
    expect(prefs.ok(), await prefs.text()).toBe(true);
    return context.newPage();
  }

  /** The workbench up to the refusal: 李长福, 临时救助申请, ID card presented, file. */
  async function refused(page: Page) {
    await page.goto(`${server.baseUrl}/cases/new`);
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'resident-lookup-input',
    );
    await page.keyboard.type(LI_ID);
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('wb-applicant').innerText()).toContain('李长福');
    await pickItemByKeyboard(page, 'lsjz', 'DX-MZ-002');
    await page.getByTestId('wb-material-id_card').waitFor();
    await page.getByTestId('wb-material-id_card').check();
    await page.getByTestId('wb-file').click();
    await page.getByTestId('wb-file-error').waitFor();
    await page.getByTestId('refusal-handoff-intro').waitFor();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('refused, the clerk finds the hand-off dialog open and prefilled; she sends it', async () => {
    const clerk = await pageFor('clerk', { phone: false, elderlyMode: false, locale: 'zh-CN' });
    await refused(clerk);
    const receiver = clerk.getByTestId('handoff-receiver');
    await poll(() => receiver.innerText()).toContain('有资质');
    const chosen = (await receiver.innerText()).split(' · ')[0]!.trim();
    expect(await clerk.getByTestId('handoff-reason').inputValue()).toContain('DX-MZ-002');
    await clerk.screenshot({ path: `${SHOTS}/training-refusal-handoff.png`, fullPage: true });
    await clerk.getByTestId('handoff-submit').click();
    await clerk.getByTestId('handoff-reason').waitFor({ state: 'detached' });
    // the workbench moves on to the next applicant
    await poll(() =>
      clerk.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).toBe('resident-lookup-input');

    await clerk.goto(`${server.baseUrl}/handoffs`);
    await clerk.getByRole('tab', { name: '我转出的' }).click();
    const outgoing = clerk.getByTestId('handoffs-outgoing');
    await poll(() => outgoing.innerText()).toContain('DX-MZ-002');
    expect(await outgoing.innerText()).toContain(chosen);

    // the receiver (the town officer or the 三顺庄 agent, whoever the server suggested) has it
    const receiverName = chosen;
    const who = receiverName.includes('镇中心') ? 'town' : 'agent';
    const other = await pageFor(who, { phone: false, elderlyMode: false, locale: 'zh-CN' });
    await other.goto(`${server.baseUrl}/handoffs`);
    const incoming = other.getByTestId('handoffs-incoming');
    await poll(() => incoming.innerText()).toContain('DX-MZ-002');
    await other.screenshot({ path: `${SHOTS}/training-refusal-received.png`, fullPage: true });
  });

  const MODES: (Mode & { name: string })[] = [
    { name: 'phone-en', phone: true, elderlyMode: false, locale: 'en' },
    { name: 'phone-elderly', phone: true, elderlyMode: true, locale: 'zh-CN' },
  ];
  for (const mode of MODES) {
    it(`the refusal's hand-off dialog: ${mode.name}`, async () => {
      const page = await pageFor('clerk-b', mode);
      await refused(page);
      const intro = await page.getByTestId('refusal-handoff-intro').innerText();
      expect(intro).toContain(mode.locale === 'en' ? 'competence' : '须持证受理');
      await poll(() => page.getByTestId('handoff-receiver').innerText()).toContain(
        mode.locale === 'en' ? 'competent' : '有资质',
      );
      await page.screenshot({ path: `${SHOTS}/training-refusal-${mode.name}.png`, fullPage: true });
      await page.keyboard.press('Escape');
      await page.getByTestId('handoff-reason').waitFor({ state: 'detached' });
      await page.getByTestId('refusal-handoff-open').waitFor();
    });
  }
});
