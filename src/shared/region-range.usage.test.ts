/**
 * One rule by one mechanism (issue #16): a scope filter on a region code is `underPrefix` /
 * `underAnyPrefix` (region-range.ts), never `LIKE 'prefix%'`, which PostgreSQL cannot walk by index
 * under the usual collations. Fails on any source line that matches a `…code` column with LIKE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** `'x.region_code', 'like'`, `region_code like ${…}`, `` sql.ref(`…code`)} like ``, across lines. */
const LIKE_ON_CODE = /code(?:['"`]\)?\}?)?\s*,?\s*['"]?like['"]?\s*[,$'"`]/gi;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('#16 region scope filters walk an index', () => {
  it('catches the forms it looks for, and not prose', () => {
    const hits = (text: string) => [...text.matchAll(LIKE_ON_CODE)].length;
    expect(hits("eb('t.region_code', 'like', `${p}%`)")).toBe(1);
    expect(hits(".where(\n  'r.code',\n  'like',\n  `${x}%`)")).toBe(1);
    expect(hits('sql`p.region_code like ${`${s.prefix}%`}`')).toBe(1);
    expect(hits('sql`${sql.ref(`${alias}.region_code`)} like ${`${p}%`}`')).toBe(1);
    expect(hits("'a town’s 12-digit code, like 110115110000'")).toBe(0);
    expect(hits("eb('c.number', 'like', `${n}%`)")).toBe(0);
  });

  it('no LIKE on a region code column in src/ (migrations aside: frozen history)', () => {
    const found = sources(SRC)
      .filter(
        (f) => !f.includes(`${path.sep}migrations${path.sep}`) && !f.endsWith('region-range.ts'),
      )
      .flatMap((file) => {
        const text = fs.readFileSync(file, 'utf8');
        return [...text.matchAll(LIKE_ON_CODE)].map((m) => {
          const line = text.slice(0, m.index).split('\n').length;
          return `${path.relative(SRC, file)}:${line}: ${m[0].replace(/\s+/g, ' ')}`;
        });
      });
    expect(found).toEqual([]);
  });
});
