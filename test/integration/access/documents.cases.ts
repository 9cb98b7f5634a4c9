/** Route cases of scans (GS-5) and printed papers (GS-9) on the matrix's case. */
import type { RouteCase } from './route-case.ts';

const CASE_STAFF = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;

export const DOCUMENTS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/attachments',
    allowed: CASE_STAFF,
    request: (c) => ({ url: `/api/v1/cases/${c.caseId}/attachments` }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/receipt.pdf',
    allowed: CASE_STAFF,
    request: (c) => ({ url: `/api/v1/cases/${c.caseId}/receipt.pdf` }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/notice.pdf',
    allowed: CASE_STAFF,
    request: (c) => ({ url: `/api/v1/cases/${c.caseId}/notice.pdf` }),
  },
];

/**
 * The upload takes a raw JPEG/PNG/PDF body (the matrix sends JSON) and the download needs an
 * attachment made first: both are tried by every role, and anonymously, in attachments.test.ts.
 */
export const DOCUMENTS_COVERED_ELSEWHERE = [
  'POST /api/v1/cases/{id}/attachments',
  'GET /api/v1/attachments/{id}',
];
