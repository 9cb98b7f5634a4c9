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
      // pdf-pool.ts finds the worker next to the entry, as it finds the source one in src/.
      'pdf.worker': 'src/modules/documents/pdf-worker-entry.ts',
    },
    bundle: true,
    splitting: false,
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
  fs.mkdirSync(path.dirname(SERVER_ENTRY), { recursive: true });
  for (const file of result.outputFiles) {
    const aside = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(aside, file.contents);
    fs.renameSync(aside, file.path);
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
