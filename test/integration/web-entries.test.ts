/**
 * Issue #11: the server answers the public resident addresses with the light entry
 * (resident.html) and everything else with the staff app (index.html); the API's own 404 stays
 * a problem. The real app, with a web folder of two marked pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webEntryFor } from '../../src/server/web-entries.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const STAFF = '<!doctype html><title>staff</title>';
const LIGHT = '<!doctype html><title>light</title>';

describe('which HTML page a browser address gets', () => {
  let t: TestApp;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-web-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dist, 'index.html'), STAFF);
    fs.writeFileSync(path.join(dist, 'resident.html'), LIGHT);
    t = await createTestApp({ env: { WEB_DIST: dist } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const page = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type'], url).toContain('text/html');
    return res.body;
  };

  it('tracking and verification — as typed, and as receipts and certificates link them — get the light page', async () => {
    for (const url of [
      '/track',
      '/track/',
      '/track?number=20260302-00001&code=12345678',
      '/verify',
      '/verify/ZM2026-7Q9M-3TX8-A2RB',
      '/verify/ZM2026-7Q9M-3TX8-A2RB?from=qr',
      // A resident's own pages (issue #11): login, 点单, my records.
      '/r',
      '/r/',
      '/r/login?next=%2Fr%2Forder',
      '/r/order',
      '/r/mine',
    ])
      expect(await page(url), url).toBe(LIGHT);
  });

  it('the staff app keeps every other address', async () => {
    for (const url of [
      '/',
      '/login',
      '/cases',
      '/tracking',
      '/verify/a/b',
      '/records/verify',
      '/vs/order',
      '/vs/my-orders',
      '/r/order/x',
      '/residents',
    ])
      expect(await page(url), url).toBe(STAFF);
  });

  it('an unknown API address is still a problem, not a page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/track-nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('a web folder without the light page falls back to the staff app', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-web-old-'));
    fs.writeFileSync(path.join(old, 'index.html'), STAFF);
    const other = await createTestApp({ env: { WEB_DIST: old } });
    try {
      const res = await other.app.inject({ method: 'GET', url: '/track' });
      expect(res.body).toBe(STAFF);
    } finally {
      await other.close();
      fs.rmSync(old, { recursive: true, force: true });
    }
  });

  it('webEntryFor reads only the path', () => {
    expect(webEntryFor('/track?x=/login')).toBe('resident.html');
    expect(webEntryFor('/login?next=/track')).toBe('index.html');
  });
});
