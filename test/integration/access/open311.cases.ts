/** Route cases of Open311 API keys (behaviour, scope and bad input: open311.test.ts). */
import type { RouteCase } from './route-case.ts';

export const OPEN311_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/open311/keys',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/open311/keys' }),
  },
];

/** Issue and revoke a key: per role, town and acting account in open311.test.ts. */
export const OPEN311_COVERED_ELSEWHERE = [
  'POST /api/v1/open311/keys',
  'POST /api/v1/open311/keys/{id}/revoke',
];
