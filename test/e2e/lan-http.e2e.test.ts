/**
 * Issue #11: a village station's PC opens the town's server by a LAN name over plain HTTP
 * (`http://doorstep-town.lan:<port>/`, mapped to 127.0.0.1 — not localhost, which browsers treat
 * as secure). The page must render: no request upgraded to https://, every script loaded,
 * compressed and cached for a year.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, startServer, type RunningServer } from '../helpers/e2e.ts';

const HOST = 'doorstep-town.lan';

describe('a station PC on the LAN, over plain HTTP', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders the login form; nothing is upgraded to https; scripts arrive compressed and immutable', async () => {
    const port = new URL(server.baseUrl).port;
    const requested: string[] = [];
    const failed: string[] = [];
    const assets: Response[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/assets/')) assets.push(r);
    });

    const document = await page.goto(`http://${HOST}:${port}/`);
    await page.getByTestId('login-username').waitFor({ state: 'visible', timeout: 30_000 });
    await expect(page.getByTestId('login-submit').isVisible()).resolves.toBe(true);

    expect(requested.filter((u) => u.startsWith('https:'))).toEqual([]);
    expect(failed).toEqual([]);
    const scripts = assets.filter((r) => r.url().endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const r of scripts) {
      expect(r.url().startsWith(`http://${HOST}:${port}/assets/`), r.url()).toBe(true);
      expect(r.status(), r.url()).toBe(200);
      const headers = await r.allHeaders();
      expect(headers['cache-control'], r.url()).toBe('public, max-age=31536000, immutable');
      expect(['br', 'gzip'], r.url()).toContain(headers['content-encoding']);
    }
    // Measured, not asserted: what the login page's scripts cost on the wire.
    let wire = 0;
    let decoded = 0;
    for (const r of scripts) {
      wire += (await r.request().sizes()).responseBodySize;
      decoded += (await r.body()).length;
    }
    const encodings = new Set(
      await Promise.all(scripts.map((r) => r.headerValue('content-encoding'))),
    );
    console.log(
      `[lan-http] login page over http://${HOST}: ${scripts.length} scripts, ${(wire / 1024).toFixed(1)} KB on the wire (${[...encodings].join('/')}) for ${(decoded / 1024).toFixed(1)} KB of JavaScript`,
    );
    const headers = (await document?.allHeaders()) ?? {};
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['cache-control']).toBe('no-cache');
  });
});
