import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The web shell: built into web/dist, which the server serves at / with an SPA fallback. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // Two entries (issue #11): the staff shell, and the light resident pages (no Ant Design).
      input: { main: `${webRoot}index.html`, resident: `${webRoot}resident.html` },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
