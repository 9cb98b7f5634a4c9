import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helmetOptions, INLINE_SCRIPT_HASHES } from './web-delivery.ts';

/** The CSP source of each inline <script> (no src) of an HTML file, as a browser hashes it. */
function inlineScriptHashes(file: string): string[] {
  const html = fs.readFileSync(file, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
}

describe('the Content-Security-Policy and the inline scripts of the web build (issue #11)', () => {
  const inline = ['web/index.html', 'web/resident.html'].flatMap(inlineScriptHashes);

  it('allows every inline script of the HTML entries by its hash, and no other', () => {
    expect(inline.length).toBeGreaterThan(0);
    expect([...INLINE_SCRIPT_HASHES].sort()).toEqual([...new Set(inline)].sort());
  });

  it('puts them in script-src beside self, over HTTP and HTTPS', () => {
    for (const https of [false, true]) {
      const csp = helmetOptions({ https }).contentSecurityPolicy;
      const scriptSrc =
        typeof csp === 'object' ? (csp.directives?.scriptSrc as readonly string[]) : undefined;
      expect(scriptSrc).toEqual(["'self'", ...INLINE_SCRIPT_HASHES]);
    }
  });
});
