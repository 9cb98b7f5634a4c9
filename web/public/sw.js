/* global self, caches, fetch, Request, URL, setTimeout */
/*
 * Doorstep's service worker (issue #11 point 3): the app shell opens during a network cut after a
 * first visit. Hand-written, no build step:
 * - navigations (HTML): network first, the cached shell ('/') when the network fails or stalls;
 * - /assets/* (hashed, immutable): cache first, cached as they are fetched, plus those the page
 *   loaded before this worker took control (the page posts their URLs);
 * - /api/*: never touched, never cached — filing offline is the outbox's job (IndexedDB), which
 *   also works where no service worker runs (plain http:// from a LAN address).
 */
const SHELL = 'doorstep-shell-v1';
const ASSETS = 'doorstep-assets-v1';
const KEEP = [SHELL, ASSETS];
const NAVIGATION_TIMEOUT_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/', '/favicon.svg']))
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

async function navigate(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS),
      ),
    ]);
    // Every route is the same SPA shell: keep the newest one under '/'.
    if (
      response.ok &&
      response.type === 'basic' &&
      (response.headers.get('content-type') || '').includes('text/html')
    )
      await cache.put('/', response.clone());
    return response;
  } catch (error) {
    const shell = await cache.match('/');
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(navigate(request));
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
