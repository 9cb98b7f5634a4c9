import fs from 'node:fs';
import path from 'node:path';

/**
 * Which HTML page of the built web (web/dist) answers a browser's address (issue #11). The
 * public resident pages get the light entry — no staff shell, no Ant Design, Preact instead of
 * React, ≤ 40 KB of compressed JavaScript; every other address gets the staff app's index.html.
 */
export const STAFF_ENTRY = 'index.html';
export const RESIDENT_ENTRY = 'resident.html';

/**
 * Paths the light entry serves (web/src/resident/routes.ts is its page table):
 * - public: /track (办件查询) and /verify[/<number>] (证明核验, as printed QR codes link);
 * - a resident's own pages, after a phone + SMS-code login, under /r/: /r (home), /r/login,
 *   /r/order (点单), /r/mine (my cases and orders); booking and enrolment will be /r/<page> too.
 * Staff keep the main app at every other address (/vs/order stays the staff one).
 */
export const RESIDENT_PATHS: readonly RegExp[] = [
  /^\/track\/?$/,
  /^\/verify(?:\/[^/]*)?\/?$/,
  /^\/r(?:\/[a-z][a-z0-9-]*)?\/?$/,
];

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
