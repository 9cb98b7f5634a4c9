/**
 * Where the PDF worker's module is, for the pool (documents/pdf-pool.ts) that the composition root
 * points at it. From the sources this is src/workers/pdf.worker.mjs (which registers tsx); in the
 * build every entry and chunk lands flat in dist/server, beside the compiled pdf.worker.mjs
 * (scripts/build-server.mjs), so the same relative URL finds it from whichever file this lands in.
 */
export const PDF_WORKER_URL = new URL('./pdf.worker.mjs', import.meta.url);
