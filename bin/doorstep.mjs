#!/usr/bin/env -S node --max-semi-space-size=4 --expose-gc
// The `doorstep` command. It runs the server compiled to plain JavaScript (dist/server), built
// here from src/ whenever a source is newer than the build (a fraction of a second): no
// TypeScript loader in the running server or its PDF workers (issue #10 point 17).
// The shebang's V8 flags keep the young generation small (4 MB semispaces, not 16: ~25 MB less
// resident memory on a town's one small machine) and let the PDF pool ask for a full collection
// every 25 prints (pdf-pool.ts). `npm start` passes the same flags (package.json); a test keeps
// the two in step.
import { pathToFileURL } from 'node:url';
import { ensureServerBuild, SERVER_ENTRY } from '../scripts/build-server.mjs';

await ensureServerBuild();
await import(pathToFileURL(SERVER_ENTRY).href);
