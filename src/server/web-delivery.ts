/**
 * Issue #11 (Reach): how the web UI reaches a village PC on a LAN and a cheap phone on a weak
 * network.
 *
 * - Security headers: HSTS and CSP `upgrade-insecure-requests` only when the deployment is
 *   configured as served over HTTPS (never decided from the request), so `http://192.168.1.10:3000`
 *   on a station's LAN renders instead of upgrading every script to an https:// that is not there.
 * - Static files: the build's precompressed `.br`/`.gz` siblings by `Accept-Encoding`; hashed
 *   files under /assets/ cached for a year (`immutable`), every HTML entry `no-cache`.
 * - API answers: compressed on the fly (brotli quality 4 / gzip) when larger than 1 KiB.
 */
import path from 'node:path';
import compress from '@fastify/compress';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from '../config.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** Hashed build output (Vite's `assets/` folder). */
const ASSETS_DIR = 'assets';

/**
 * The inline scripts of the web build's HTML, allowed by their hashes and nothing else: the one in
 * web/resident.html asks `/auth/me` while the light entry's script downloads (issue #11), which
 * `script-src 'self'` alone would refuse. src/server/web-delivery.test.ts recomputes them from
 * the HTML sources, so an edit there fails the test instead of being silently blocked.
 */
export const INLINE_SCRIPT_HASHES: readonly string[] = [
  "'sha256-qe6Y8mZ/n8c5ZrodDePqJlcJqBXMoJSjthITO5ntE7E='",
];

export function helmetOptions(config: Pick<AppConfig, 'https'>): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its CSS-in-JS styles
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", ...INLINE_SCRIPT_HASHES],
        // null drops helmet's default: over plain HTTP it would send every script to https://.
        upgradeInsecureRequests: config.https ? [] : null,
      },
    },
    // HSTS over HTTP is ignored by browsers at best; sent only when HTTPS is what we serve.
    hsts: config.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}

/**
 * The security headers of an API answer, computed once. Helmet's full set (run per request, it
 * doubled the CPU of a bare answer in bench/programs-opening.bench.ts) goes to HTML and files of
 * the web build; a JSON answer is never rendered as a page, so it carries: no sniffing, a CSP
 * that allows nothing to run or frame it, no framing, and HSTS when HTTPS is what we serve.
 */
export function apiSecurityHeaders(config: Pick<AppConfig, 'https'>): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      ...(config.https ? ['upgrade-insecure-requests'] : []),
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'no-referrer',
    ...(config.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** Cache-Control for a file of the web build, by where it lies (not by its name). */
export function cacheControlFor(root: string, file: string): string | undefined {
  const relative = path.relative(root, file).split(path.sep).join('/');
  const plain = relative.replace(/\.(br|gz)$/, '');
  // HTML entries and the service worker (the browser must see a new one at once).
  if (plain.endsWith('.html') || plain === 'sw.js') return REVALIDATE;
  if (plain.startsWith(`${ASSETS_DIR}/`)) return IMMUTABLE;
  return undefined; // other files at the root (favicon, robots.txt): @fastify/static's default
}

/** Compression of API answers; registered after the hooks that read the payload (idempotency). */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
}

/** Serves the web build (precompressed, cached by kind); HTML entries are never kept stale. */
export async function registerWebStatic(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders(reply: FastifyReply, file: string) {
      const value = cacheControlFor(root, file);
      if (value) void reply.header('cache-control', value);
    },
  });
}
