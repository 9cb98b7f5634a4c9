/** Route cases of the deadline sweep's escalations (GS-8). */
import type { RouteCase } from './route-case.ts';

export const ESCALATION_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/escalations',
    allowed: ['admin', 'supervisor', 'town_officer'],
    request: () => ({ url: '/api/v1/escalations' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/escalations/page',
    allowed: ['admin', 'supervisor', 'town_officer'],
    request: () => ({ url: '/api/v1/escalations/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/figures',
    allowed: ['admin', 'supervisor', 'district_officer', 'town_officer'],
    request: () => ({ url: '/api/v1/cases/figures' }),
  },
  {
    // Issue #16: the same per-station figures by keyset, the same readers.
    method: 'GET',
    path: '/api/v1/cases/figures/page',
    allowed: ['admin', 'supervisor', 'district_officer', 'town_officer'],
    request: () => ({ url: '/api/v1/cases/figures/page?limit=2' }),
  },
  {
    // Issue #16: the drill-down summed by the server, the same readers.
    method: 'GET',
    path: '/api/v1/cases/figures/drill',
    allowed: ['admin', 'supervisor', 'district_officer', 'town_officer'],
    request: () => ({ url: '/api/v1/cases/figures/drill?by=town' }),
  },
  {
    method: 'GET',
    path: '/api/v1/colleagues',
    allowed: ['clerk', 'agent', 'town_officer', 'district_officer'],
    request: () => ({ url: '/api/v1/colleagues' }),
  },
  {
    method: 'GET',
    path: '/api/v1/colleagues/page',
    allowed: ['clerk', 'agent', 'town_officer', 'district_officer'],
    request: () => ({ url: '/api/v1/colleagues/page?limit=5' }),
  },
];

/** Acknowledging needs an escalation the sweep made: its roles are tested in escalations.test.ts. */
export const ESCALATION_COVERED_ELSEWHERE = ['POST /api/v1/escalations/{id}/acknowledge'];
