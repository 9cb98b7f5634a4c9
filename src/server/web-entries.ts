import fs from 'node:fs';
import path from 'node:path';

/**
 * Which HTML page of the built web (web/dist) answers a browser's address (issue #11). The
 * public resident pages get the light entry — no staff shell, no Ant Design, ≤ 150 KB of
 * compressed JavaScript; every other address gets the staff app's index.html.
 */
export const STAFF_ENTRY = 'index.html';
export const RESIDENT_ENTRY = 'resident.html';

/** Paths the light entry serves: tracking, and certificate verification (/verify/<number>, as printed QR codes link). */
const RESIDENT_PATHS: readonly RegExp[] = [/^\/track\/?$/, /^\/verify(?:\/[^/]*)?\/?$/];

/** The entry for a request URL (path and query). */
export function webEntryFor(url: string): string {
  const pathname = url.split(/[?#]/, 1)[0] ?? '/';
  return RESIDENT_PATHS.some((re) => re.test(pathname)) ? RESIDENT_ENTRY : STAFF_ENTRY;
}

/** webEntryFor, falling back to the staff entry when the light one was not built. */
export function webEntryResolver(webDist: string): (url: string) => string {
  const hasResident = fs.existsSync(path.join(webDist, RESIDENT_ENTRY));
  return (url) => (hasResident ? webEntryFor(url) : STAFF_ENTRY);
}
