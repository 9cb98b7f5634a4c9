/**
 * Issue #11 (Reach): a village station's PC on a LAN over plain HTTP, a phone on a weak network.
 * Security headers follow the configured deployment (never the request); the web build is served
 * precompressed and cached by kind; API answers are compressed; one public URL for every link;
 * the stations of a town are public, and tracking names them.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressDir } from '../../scripts/compress-web.mjs';
import { tlsServerOptions } from '../../src/server/tls.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const TOWN = '110115110000'; // 魏善庄镇
const SANSHUNZHUANG = '110115110222';
const LI = '110115194803120019'; // 李长福, home 三顺庄村
const SCRIPT = `console.log(${JSON.stringify('家门口 '.repeat(400))});\n`;
const HTML = (title: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>` +
  `<script type="module" src="/assets/app-Bx12cd34.js"></script></head><body>` +
  `<div id="root">${'<p>正在加载…</p>'.repeat(60)}</div></body></html>`;

/** A tiny web build (two HTML entries, one hashed script, a small icon), precompressed by our script. */
function fakeWebDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), HTML('家门口'));
  fs.writeFileSync(path.join(dir, 'resident.html'), HTML('家门口 · 居民'));
  fs.writeFileSync(path.join(dir, 'assets/app-Bx12cd34.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  compressDir(dir);
  return dir;
}

const headersOf = async (t: TestApp, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('a deployment over plain HTTP (a station LAN)', () => {
  let t: TestApp;
  let web = '';
  beforeAll(async () => {
    web = fakeWebDist();
    t = await createTestApp({ env: { WEB_DIST: web, PUBLIC_URL: 'http://192.168.1.10:3000/' } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('sends no HSTS and no upgrade-insecure-requests, on pages, assets and the API', async () => {
    for (const url of ['/', '/index.html', '/assets/app-Bx12cd34.js', '/api/v1/meta', '/healthz']) {
      const r = await headersOf(t, url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
    }
  });

  it('one public URL for every link: GET /api/v1/meta, public', async () => {
    const r = await headersOf(t, '/api/v1/meta');
    expect(r.json()).toEqual({ publicUrl: 'http://192.168.1.10:3000', https: false });
  });

  it('hashed assets are immutable for a year; every HTML entry (and the SPA fallback) is no-cache', async () => {
    const asset = await headersOf(t, '/assets/app-Bx12cd34.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/resident.html', '/track', '/cases/123']) {
      const r = await headersOf(t, url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await headersOf(t, '/resident.html')).body).toContain('家门口 · 居民');
  });

  it('serves the build’s .br to Accept-Encoding: br, .gz to gzip, the plain file otherwise', async () => {
    const br = await headersOf(t, '/assets/app-Bx12cd34.js', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(SCRIPT);

    const gz = await headersOf(t, '/assets/app-Bx12cd34.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(SCRIPT);

    const plain = await headersOf(t, '/assets/app-Bx12cd34.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    for (const url of ['/', '/resident.html', '/track']) {
      const page = await headersOf(t, url, { 'accept-encoding': 'br' });
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(page.rawPayload).toString('utf8'), url).toMatch(
        /^<!doctype/,
      );
    }
    // A file too small for a compressed sibling falls back to the plain file (compressed on the fly).
    expect(fs.existsSync(path.join(web, 'favicon.svg.br'))).toBe(false);
    const icon = await headersOf(t, '/favicon.svg', { 'accept-encoding': 'br' });
    expect(icon.statusCode).toBe(200);
    const svg =
      icon.headers['content-encoding'] === 'br'
        ? zlib.brotliDecompressSync(icon.rawPayload).toString('utf8')
        : icon.body;
    expect(svg).toContain('<svg');
  });

  it('compresses large API answers (brotli or gzip), leaves small ones alone', async () => {
    const big = await headersOf(t, '/api/openapi.json', { 'accept-encoding': 'br' });
    expect(big.headers['content-encoding']).toBe('br');
    const doc = JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString('utf8')) as {
      paths: Record<string, unknown>;
    };
    expect(doc.paths['/api/v1/public/stations']).toBeDefined();
    expect(big.rawPayload.length).toBeLessThan(JSON.stringify(doc).length / 4);
    const gz = await headersOf(t, `/api/v1/public/stations?town=${TOWN}`, {
      'accept-encoding': 'gzip',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toHaveLength(19);
    const small = await headersOf(t, '/api/v1/meta', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('lists a town’s stations without a login: name, address, phone, hours; nothing personal', async () => {
    const r = await headersOf(t, `/api/v1/public/stations?town=${TOWN}`);
    expect(r.statusCode, r.body).toBe(200);
    const stations = r.json<Record<string, unknown>[]>();
    expect(stations).toHaveLength(19); // the town centre and its 18 village stations
    expect(stations[0]).toMatchObject({ name: '魏善庄镇政务服务中心', kind: 'town_centre' });
    const yizhuang = stations.find((s) => s.name === '伊庄村政务服务站');
    expect(yizhuang).toMatchObject({
      kind: 'village_station',
      regionCode: '110115110207',
      address: expect.stringContaining('伊庄村') as unknown,
      phone: expect.any(String) as unknown,
      openingHours: expect.arrayContaining([
        expect.objectContaining({ days: expect.any(Array) as unknown }),
      ]) as unknown,
    });
    for (const s of stations) {
      expect(Object.keys(s).sort()).toEqual(
        [
          'address',
          'code',
          'kind',
          'name',
          'openingHours',
          'phone',
          'regionCode',
          'regionName',
        ].sort(),
      );
      expect(String(s.regionCode).startsWith('110115110')).toBe(true);
    }
    // A village code widens to its town; the answer may be cached briefly by browsers.
    const byVillage = await headersOf(t, `/api/v1/public/stations?town=${SANSHUNZHUANG}`);
    expect(byVillage.json()).toEqual(stations);
    expect(byVillage.headers['cache-control']).toBe('public, max-age=300');

    const unknown = await headersOf(t, '/api/v1/public/stations?town=110115999000');
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([
      400,
      'UNKNOWN_REGION',
    ]);
    for (const bad of ['', '?town=abc', '?town=110115110000&extra=1']) {
      const r2 = await headersOf(t, `/api/v1/public/stations${bad}`);
      expect(r2.statusCode, bad).toBe(400);
      expect(r2.json<{ code: string }>().code, bad).toBe('VALIDATION_FAILED');
    }
  });

  it('tracking names the stations of the case’s town where a supplement can be handed in', async () => {
    const clerk = await t.login('clerk'); // 伊庄村
    const li = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>();
    const filed = await clerk.call('POST', '/api/v1/cases', {
      residentId: li.id,
      itemCode: 'DX-SB-001',
      presented: ['id_card'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const kase = filed.json<{ number: string; trackingCode: string }>();
    const tracked = await headersOf(
      t,
      `/api/v1/track?number=${kase.number}&code=${kase.trackingCode}`,
    );
    expect(tracked.statusCode, tracked.body).toBe(200);
    const view = tracked.json<{
      station: string;
      townStations: { name: string; address: string; phone: string; regionCode: string }[];
    }>();
    expect(view.station).toBe('伊庄村政务服务站');
    expect(view.townStations).toHaveLength(19);
    // His own village's station first, then the town centre; every one with where and when.
    expect(view.townStations.slice(0, 2).map((s) => s.name)).toEqual([
      '三顺庄村政务服务站',
      '魏善庄镇政务服务中心',
    ]);
    expect(view.townStations.map((s) => s.name)).toContain('伊庄村政务服务站');
    for (const s of view.townStations) {
      expect(s.regionCode.startsWith('110115110')).toBe(true);
      expect(s.address.length).toBeGreaterThan(0);
      expect(s.phone.length).toBeGreaterThan(0);
    }
    expect(tracked.body).not.toContain('李长福');
  });
});

describe('a deployment over HTTPS (PUBLIC_URL https://…)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://doorstep.example.gov.cn' } });
  });
  afterAll(async () => t.close());

  it('sends HSTS and upgrade-insecure-requests, even to a request that arrived over HTTP', async () => {
    for (const url of ['/healthz', '/api/v1/meta']) {
      const r = await headersOf(t, url);
      expect(r.headers['strict-transport-security'], url).toBe('max-age=31536000');
      expect(String(r.headers['content-security-policy']), url).toContain(
        'upgrade-insecure-requests',
      );
    }
    expect((await headersOf(t, '/api/v1/meta')).json()).toEqual({
      publicUrl: 'https://doorstep.example.gov.cn',
      https: true,
    });
  });
});

describe('built-in TLS (TLS_CERT_FILE + TLS_KEY_FILE)', () => {
  let t: TestApp;
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-tls-'));
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=doorstep-town.lan',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ]);
    t = await createTestApp({
      env: {
        TLS_CERT_FILE: path.join(dir, 'cert.pem'),
        TLS_KEY_FILE: path.join(dir, 'key.pem'),
        PUBLIC_URL: 'https://doorstep-town.lan',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the server itself answers over HTTPS, with HSTS', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const answer = await new Promise<{ hsts: unknown; body: string }>((resolve, reject) => {
      https
        .get(
          { host: '127.0.0.1', port, path: '/api/v1/meta', rejectUnauthorized: false },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString('utf8')));
            res.on('end', () => resolve({ hsts: res.headers['strict-transport-security'], body }));
          },
        )
        .on('error', reject);
    });
    expect(JSON.parse(answer.body)).toEqual({
      publicUrl: 'https://doorstep-town.lan',
      https: true,
    });
    expect(answer.hsts).toBe('max-age=31536000');
  });

  it('an unreadable certificate stops the start with the variable named', async () => {
    expect(() =>
      tlsServerOptions({ tls: { certFile: path.join(dir, 'missing.pem'), keyFile: 'k.pem' } }),
    ).toThrow(/TLS_CERT_FILE cannot be read/);
  });
});

describe('doorstep serve in production', { timeout: 120_000 }, () => {
  const serve = async (extra: Record<string, string>) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-prod-url-'));
    try {
      await promisify(execFile)(process.execPath, [path.resolve('bin/doorstep.mjs'), 'serve'], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATA_DIR: dataDir,
          DATABASE_URL: `sqlite:${path.join(dataDir, 'doorstep.sqlite')}`,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          PUBLIC_URL: '',
          DOORSTEP_DATA_KEY: '',
          ...extra,
        },
        timeout: 90_000,
      });
      return { code: 0, stderr: '' };
    } catch (e) {
      return e as { code: number; stderr: string };
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };

  it('refuses to start without PUBLIC_URL, naming the variable (QR codes would open localhost)', async () => {
    const refused = await serve({});
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('PUBLIC_URL is required in production');
    // With PUBLIC_URL it gets past that check (and stops at the next one: the data key).
    const next = await serve({ PUBLIC_URL: 'http://192.168.1.10:3000' });
    expect(next.code).not.toBe(0);
    expect(next.stderr).not.toContain('PUBLIC_URL');
    expect(next.stderr).toContain('DOORSTEP_DATA_KEY is required in production');
  });
});
