// A PDF worker thread (piscina). Workers do not inherit the tsx loader the app was started with
// (bin/doorstep.mjs registers it in-process; vitest transforms TypeScript itself), so the worker
// registers it, then loads the TypeScript renderer once: the font is parsed once per worker.
import { register } from 'tsx/esm/api';

register();
const { renderDocument } = await import('./pdf-render.ts');

export default renderDocument;
