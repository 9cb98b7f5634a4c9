/**
 * Issue #16 point 5, the web's half: a list that grows with the data is read page by page by keyset.
 * Read from the sources: every list route that has a `<list>/page` sibling (the generated contract,
 * web/src/api/generated/openapi.ts), and every GET the web makes (`apiClient.GET('/api/v1…')`, and
 * the resident app's `api('/…')`). A GET of such a list's old route fails here, unless the file
 * and route are named below with the reason the call stays small; a named call that is gone (or
 * now pages) fails too, so the table does not go stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** `<file> <route>` → why this GET of a list with a `/page` sibling stays small. */
const ALLOWED: Record<string, string> = {
  'web/src/api/accounts.ts /api/v1/regions':
    'a picker: the first 20 regions matching what was typed (the scope picker)',
  'web/src/api/regions.ts /api/v1/regions': 'the region tree: the children of one region',
  'web/src/api/regions.ts /api/v1/stations': 'a picker: the stations of one town (a limit given)',
  'web/src/api/residents.ts /api/v1/residents':
    'a picker: the first matches of what was typed (walk-in ticket, account link)',
  'web/src/api/accounts.ts /api/v1/accounts':
    'a picker: the active staff of one town for the Open311 key form (limit 200)',
  'web/src/api/agents.ts /api/v1/authorizations':
    'one resident’s authorizations on their page (limit 100)',
  'web/src/api/cases.ts /api/v1/audit/events':
    'one case’s history (entity filter, at most 100 events), part of its detail page',
  'web/src/api/first-response.ts /api/v1/colleagues':
    'a picker: colleagues to hand a matter to, in the hand-off dialog',
  'web/src/api/posts.ts /api/v1/posts':
    'a picker: every post in reach (a few per station), for the hand-off dialog and the station select',
  'web/src/api/programs.ts /api/v1/programs':
    'the organiser’s home tiles: the classes of my first 200 programs summed up, not a list page',
  'web/src/resident/programs-api.ts /api/v1/programs':
    'the resident app: the published programs of my own region (at most 200), to name my classes',
  'web/src/resident/programs-api.ts /api/v1/programs/enrolments':
    'the resident app’s programs page and attendance history: every enrolment of my children (a few) marks their classes',
  'web/src/api/volunteers.ts /api/v1/volunteers':
    'a picker: the account-link dialog finds 20 volunteers by name (LinkPickers)',
  'web/src/api/volunteers.ts /api/v1/vs/teams':
    'pickers: the new-team form’s parent and the resource and project lists’ team filter',
};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name) && !d.name.includes('.test.'))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)))
    .filter((f) => !f.includes('/generated/'));
}
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The list routes that have a `<route>/page` sibling in the contract. */
export function pagedLists(contract: string): Set<string> {
  const lists = new Set<string>();
  for (const m of contract.matchAll(/^ {2}'(\/api\/v1\/[^']+)\/page': \{/gm)) lists.add(m[1]!);
  return lists;
}

/**
 * The routes a source file GETs: `apiClient.GET('/api/v1/…'` and the resident app's
 * `api<…>('/…'` (its base is /api/v1) unless that call names another method.
 */
export function getsIn(text: string): string[] {
  const routes: string[] = [];
  for (const m of text.matchAll(/\bapiClient\.GET\(\s*'([^']+)'/g)) routes.push(m[1]!);
  for (const m of text.matchAll(/\bapi(?:<[^()]*?>)?\(\s*'(\/[^']*)'([^)]{0,160})/g))
    if (!/\bmethod:\s*'(?!GET')/.test(m[2]!)) routes.push(`/api/v1${m[1]!}`);
  return routes;
}

describe('#16 p5 the web reads every growing list by keyset', () => {
  const paged = pagedLists(read('web/src/api/generated/openapi.ts'));
  const calls = files('web/src').flatMap((file) =>
    getsIn(read(file)).map((route) => ({ file, route })),
  );

  it('reads the sources it checks', () => {
    expect(paged).toContain('/api/v1/cases');
    expect(paged).toContain('/api/v1/notifications');
    expect(paged).not.toContain('/api/v1/cases/figures/drill');
    expect(calls).toContainEqual({ file: 'web/src/api/cases.ts', route: '/api/v1/cases/page' });
    expect(getsIn("must(apiClient.GET('/api/v1/posts', { params })")).toEqual(['/api/v1/posts']);
    expect(getsIn("api<Enrolment[]>('/programs/enrolments', { signal })")).toEqual([
      '/api/v1/programs/enrolments',
    ]);
    expect(getsIn("api<Booking>('/appointments/bookings', { method: 'POST', body })")).toEqual([]);
  });

  it('no web file GETs the old route of a list that has a /page (or it says why)', () => {
    const offending = calls
      .filter((c) => paged.has(c.route) && !(`${c.file} ${c.route}` in ALLOWED))
      .map((c) => `${c.file} ${c.route}`);
    expect(offending).toEqual([]);
  });

  it('no reason is stale: each names a GET still made of a list that has a /page', () => {
    const made = new Set(calls.map((c) => `${c.file} ${c.route}`));
    const stale = Object.keys(ALLOWED).filter(
      (key) => !made.has(key) || !paged.has(key.slice(key.indexOf(' ') + 1)),
    );
    expect(stale).toEqual([]);
  });
});
