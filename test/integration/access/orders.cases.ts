/** Route cases of VS-3/4/5/7 (needs, orders, dispatch and grabbing, ratings). */
import { ANY, type RouteCase } from './route-case.ts';

const CENTRE = ['volunteer_staff'] as const;
const LEADERS = ['team_leader'] as const;

export const ORDERS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/vs/menu',
    allowed: ANY,
    request: () => ({ url: '/api/v1/vs/menu?regionCode=110115110222' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/needs/mine',
    allowed: ANY,
    request: () => ({ url: '/api/v1/vs/needs/mine' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/needs',
    allowed: CENTRE,
    request: () => ({ url: '/api/v1/vs/needs?status=submitted' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/vs/needs/page',
    allowed: CENTRE,
    request: () => ({ url: '/api/v1/vs/needs/page?status=submitted' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/orders',
    allowed: CENTRE,
    request: () => ({ url: '/api/v1/vs/orders?state=awaiting_dispatch' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/vs/orders/page',
    allowed: CENTRE,
    request: () => ({ url: '/api/v1/vs/orders/page?state=awaiting_dispatch' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/inbox',
    allowed: LEADERS,
    request: () => ({ url: '/api/v1/vs/inbox' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/rankings/teams',
    allowed: ANY,
    request: () => ({ url: '/api/v1/vs/rankings/teams?minRatings=1' }),
  },
];

/**
 * These need a need or an order in a given state (and a team of the caller's), so one valid
 * request per role cannot exist. test/integration/orders-scope.test.ts ('route roles of the
 * state-changing and per-order routes') tries every demo role on each: the declared roles pass the
 * access check, the others get FORBIDDEN; its other tests cover the valid requests.
 */
export const ORDERS_COVERED_ELSEWHERE = [
  'POST /api/v1/vs/needs',
  'POST /api/v1/vs/needs/on-behalf',
  'POST /api/v1/vs/needs/merge',
  'POST /api/v1/vs/needs/{id}/accept',
  'POST /api/v1/vs/needs/{id}/reject',
  'POST /api/v1/vs/needs/{id}/rating',
  'GET /api/v1/vs/orders/{id}',
  'GET /api/v1/vs/orders/{id}/suggestions',
  'POST /api/v1/vs/orders/{id}/direct',
  'POST /api/v1/vs/orders/{id}/open',
  'POST /api/v1/vs/orders/{id}/reassign',
  'POST /api/v1/vs/orders/{id}/cancel',
  'POST /api/v1/vs/orders/{id}/accept',
  'POST /api/v1/vs/orders/{id}/grab',
  'POST /api/v1/vs/orders/{id}/decline',
  'POST /api/v1/vs/orders/{id}/complete',
];
