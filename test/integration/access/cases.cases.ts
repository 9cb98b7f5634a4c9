/** Route cases of 赶集式通办 cases (GS-3 … GS-9). */
import { ANY, type RouteCase } from './route-case.ts';

const CASE_STAFF = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;

export const CASES_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/cases',
    allowed: ['clerk', 'agent', 'town_officer'],
    request: (c) => ({
      url: '/api/v1/cases',
      body: { residentId: c.residentId, itemCode: 'DX-SB-001', presented: ['id_card'] },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases',
    allowed: CASE_STAFF,
    request: () => ({ url: '/api/v1/cases?limit=5' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/cases/page',
    allowed: CASE_STAFF,
    request: () => ({ url: '/api/v1/cases/page?limit=5' }),
  },
  {
    // Issue #11: any logged-in account; scoped to its own resident record inside the service.
    method: 'GET',
    path: '/api/v1/cases/mine',
    allowed: ANY,
    request: () => ({ url: '/api/v1/cases/mine' }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}',
    allowed: CASE_STAFF,
    request: (c) => ({ url: `/api/v1/cases/${c.caseId}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/actions',
    allowed: CASE_STAFF,
    request: (c) => ({ url: `/api/v1/cases/${c.caseId}/actions` }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/supervision.xlsx',
    allowed: ['admin', 'supervisor', 'district_officer', 'town_officer'],
    request: () => ({ url: '/api/v1/cases/supervision.xlsx' }),
  },
  {
    method: 'GET',
    path: '/api/v1/track',
    allowed: 'public',
    request: (c) => ({ url: `/api/v1/track?number=${c.caseNumber}&code=${c.trackingCode}` }),
  },
];

/**
 * Transitions change the case, so one valid request per role cannot exist: the route's roles are
 * covered in cases-guards.test.ts (a volunteer is refused) and every role × state × action cell of the
 * table in src/modules/cases/case.workflow.test.ts.
 */
export const CASES_COVERED_ELSEWHERE = ['POST /api/v1/cases/{id}/transitions'];
