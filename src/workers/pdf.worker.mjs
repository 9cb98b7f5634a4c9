// A PDF worker thread when the server runs from its TypeScript sources (tests, `tsx`). Workers do
// not inherit the tsx loader, so this one registers it, then loads the renderer once: the font is
// parsed once per worker. A server run from its build (dist/server) uses the compiled
// dist/server/pdf.worker.mjs instead, with no loader (scripts/build-server.mjs).
import { register } from 'tsx/esm/api';

register();
const { default: renderDocument } = await import('./pdf-worker-entry.ts');

export default renderDocument;
