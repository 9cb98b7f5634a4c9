import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** One JavaScript file an entry loads, with its size raw, gzip -9 and brotli (quality 11). */
export interface FileWeight {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface EntryWeight {
  entry: string;
  /** What the HTML loads before anything runs: its module scripts, modulepreloads and their static imports. */
  initial: FileWeight[];
  /** Everything reachable from the HTML, lazy chunks (dynamic imports) included. */
  reachable: FileWeight[];
}

/**
 * The light resident entry's budgets (issue #11 asks ≤ 150 KB of compressed JavaScript), gzip -9:
 * - initial: what resident.html loads before anything runs — a first visit to /track, /verify or
 *   the login on Slow 3G. Preact renders it; React + ReactDOM alone would be ≈ 68 KB.
 * - reachable: every light page together, lazy chunks included (a resident who opens them all).
 * test/e2e/web-budget.e2e.test.ts asserts both; bench/resident-load.bench.ts prints them.
 */
export const RESIDENT_BUDGET_GZIP = 40 * 1024;
export const RESIDENT_REACHABLE_BUDGET_GZIP = 75 * 1024;

export const sum = (files: readonly FileWeight[], key: 'raw' | 'gzip' | 'brotli') =>
  files.reduce((n, f) => n + f[key], 0);

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function weigh(dist: string, file: string): FileWeight {
  const body = fs.readFileSync(path.join(dist, 'assets', file));
  return {
    file,
    raw: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }).length,
  };
}

/** `/assets/x.js` in the HTML → `x.js`. */
function htmlScripts(html: string): string[] {
  const out: string[] = [];
  const tag = /<(?:script|link)\b[^>]*>/g;
  for (const [t] of html.matchAll(tag)) {
    const isModule = /type="module"/.test(t) || /rel="modulepreload"/.test(t);
    const src = /(?:src|href)="\/?assets\/([^"]+\.js)"/.exec(t)?.[1];
    if (isModule && src) out.push(src);
  }
  return out;
}

/** Chunks this chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string): string[] {
  const re = /(?:^|[;}\s])(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g;
  return [...code.matchAll(re)].map((m) => m[1]!);
}

/** Every chunk name this chunk mentions: static and dynamic imports, Vite's preload lists. */
function anyReference(code: string): string[] {
  const re = /["'`](?:\.\/|\/?assets\/)([\w.-]+\.js)["'`]/g;
  return [...code.matchAll(re)].map((m) => m[1]!);
}

function closure(dist: string, roots: string[], next: (code: string) => string[]): FileWeight[] {
  const seen = new Set<string>();
  const queue = [...roots];
  const out: FileWeight[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !fs.existsSync(path.join(dist, 'assets', file))) continue;
    seen.add(file);
    out.push(weigh(dist, file));
    queue.push(...next(fs.readFileSync(path.join(dist, 'assets', file), 'utf8')));
  }
  return out;
}

/** The JavaScript an HTML entry of the built web (web/dist) makes the browser fetch. */
export function entryWeight(dist: string, entry: string): EntryWeight {
  const roots = htmlScripts(fs.readFileSync(path.join(dist, entry), 'utf8'));
  return {
    entry,
    initial: closure(dist, roots, staticImports),
    reachable: closure(dist, roots, anyReference),
  };
}
