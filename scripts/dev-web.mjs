#!/usr/bin/env node
/**
 * `npm run dev:web`: the two web entries as they run in production, each with hot reload —
 * the staff app (React, web/vite.config.ts) on 5173 and the light resident entry (Preact,
 * web/vite.resident.config.ts) on 5174; the staff server sends /track, /verify and /r/… to the
 * light one. Both proxy /api to the server on :3000 (`npm run dev` or `npm start`); cookies are
 * shared, since a cookie does not depend on the port. Ctrl-C stops both.
 */
import { createServer } from 'vite';

const LIGHT_PORT = Number(process.env.DOORSTEP_LIGHT_PORT ?? 5174);
const STAFF_PORT = Number(process.env.DOORSTEP_STAFF_PORT ?? 5173);

const light = await createServer({
  configFile: 'web/vite.resident.config.ts',
  server: { port: LIGHT_PORT, strictPort: true },
});
await light.listen();
const lightUrl = light.resolvedUrls?.local[0] ?? `http://localhost:${LIGHT_PORT}/`;
process.env.DOORSTEP_LIGHT_DEV_URL = lightUrl;

const staff = await createServer({
  configFile: 'web/vite.config.ts',
  server: { port: STAFF_PORT, strictPort: true },
});
await staff.listen();

console.log('\n  Light resident entry (Preact): /track, /verify, /r/…');
light.printUrls();
console.log('\n  Staff app (React); its /track, /verify, /r/… redirect to the light entry');
staff.printUrls();

const stop = async () => {
  await Promise.allSettled([light.close(), staff.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
