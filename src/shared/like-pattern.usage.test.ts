/**
 * One rule by one mechanism (issue #16): every LIKE in src/ is built by `likeText`
 * (like-pattern.ts), which escapes `%`, `_` and `\` and says `ESCAPE '\'`, so user text is matched
 * literally on both databases. Fails on a Kysely `'like'` / `'ilike'` operator or a raw
 * `like ${…}` / `like '…'` in SQL anywhere else (comments aside; migrations aside: frozen history).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** `eb(c, 'like', …)`, `.where(c, "not ilike", …)`, and raw `sql` with `like ${…}` or `like '…'`. */
const LIKE = /['"`](?:not\s+)?i?like['"`]|\bi?like\s+(?:\$\{|'|\?)/gi;

/**
 * Files allowed a LIKE of their own, each with its reason. An entry whose file no longer has one
 * fails the test, so the list only shrinks.
 */
const ALLOWED: Record<string, string> = {
  'shared/like-pattern.ts': 'the mechanism itself',
  'db/partitions.ts': 'CREATE TABLE … (LIKE parent INCLUDING …) copies a table: not a pattern',
  // Issue #16 follow-ups: these folders belonged to another helper while the rule was introduced;
  // they move to likeText after the merge (the brief kept them out of reach).
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Comments blanked (newlines kept, so line numbers still hold): prose may say LIKE '…'. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, (_c, before: string) => before);
}

/** `file:line: match` for every LIKE the rule forbids in this text. */
function likesIn(file: string, text: string): string[] {
  const code = withoutComments(text);
  return [...code.matchAll(LIKE)].map((m) => {
    const line = code.slice(0, m.index).split('\n').length;
    return `${file}:${line}: ${m[0]}`;
  });
}

describe('#16 LIKE on user text goes through likeText', () => {
  it('catches the forms it looks for, and not prose', () => {
    const hits = (text: string) => likesIn('x.ts', text).length;
    expect(hits("q.where('p.full_name', 'like', `%${q}%`)")).toBe(1);
    expect(hits("eb(eb.fn('lower', ['a.username']), 'like', pattern)")).toBe(1);
    expect(hits('eb("t.name", "ilike", text)')).toBe(1);
    expect(hits("eb('t.name', 'not like', text)")).toBe(1);
    expect(hits(".where(\n  'r.name',\n  'LIKE',\n  x)")).toBe(1);
    expect(hits('sql`${sql.ref(c)} like ${pattern} escape ${e}`')).toBe(1);
    expect(hits("sql`name ilike '%x%'`")).toBe(1);
    expect(hits("sql.raw(`name like '%${x}%'`)")).toBe(1);
    expect(hits("// matched with LIKE '%q%'\nconst a = 1;")).toBe(0);
    expect(hits("/**\n * `region_code LIKE '110115110%'` reads naturally\n */")).toBe(0);
    expect(hits("const url = 'http://x'; // 'like'")).toBe(0);
    expect(
      hits("z.string().regex(/^\\d{9}000$/, 'a town’s 12-digit code, like 110115110000')"),
    ).toBe(0);
    expect(hits('q.where((eb) => likeText(eb, "p.full_name", text))')).toBe(0);
    expect(hits('export function looksLikeRecoveryCode(code: string)')).toBe(0);
    expect(likesIn('y.ts', "const a = 1;\n\neb('x', 'like', y)")).toEqual(["y.ts:3: 'like'"]);
  });

  it('no LIKE in src/ but through likeText (the allowed files aside, each still needing it)', () => {
    const files = sources(SRC).filter((f) => !f.includes(`${path.sep}migrations${path.sep}`));
    const found = files.flatMap((file) => {
      const name = path.relative(SRC, file).split(path.sep).join('/');
      const hits = likesIn(name, fs.readFileSync(file, 'utf8'));
      return name in ALLOWED ? [] : hits;
    });
    expect(found).toEqual([]);
    const stale = Object.keys(ALLOWED).filter((name) => {
      const file = path.join(SRC, ...name.split('/'));
      return !fs.existsSync(file) || likesIn(name, fs.readFileSync(file, 'utf8')).length === 0;
    });
    expect(stale).toEqual([]);
  });
});
