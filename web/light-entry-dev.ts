import type { Plugin } from 'vite';
import { routeOf } from './src/resident/routes';

/**
 * The dev servers' share of src/server/web-entries.ts (`npm run dev:web`, scripts/dev-web.mjs):
 * the light entry's addresses (its page table, web/src/resident/routes.ts) are the light
 * entry's, rendered with Preact as in production — not the staff shell's React SPA fallback.
 */
function isLightAddress(url: string | undefined): boolean {
  const pathname = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  return routeOf(pathname) !== null;
}

/** On the light entry's dev server: its addresses answer with resident.html. */
export function serveLightEntry(): Plugin {
  return {
    name: 'doorstep-light-entry',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.method === 'GET' && isLightAddress(req.url)) {
          const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
          req.url = `/resident.html${query}`;
        }
        next();
      });
    },
  };
}

/**
 * On the staff dev server: its light-entry addresses go to the light dev server (at `lightUrl`,
 * set by scripts/dev-web.mjs), so that /track, /verify and /r/… run on Preact there. Without it
 * (plain `vite --config web/vite.config.ts`) nothing changes.
 */
export function redirectToLightEntry(lightUrl: string | undefined): Plugin {
  return {
    name: 'doorstep-light-entry-redirect',
    apply: 'serve',
    configureServer(server) {
      if (!lightUrl) return;
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' || !isLightAddress(req.url)) return next();
        res.statusCode = 302;
        res.setHeader('Location', new URL(req.url ?? '/', lightUrl).toString());
        res.end();
      });
    },
  };
}
