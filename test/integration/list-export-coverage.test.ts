/**
 * Issue #15 X-8: every list a supervisor sees exports to Excel. A list is a GET route whose answer
 * is an array (OpenAPI) and which the access matrix lets a supervisor call; a new one fails this
 * test until it has `<list>/export.xlsx` (shared/list-export) or is listed below with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ROUTES } from './access/index.ts';
import { EXPORTED_LISTS, exportPathOf } from './access/exports.cases.ts';

/** Lists a supervisor can call that have no Excel export, and why. */
const NOT_EXPORTED: Record<string, string> = {
  '/api/v1/cases/{id}/actions': 'one case’s action log, part of its detail page (printed with it)',
  '/api/v1/cases/{id}/attachments': 'one case’s scans: files, not rows',
  '/api/v1/cases/{id}/messages': 'one case’s messages, part of its detail page',
  '/api/v1/residents/{id}/messages': 'one person’s messages, part of their detail page',
  '/api/v1/notifications': 'the caller’s own inbox, not a supervised list',
  '/api/v1/vs/needs/mine': 'the caller’s own needs as a resident',
  '/api/v1/vs/categories': 'reference data (a dozen categories), edited in place',
  '/api/v1/posts/candidates': 'a picker for the post form (who may hold a post), not a list page',
  '/api/v1/ratings/devices': 'the window rating devices being paired (settings), no rows to report',
  '/api/v1/home-visits/routes': 'a day’s route plans; each prints as its own route sheet',
  '/api/v1/cases/figures/drill':
    'one level of the dashboard’s chart; its export is the level’s stations (/cases/figures/export.xlsx?regionCode=)',
};

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, { schema?: { type?: string } }> }> }
    >
  >;
}

describe('X-8 every list a supervisor sees exports to Excel', () => {
  let t: TestApp;
  let doc: OpenApi;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
  });
  afterAll(async () => t.close());

  const isList = (path: string) =>
    doc.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema?.type ===
    'array';

  it('finds the supervisor’s lists and each has an export or a reason', () => {
    const lists = ROUTES.filter(
      (r) =>
        r.method === 'GET' &&
        r.allowed !== 'public' &&
        r.allowed.includes('supervisor') &&
        isList(r.path),
    ).map((r) => r.path);
    expect(lists.length).toBeGreaterThan(10);
    const missing = lists.filter((p) => !doc.paths[exportPathOf(p)] && !NOT_EXPORTED[p]);
    expect(missing).toEqual([]);
    const stale = Object.keys(NOT_EXPORTED).filter(
      (p) => !lists.includes(p) || doc.paths[exportPathOf(p)],
    );
    expect(stale).toEqual([]);
  });

  it('the lists the issue names all export, and every export is a list of the app', () => {
    for (const path of EXPORTED_LISTS) {
      expect(isList(path), path).toBe(true);
      expect(doc.paths[exportPathOf(path)]?.get, path).toBeDefined();
    }
    // Every `/export.xlsx` of the app is a list's, but the ratings' month report in the national
    // record fields (older, with its own query).
    const exports = Object.keys(doc.paths).filter((p) => p.endsWith('/export.xlsx'));
    const ours = EXPORTED_LISTS.map(exportPathOf);
    expect(exports.filter((p) => !ours.includes(p))).toEqual(['/api/v1/ratings/export.xlsx']);
  });
});
