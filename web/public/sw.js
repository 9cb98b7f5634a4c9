/* global self, caches, fetch, Request, URL, setTimeout */
/*
 * Doorstep's service worker (issue #11 points 1 and 3): pages open during a network cut after a
 * first visit, and a resident's phone opens the light pages again at once. Hand-written, no build step:
 * - two shells, one per entry (src/server/web-entries.ts decides which address gets which):
 *   the staff app's index.html kept under '/', the light resident entry's kept under '/r';
 * - staff navigations: network first, the kept shell when the network fails or stalls;
 * - light-entry navigations (/track, /verify…, /r…): the kept shell at once, refreshed from the
 *   network behind it (a repeat visit on a weak network paints without waiting for the HTML);
 * - /assets/* (hashed, immutable): cache first, cached as they are fetched, plus those the page
 *   loaded before this worker took control (the page posts their URLs);
 * - /api/*: never touched, never cached — filing offline is the outbox's job (IndexedDB), which
 *   also works where no service worker runs (plain http:// from a LAN address).
 */
const SHELL = 'doorstep-shell-v2';
const ASSETS = 'doorstep-assets-v1';
const KEEP = [SHELL, ASSETS];
const NAVIGATION_TIMEOUT_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/', '/r', '/favicon.svg']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => !KEEP.includes(n)).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

function isAsset(url) {
  return url.origin === self.location.origin && url.pathname.startsWith('/assets/');
}

async function cacheAsset(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

/** Same list as RESIDENT_PATHS in src/server/web-entries.ts (a unit test keeps them in step). */
const LIGHT_PATHS = [/^\/track\/?$/, /^\/verify(?:\/[^/]*)?\/?$/, /^\/r(?:\/[a-z][a-z0-9-]*)?\/?$/];

function shellKey(url) {
  return LIGHT_PATHS.some((re) => re.test(url.pathname)) ? '/r' : '/';
}

async function fetchShell(request, key) {
  const cache = await caches.open(SHELL);
  const response = await Promise.race([
    fetch(request),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS),
    ),
  ]);
  // Every address of one entry is the same shell: keep the newest one under the entry's key.
  if (
    response.ok &&
    response.type === 'basic' &&
    (response.headers.get('content-type') || '').includes('text/html')
  )
    await cache.put(key, response.clone());
  return response;
}

async function navigate(event) {
  const request = event.request;
  const key = shellKey(new URL(request.url));
  const cache = await caches.open(SHELL);
  if (key === '/r') {
    const kept = await cache.match(key);
    if (kept) {
      event.waitUntil(fetchShell(request, key).catch(() => undefined));
      return kept;
    }
  }
  try {
    return await fetchShell(request, key);
  } catch (error) {
    const shell = await cache.match(key);
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(navigate(event));
  else if (isAsset(url)) event.respondWith(cacheAsset(request));
});

/* The page names the assets it loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    Promise.all(
      data.urls
        .map((u) => new URL(u, self.location.origin))
        .filter(isAsset)
        .map((u) => cacheAsset(new Request(u.href)).catch(() => undefined)),
    ),
  );
});
