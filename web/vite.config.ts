import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { redirectToLightEntry } from './light-entry-dev';

const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The staff web shell (React 19 + Ant Design): built into web/dist, which the server serves at /
 * with an SPA fallback. The light resident entry (resident.html) has its own Preact build,
 * web/vite.resident.config.ts, run after this one into the same folder (`npm run build:web`).
 */
export default defineConfig({
  root: webRoot,
  // `npm run dev:web` sends the light entry's addresses to its own (Preact) dev server.
  plugins: [react(), redirectToLightEntry(process.env.DOORSTEP_LIGHT_DEV_URL)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: { main: `${webRoot}index.html` },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
