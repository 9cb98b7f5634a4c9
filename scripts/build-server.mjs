// Compiles the server to plain JavaScript (dist/server): the CLI/server entry and the PDF worker.
// A server run from the build carries no TypeScript loader (tsx costs ~50 MB of RSS in the server
// and again in each PDF worker: issue #10 point 17). `ensureServerBuild()` rebuilds only when a
// source is newer than the build; `node scripts/build-server.mjs` forces it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SERVER_ENTRY = path.join(root, 'dist/server/main.mjs');
const WORKER = path.join(root, 'dist/server/pdf.worker.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export async function buildServer() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src/cli/main.ts',
      // src/workers/pdf-worker-url.ts finds the worker next to the entry, as it finds the
      // source one in src/workers/.
      'pdf.worker': 'src/workers/pdf-worker-entry.ts',
    },
    bundle: true,
    // Chunks: the CLI imports each command's code when it runs (src/cli/program.ts), so
    // `doorstep --help` loads neither the server nor the database drivers. Chunks sit beside the
    // entries, so pdf-worker-url.ts finds pdf.worker.mjs next to whichever file it lands in.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: 'dist/server',
    write: false,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // Packages stay in node_modules (native modules, fonts, workers); JSON data is inlined
        // (Node 20 needs an import attribute esbuild drops for external JSON).
        name: 'packages-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.kind === 'entry-point' || args.path.endsWith('.json')
              ? undefined
              : { external: true },
          );
        },
      },
    ],
  });
  // Each file lands whole (written aside, then renamed): a CLI started meanwhile by another
  // process never imports half a file.
  // Chunks land before the entries that import them.
  fs.mkdirSync(path.dirname(SERVER_ENTRY), { recursive: true });
  const isEntry = (f) => /\/(main|pdf\.worker)\.mjs(\.map)?$/.test(f.path);
  const ordered = [
    ...result.outputFiles.filter((f) => !isEntry(f)),
    ...result.outputFiles.filter(isEntry),
  ];
  const written = new Set(ordered.map((f) => path.basename(f.path)));
  for (const file of ordered) {
    const aside = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(aside, file.contents);
    fs.renameSync(aside, file.path);
  }
  // Chunks of earlier builds: a server started from one may still import its chunks lazily, so
  // only those older than a day go.
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(path.dirname(SERVER_ENTRY))) {
    const p = path.join(path.dirname(SERVER_ENTRY), name);
    if (name.startsWith('chunk-') && !written.has(name) && fs.statSync(p).mtimeMs < dayAgo)
      fs.rmSync(p, { force: true });
  }
}

/** Builds when the build is missing or older than any source under src/. */
export async function ensureServerBuild() {
  const built = fs.existsSync(SERVER_ENTRY) && fs.existsSync(WORKER);
  if (built && fs.statSync(SERVER_ENTRY).mtimeMs >= newestMtime(path.join(root, 'src'))) return;
  await buildServer();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`built ${path.relative(root, SERVER_ENTRY)} and ${path.relative(root, WORKER)}`);
}
