/** What a PDF worker thread runs: piscina calls the module's default export with each task. */
export { renderDocument as default } from './pdf-render.ts';
