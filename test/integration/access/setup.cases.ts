/** Route cases of the first-run setup (token, open/closed and bad input: setup.test.ts). */
import type { RouteCase } from './route-case.ts';

export const SETUP_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/setup',
    allowed: 'public',
    request: () => ({ url: '/api/v1/setup' }),
  },
];

/** Guarded by the setup token while open, by the admin role afterwards: setup.test.ts. */
export const SETUP_COVERED_ELSEWHERE = [
  'POST /api/v1/setup/regions/preview',
  'POST /api/v1/setup/regions',
  'POST /api/v1/setup/admin',
];
