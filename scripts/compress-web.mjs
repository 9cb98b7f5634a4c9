// Issue #11: every text file of the web build gets brotli (.br) and gzip (.gz) siblings at build
// time, at the highest levels (the server does no work per request: @fastify/static
// `preCompressed` picks the sibling by Accept-Encoding). Run after `vite build`
// (`npm run build:web` does); `node scripts/compress-web.mjs [dir]` (default web/dist).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const TEXT = /\.(html|js|mjs|css|svg|json|webmanifest|txt|xml|map|ico|wasm)$/i;
/** Smaller files are not worth a compressed sibling (headers outweigh the saving). */
const MIN_BYTES = 512;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Writes <file>.br and <file>.gz beside each text file; returns the totals in bytes. */
export function compressDir(dir) {
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const file of files(dir)) {
    if (!TEXT.test(file)) continue;
    const raw = fs.readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
    // Only keep a sibling that is actually smaller; the server falls back to the plain file.
    if (br.length < raw.length) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
    totals.files += 1;
    totals.raw += raw.length;
    totals.br += Math.min(br.length, raw.length);
    totals.gz += Math.min(gz.length, raw.length);
  }
  return totals;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const dir = path.resolve(process.argv[2] ?? path.join(root, 'web/dist'));
  const t = compressDir(dir);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `precompressed ${t.files} files in ${path.relative(process.cwd(), dir) || '.'}: ${kb(t.raw)} → br ${kb(t.br)}, gzip ${kb(t.gz)}`,
  );
}
