/** Route cases of VS-8 … VS-10: records, certificates, star packs and figures. */
import type { RouteCase } from './route-case.ts';

const RECORD_READERS = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'team_leader',
  'volunteer',
] as const;
const ISSUERS = ['team_leader', 'volunteer_staff'] as const;
const FIGURES = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'district_officer',
  'town_officer',
] as const;

export const RECORDS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/vs/me/record',
    allowed: ['volunteer'],
    request: () => ({ url: '/api/v1/vs/me/record' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/certificates',
    allowed: RECORD_READERS,
    request: () => ({ url: '/api/v1/vs/certificates?limit=5' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/vs/certificates/page',
    allowed: RECORD_READERS,
    request: () => ({ url: '/api/v1/vs/certificates/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/certificates/candidates',
    allowed: ISSUERS,
    request: () => ({ url: '/api/v1/vs/certificates/candidates' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/certificates/candidates/page',
    allowed: ISSUERS,
    request: () => ({ url: '/api/v1/vs/certificates/candidates/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/star-packs',
    allowed: RECORD_READERS,
    request: () => ({ url: '/api/v1/vs/star-packs' }),
  },
  {
    method: 'PUT',
    path: '/api/v1/vs/star-packs/regions/{regionCode}',
    allowed: ['admin', 'volunteer_staff'],
    request: () => ({
      url: '/api/v1/vs/star-packs/regions/110115110000',
      body: { packCode: 'beijing' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/figures',
    allowed: FIGURES,
    request: () => ({ url: '/api/v1/vs/figures' }),
  },
];

/**
 * These need a volunteer with records, a team and a certificate made first (the matrix has none):
 * test/integration/records-access.test.ts tries every demo role, and anonymously, on each — the
 * declared roles succeed (2xx) on rows in their reach, the others get FORBIDDEN (401 without a
 * session; the public verification answers everyone).
 */
export const RECORDS_COVERED_ELSEWHERE = [
  'GET /api/v1/vs/records/{volunteerId}',
  'POST /api/v1/vs/records/{volunteerId}/entries',
  'GET /api/v1/vs/certificates/preview',
  'POST /api/v1/vs/certificates',
  'GET /api/v1/vs/certificates/{id}',
  'GET /api/v1/vs/certificates/{id}/certificate.pdf',
  'POST /api/v1/vs/certificates/{id}/revoke',
  'GET /api/v1/public/certificates/{number}',
];
