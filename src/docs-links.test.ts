/**
 * Issue #12 point 6: the rules are traceable. README.md and docs/*.md cite repository files, link
 * to each other's headings, and name the `describe` titles of the tests that prove each rule.
 * This test fails when any of that goes stale: a cited path that does not exist, a link to a
 * missing file or heading, a rule ID without its entry, a built rule that no test `describe`
 * names, or a cited test title that the cited file does not have.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The rule families of the product brief and how many rules each has. */
const RULE_COUNTS = { X: 9, GS: 13, VS: 10, CP: 5 } as const;
const ALL_RULES = Object.entries(RULE_COUNTS).flatMap(([family, n]) =>
  Array.from({ length: n }, (_, i) => `${family}-${i + 1}`),
);

/** Top-level folders whose paths the documents may cite (everything committed). */
const CITABLE_ROOTS = [
  'src',
  'test',
  'web',
  'bench',
  'scripts',
  'bin',
  'examples',
  'docs',
  '.ci',
  'deploy',
];
const PATH_PATTERN = new RegExp(
  `(?<![\\w./$-])(?:${CITABLE_ROOTS.map((r) => r.replace('.', '\\.')).join('|')})/[\\w.\\-/]*`,
  'g',
);

/** Build outputs the documents may name although they are not committed (see .gitignore). */
const BUILD_OUTPUTS = ['web/dist'];

interface Doc {
  /** repository-relative path, e.g. docs/operations.md */
  file: string;
  text: string;
}

/** Repository paths a document cites (in prose, code spans or code blocks), placeholders skipped. */
function citedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(PATH_PATTERN)) {
    // The match takes every path character, so the next one tells a placeholder or glob.
    if (/^[<*…{$]/.test(text.slice(m.index + m[0].length))) continue;
    const cited = m[0].replace(/[.]+$/, '');
    if (!BUILD_OUTPUTS.some((b) => cited.startsWith(b))) found.add(cited);
  }
  return [...found];
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens (CJK kept). */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function headings(text: string): string[] {
  const withoutCode = text.replace(/^```[\s\S]*?^```/gm, '');
  return [...withoutCode.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]!);
}

interface Problem {
  file: string;
  problem: string;
}

/** Markdown links `[text](target)` that are not web addresses: the file and the heading must exist. */
function brokenLinks(doc: Doc, read: (file: string) => string | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const m of doc.text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^[a-z]+:/i.test(target)) continue;
    const [file, anchor] = target.split('#') as [string, string | undefined];
    const resolved = file
      ? path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), file))
      : doc.file;
    if (resolved.startsWith('..')) {
      problems.push({ file: doc.file, problem: `link outside the repository: ${target}` });
      continue;
    }
    const isDir = resolved.endsWith('/') || exists(resolved, true);
    if (!isDir && !exists(resolved)) {
      problems.push({ file: doc.file, problem: `link to a missing file: ${target}` });
      continue;
    }
    if (anchor) {
      const content = read(resolved);
      if (content === undefined || !headings(content).some((h) => slug(h) === anchor)) {
        problems.push({ file: doc.file, problem: `link to a missing heading: ${target}` });
      }
    }
  }
  return problems;
}

function exists(repoPath: string, asDirectory = false): boolean {
  const full = path.join(ROOT, repoPath);
  if (!existsSync(full)) return false;
  return asDirectory ? statSync(full).isDirectory() : true;
}

/** The rule entries: headings that start with a rule ID, and whether they say "not built yet". */
function ruleEntries(docs: Doc[]): { id: string; file: string; built: boolean }[] {
  return docs.flatMap((doc) =>
    headings(doc.text)
      .map((h) => ({ h, m: /^((?:X|GS|VS|CP)-\d+)\b/.exec(h) }))
      .filter((e) => e.m)
      .map(({ h, m }) => ({
        id: m![1]!,
        file: doc.file,
        built: !/not built yet/i.test(h),
      })),
  );
}

/** The titles of every `describe(...)` in a test file's source. */
function describeTitles(source: string): string[] {
  return [
    ...source.matchAll(/\bdescribe(?:\.\w+(?:\([^)]*\))?)*\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g),
  ].map((m) => m[2]!.replace(/\\(.)/g, '$1'));
}

/** Whether a title names a rule ID (GS-1 does not match GS-10). */
function namesRule(title: string, id: string): boolean {
  return new RegExp(`(?<![\\w-])${id}(?!\\d)`).test(title);
}

/** `path.test.ts` — "title", "title" › "nested title": the titles a document cites per test file. */
function citedTitles(text: string): { file: string; title: string }[] {
  const flat = text.replace(/\s+/g, ' ');
  const out: { file: string; title: string }[] = [];
  const citation = /`([^`\s]+\.test\.ts)`((?:\s*(?:—|,|›|and)\s*"[^"]+")+)/g;
  for (const m of flat.matchAll(citation)) {
    for (const t of m[2]!.matchAll(/"([^"]+)"/g)) out.push({ file: m[1]!, title: t[1]! });
  }
  return out;
}

function testFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return testFiles(rel);
    return e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

function loadDocs(): Doc[] {
  const files = [
    'README.md',
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return files.map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));
}

function readRepo(file: string): string | undefined {
  const full = path.join(ROOT, file);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
}

describe('the checker itself', () => {
  it('finds cited paths and skips placeholders, globs and web addresses', () => {
    const text =
      'See `src/modules/cases/case.scope.ts`, src/modules/<domain>/, test/integration/*.test.ts, ' +
      'https://example.org/src/x.ts and `npx doorstep import regions examples/regions-beijing.csv`. ' +
      'Then bench/README.md, and web/dist (built, not committed).';
    expect(citedPaths(text).sort()).toEqual([
      'bench/README.md',
      'examples/regions-beijing.csv',
      'src/modules/cases/case.scope.ts',
    ]);
  });

  it('makes GitHub anchors, Chinese kept', () => {
    expect(slug('The audit chain: what it protects, and what not')).toBe(
      'the-audit-chain-what-it-protects-and-what-not',
    );
    expect(slug('GS-4 首问负责 (first-asked responsibility)')).toBe(
      'gs-4-首问负责-first-asked-responsibility',
    );
    expect(slug('The `doorstep` command')).toBe('the-doorstep-command');
  });

  it('reports a missing file and a missing heading', () => {
    const doc: Doc = {
      file: 'docs/x.md',
      text: '[a](operations.md#no-such-heading) [b](nowhere.md) [c](https://x.org/a) [d](../README.md)',
    };
    const problems = brokenLinks(doc, readRepo).map((p) => p.problem);
    expect(problems).toEqual([
      'link to a missing heading: operations.md#no-such-heading',
      'link to a missing file: nowhere.md',
    ]);
  });

  it('reads describe titles, nested and with modifiers', () => {
    const src = `describe('GS-5 one', () => { describe("VS-1 two", () => {}); });
describe.runIf(x === 'postgres')('X-9 three', () => {});
describe(
  'X-2 four',
  () => {},
);`;
    expect(describeTitles(src)).toEqual(['GS-5 one', 'VS-1 two', 'X-9 three', 'X-2 four']);
    expect(namesRule('GS-10 appointments', 'GS-1')).toBe(false);
    expect(namesRule('scopes (X-2, GS-6)', 'GS-6')).toBe(true);
  });

  it('reads cited titles across line breaks', () => {
    const text =
      '`test/integration/audit.test.ts` — "X-4 audit chain", "X-4 audit\nchain tail"; other';
    expect(citedTitles(text)).toEqual([
      { file: 'test/integration/audit.test.ts', title: 'X-4 audit chain' },
      { file: 'test/integration/audit.test.ts', title: 'X-4 audit chain tail' },
    ]);
  });
});

describe('README.md and docs/ are traceable (issue #12 point 6)', () => {
  const docs = loadDocs();
  const tests = [...testFiles('src'), ...testFiles('test'), ...testFiles('web/src')];
  const titlesByFile = new Map(tests.map((f) => [f, describeTitles(readRepo(f) ?? '')]));

  it('every cited repository path exists', () => {
    const missing = docs.flatMap((d) =>
      citedPaths(d.text)
        .filter((p) => !exists(p))
        .map((p) => `${d.file}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('every link points at an existing file and heading', () => {
    expect(docs.flatMap((d) => brokenLinks(d, readRepo))).toEqual([]);
  });

  it('every rule ID has exactly one entry', () => {
    const entries = ruleEntries(docs.filter((d) => d.file.startsWith('docs/')));
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    expect(ALL_RULES.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect([...counts.keys()].filter((id) => !ALL_RULES.includes(id))).toEqual([]);
  });

  it('every built rule is named by the describe of at least one test', () => {
    const entries = ruleEntries(docs.filter((d) => d.file.startsWith('docs/')));
    const unnamed = entries
      .filter((e) => e.built)
      .filter((e) => ![...titlesByFile.values()].some((ts) => ts.some((t) => namesRule(t, e.id))))
      .map((e) => e.id);
    expect(unnamed).toEqual([]);
  });

  it('every cited test title is a describe of the cited file', () => {
    const stale = docs.flatMap((d) =>
      citedTitles(d.text)
        .filter(({ file, title }) => !(titlesByFile.get(file) ?? []).includes(title))
        .map(({ file, title }) => `${d.file}: ${file} — "${title}"`),
    );
    expect(stale).toEqual([]);
  });
});
