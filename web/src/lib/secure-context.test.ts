import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('#11 plain HTTP on a station LAN: no secure-context-only API outside its fallback', () => {
  it('crypto.randomUUID is called only by lib/idempotency.ts randomUuid() (absent on http:// LAN addresses)', () => {
    const offenders = sources('web/src').filter(
      (f) =>
        !f.endsWith(path.join('lib', 'idempotency.ts')) &&
        /crypto\.randomUUID\s*\(/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
