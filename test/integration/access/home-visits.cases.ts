/** Route cases of home visits (GS-10); behaviour and scope per role: home-visits*.test.ts. */
import { STAFF_ROLES } from '../../../src/modules/auth/roles.ts';
import type { RouteCase } from './route-case.ts';

export const HOME_VISITS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/home-visits',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/home-visits' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/home-visits/page',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/home-visits/page' }),
  },
  {
    method: 'GET',
    path: '/api/v1/home-visits/routes',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/home-visits/routes?day=2026-03-02' }),
  },
  {
    method: 'GET',
    path: '/api/v1/home-visits/records/mine',
    allowed: ['resident'],
    request: () => ({ url: '/api/v1/home-visits/records/mine' }),
  },
  {
    method: 'GET',
    path: '/api/v1/home-visits/mine',
    allowed: ['resident'],
    request: () => ({ url: '/api/v1/home-visits/mine' }),
  },
];

/** Need a visit, a route or a record first (and a resident in the caller's reach). */
export const HOME_VISITS_COVERED_ELSEWHERE = [
  'POST /api/v1/home-visits',
  'POST /api/v1/home-visits/schedule',
  'GET /api/v1/home-visits/routes/{id}',
  'PUT /api/v1/home-visits/routes/{id}/order',
  'POST /api/v1/home-visits/records/{id}/reveal',
  'GET /api/v1/home-visits/{id}',
  'POST /api/v1/home-visits/{id}/depart',
  'POST /api/v1/home-visits/{id}/not-home',
  'POST /api/v1/home-visits/{id}/cancel',
  'POST /api/v1/home-visits/{id}/complete',
  'POST /api/v1/home-visits/{id}/records',
  'POST /api/v1/home-visits/mine',
  'POST /api/v1/home-visits/mine/{id}/cancel', // home-visits-cancel.test.ts
];
