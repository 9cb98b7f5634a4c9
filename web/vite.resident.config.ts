import { defineConfig } from 'vite';
import { serveLightEntry } from './light-entry-dev';

const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The light resident entry (issue #11: /track, /verify, /r/…), built on its own with Preact's
 * React-compatible layer instead of React + ReactDOM (≈ 10 KB gzip instead of ≈ 68 KB), so a
 * first visit on Slow 3G is usable in under 3 s. The sources keep React's API and types
 * (web/src/resident imports 'react'); only this build points those imports at preact/compat.
 * It writes into the same web/dist as the staff build (web/vite.config.ts), after it, without
 * emptying it: `npm run build:web` runs both. In development `npm run dev:web` (scripts/dev-web.mjs)
 * serves it on its own port, answering the light entry's addresses with resident.html.
 */
export default defineConfig({
  root: webRoot,
  plugins: [serveLightEntry()],
  // Its own pre-bundled dependencies ('react' here is Preact): the staff dev server's stay apart.
  cacheDir: `${webRoot}../node_modules/.vite-resident`,
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
    ],
    dedupe: ['preact'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    rollupOptions: {
      input: { resident: `${webRoot}resident.html` },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
