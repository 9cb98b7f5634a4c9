/**
 * Registers web/public/sw.js, which keeps the app shell so the page opens during a network cut.
 * Browsers run service workers only in secure contexts (https://, or http://localhost); a station
 * PC reaching the server at a LAN http:// address gets none. The outbox does not depend on it
 * (IndexedDB works on plain http); the panel says what is possible.
 */
export type ShellOffline = 'ready' | 'pending' | 'unavailable';

let state: ShellOffline = 'pending';

export function shellOffline(): ShellOffline {
  return state;
}

export function registerServiceWorker(): void {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) {
    state = 'unavailable';
    return;
  }
  if (navigator.serviceWorker.controller) state = 'ready';
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(
      () =>
        navigator.serviceWorker.ready.then((registration) => {
          state = 'ready';
          // Assets fetched before the worker took control are cached now.
          const urls = performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((u) => new URL(u).pathname.startsWith('/assets/'));
          registration.active?.postMessage({ type: 'cache-assets', urls });
        }),
      () => {
        state = 'unavailable';
      },
    );
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
