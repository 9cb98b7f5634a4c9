import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PII_SOURCES } from './pii-rotation.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('key rotation covers every encrypted column (X-3)', () => {
  it('every file that encrypts or hashes with the data key is listed in PII_SOURCES', () => {
    const users = sourceFiles('src')
      .filter((f) => !f.endsWith('pii-crypto.ts') && !f.endsWith('pii-rotation.ts'))
      .filter((f) => !f.includes(`${path.sep}cli${path.sep}`) && !f.endsWith('secrets.ts'))
      .filter((f) => /\.(encrypt|encryptBytes|lookupHash)\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => f.split(path.sep).join('/'))
      .sort();
    expect(users).toEqual(Object.keys(PII_SOURCES).sort());
  });
});
