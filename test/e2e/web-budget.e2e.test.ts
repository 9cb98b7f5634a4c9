/**
 * Weight budget (issue #11, which asks ≤ 150 KB): a first visit to the light resident entry
 * (web/resident.html: /track, /verify, /r/…) downloads at most 40 KB of gzip-compressed
 * JavaScript before anything runs, and all its pages together — lazy chunks included — stay
 * under 75 KB. It is built with Preact (web/vite.resident.config.ts):
 * ≈ 31 KB today (with the CP-2 guardian pages), of which the renderer is ≈ 10 KB; React +
 * ReactDOM alone would be ≈ 68 KB, so the budget fails if React comes back, and leaves room for
 * the resident pages still to come.
 * At 400 kbit/s (Slow 3G) 40 KB is ≈ 0.8 s on the wire. Runs on the built web (npm test builds
 * it just before the browser journeys) and prints the figures, with the staff shell's.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  entryWeight,
  kb,
  RESIDENT_BUDGET_GZIP,
  RESIDENT_REACHABLE_BUDGET_GZIP,
  sum,
  type EntryWeight,
} from '../helpers/web-weight.ts';

const DIST = 'web/dist';

function report(w: EntryWeight): void {
  for (const [label, files] of [
    ['initial', w.initial],
    ['reachable', w.reachable],
  ] as const) {
    console.log(
      `${w.entry} ${label}: ${files.length} JS files, ${kb(sum(files, 'raw'))} raw, ` +
        `${kb(sum(files, 'gzip'))} gzip -9, ${kb(sum(files, 'brotli'))} brotli`,
    );
  }
}

describe('web weight budget', () => {
  it('a first visit to the resident entry loads under 40 KB of compressed JavaScript, every light page together under 75 KB', () => {
    if (!fs.existsSync(`${DIST}/resident.html`))
      throw new Error('web/dist/resident.html is missing: run `npm run build:web` first');
    const resident = entryWeight(DIST, 'resident.html');
    const staff = entryWeight(DIST, 'index.html');
    report(resident);
    report(staff);
    for (const f of resident.reachable)
      console.log(`  ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip, ${kb(f.brotli)} brotli`);
    const residentGzip = sum(resident.reachable, 'gzip');
    const initialGzip = sum(resident.initial, 'gzip');
    console.log(
      `resident / staff initial gzip: ${(residentGzip / sum(staff.initial, 'gzip')).toFixed(2)}`,
    );

    expect(resident.initial.length).toBeGreaterThan(0);
    expect(initialGzip).toBeLessThanOrEqual(RESIDENT_BUDGET_GZIP);
    expect(residentGzip).toBeLessThanOrEqual(RESIDENT_REACHABLE_BUDGET_GZIP);
    // No Ant Design, no i18next, no router, no React DOM (Preact renders it) in the light entry.
    const names = resident.reachable.map((f) => f.file).join(' ');
    const code = resident.reachable
      .map((f) => fs.readFileSync(`${DIST}/assets/${f.file}`, 'utf8'))
      .join('\n');
    expect(code).not.toMatch(/ant-btn|ant-form|i18next|react-router/);
    expect(code).not.toContain('__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE');
    expect(names).not.toMatch(/main-|antd|useTranslation/);
  });
});
