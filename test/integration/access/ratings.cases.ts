/** Route cases of GS-13 好差评 (behaviour, scope and identity: ratings*.test.ts). */
import type { RouteCase } from './route-case.ts';

const READERS = ['admin', 'supervisor', 'district_officer', 'town_officer', 'clerk'] as const;
const HANDLERS = ['admin', 'supervisor', 'town_officer', 'clerk'] as const;

export const RATINGS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/ratings',
    allowed: READERS,
    request: () => ({ url: '/api/v1/ratings' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/ratings/page',
    allowed: READERS,
    request: () => ({ url: '/api/v1/ratings/page' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/metrics',
    allowed: READERS,
    request: () => ({ url: '/api/v1/ratings/metrics?month=2026-03' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/export',
    allowed: READERS,
    request: () => ({ url: '/api/v1/ratings/export?month=2026-03' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/export.xlsx',
    allowed: READERS,
    request: () => ({ url: '/api/v1/ratings/export.xlsx?month=2026-03' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/tickets',
    allowed: HANDLERS,
    request: () => ({ url: '/api/v1/ratings/tickets' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/ratings/tickets/page',
    allowed: HANDLERS,
    request: () => ({ url: '/api/v1/ratings/tickets/page' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/devices',
    allowed: HANDLERS,
    request: () => ({ url: '/api/v1/ratings/devices' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/appeals',
    allowed: ['admin', 'supervisor', 'town_officer', 'clerk'],
    request: () => ({ url: '/api/v1/ratings/appeals' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/ratings/appeals/page',
    allowed: ['admin', 'supervisor', 'town_officer', 'clerk'],
    request: () => ({ url: '/api/v1/ratings/appeals/page' }),
  },
  {
    method: 'GET',
    path: '/api/v1/ratings/mine',
    allowed: ['resident', 'guardian'],
    request: () => ({ url: '/api/v1/ratings/mine' }),
  },
];

/**
 * Need a delivered case, a link token, a paired device, a ticket or an appeal first (or, for a
 * device, a station grant): ratings.test.ts and ratings-tickets.test.ts per role.
 */
export const RATINGS_COVERED_ELSEWHERE = [
  'GET /api/v1/ratings/public/links/{token}',
  'POST /api/v1/ratings/public/links/{token}',
  'POST /api/v1/ratings/links',
  'POST /api/v1/ratings/mine',
  'POST /api/v1/ratings/devices',
  'POST /api/v1/ratings/devices/{id}/revoke',
  'POST /api/v1/ratings/device/pair',
  'GET /api/v1/ratings/device/current',
  'POST /api/v1/ratings/device/ratings',
  'POST /api/v1/ratings/device/skip',
  'GET /api/v1/ratings/tickets/{id}',
  'POST /api/v1/ratings/tickets/{id}/steps',
  'POST /api/v1/ratings/{id}/appeal',
  'GET /api/v1/ratings/appeals/{id}',
  'POST /api/v1/ratings/appeals/{id}/decision',
];
