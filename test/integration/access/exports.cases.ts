/**
 * X-8 list exports: `<list>/export.xlsx` answers the same roles as its list, with the list's own
 * request (its filters; paging left out). Derived from the lists' cases, so an export can never
 * be declared with other roles than its list.
 */
import type { RouteCase } from './route-case.ts';

/** Every list with an Excel export (the coverage test checks the app against it). */
export const EXPORTED_LISTS = [
  '/api/v1/cases',
  '/api/v1/inquiries',
  '/api/v1/handoffs',
  '/api/v1/escalations',
  '/api/v1/audit/events',
  '/api/v1/volunteers',
  '/api/v1/vs/teams',
  '/api/v1/vs/orders',
  '/api/v1/vs/needs',
  '/api/v1/vs/activities',
  '/api/v1/vs/certificates',
  '/api/v1/ratings',
  '/api/v1/ratings/tickets',
  '/api/v1/ratings/appeals',
  '/api/v1/cases/figures',
  '/api/v1/residents',
  '/api/v1/authorizations',
  '/api/v1/vs/resources',
  '/api/v1/vs/projects',
  '/api/v1/programs',
  '/api/v1/posts',
  '/api/v1/posts/absences',
  '/api/v1/training/sessions',
  '/api/v1/training/competences',
  '/api/v1/training/requirements',
  '/api/v1/home-visits',
];

/** Exports that answer elsewhere: `<list>/export.xlsx` was taken by an older report. */
const EXPORT_AT: Record<string, string> = {
  '/api/v1/ratings': '/api/v1/ratings/list.xlsx',
};

/** Where a list's export answers (OpenAPI path). */
export function exportPathOf(listPath: string): string {
  return EXPORT_AT[listPath] ?? `${listPath}/export.xlsx`;
}

const PAGING = ['limit', 'offset', 'beforeSeq'];

/** The export's URL for a list request: its export path, the same query without paging. */
export function exportUrlOf(listPath: string, listUrl: string): string {
  const [path = '', query = ''] = listUrl.split('?');
  const params = new URLSearchParams(query);
  for (const p of PAGING) params.delete(p);
  const rest = params.toString();
  const at = exportPathOf(listPath);
  // A list path with parameters ({id}) keeps the request's own values.
  const url = at.startsWith(`${listPath}/`) ? `${path}${at.slice(listPath.length)}` : at;
  return `${url}${rest ? `?${rest}` : ''}`;
}

export function listExportRoutes(lists: readonly RouteCase[]): RouteCase[] {
  return EXPORTED_LISTS.map((path) => {
    const list = lists.find((r) => r.method === 'GET' && r.path === path);
    if (!list) throw new Error(`no route case for the list ${path}`);
    return {
      method: 'GET',
      path: exportPathOf(path),
      allowed: list.allowed,
      request: (ctx) => ({ url: exportUrlOf(path, list.request(ctx).url) }),
    };
  });
}
