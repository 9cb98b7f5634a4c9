/** Route cases of GS-11 AB posts (behaviour, scope and bad input: posts.test.ts). */
import type { RouteCase } from './route-case.ts';

const READERS = ['admin', 'supervisor', 'district_officer', 'town_officer', 'clerk'] as const;
const MANAGERS = ['admin', 'supervisor', 'town_officer'] as const;

export const POSTS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/posts',
    allowed: READERS,
    request: () => ({ url: '/api/v1/posts' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/posts/page',
    allowed: READERS,
    request: () => ({ url: '/api/v1/posts/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/posts/coverage',
    allowed: READERS,
    request: (ctx) => ({
      url: `/api/v1/posts/coverage?stationId=${ctx.stationId}&from=2026-03-02`,
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/posts/absences',
    allowed: [...MANAGERS, 'clerk'],
    request: () => ({ url: '/api/v1/posts/absences' }),
  },
  {
    method: 'GET',
    path: '/api/v1/posts/absences/page',
    allowed: [...MANAGERS, 'clerk'],
    request: () => ({ url: '/api/v1/posts/absences/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/posts/candidates',
    allowed: MANAGERS,
    request: (ctx) => ({ url: `/api/v1/posts/candidates?stationId=${ctx.stationId}` }),
  },
];

/** Need a post or an absence first, or change state: per role and scope in posts.test.ts. */
export const POSTS_COVERED_ELSEWHERE = [
  'POST /api/v1/posts',
  'GET /api/v1/posts/{id}',
  'PATCH /api/v1/posts/{id}',
  'POST /api/v1/posts/absences',
  'POST /api/v1/posts/absences/{id}/cancel',
];
