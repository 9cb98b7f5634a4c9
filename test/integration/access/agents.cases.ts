/** Route cases of 帮办代办 (GS-6): residents' authorizations of agents. */
import { STAFF_ROLES } from '../../../src/modules/auth/roles.ts';
import type { RouteCase } from './route-case.ts';

export const AGENTS_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/authorizations',
    allowed: ['clerk', 'town_officer', 'agent'],
    request: (c) => ({
      url: '/api/v1/authorizations',
      body: {
        residentId: c.residentId,
        agentAccountId: c.agentAccountId,
        items: ['DX-SB-001'],
        expiresOn: '2026-12-31',
        consent: { method: 'phone', callRecordRef: '站内录音 3 月 2 日第 3 通' },
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/authorizations',
    allowed: STAFF_ROLES,
    request: (c) => ({ url: `/api/v1/authorizations?residentId=${c.residentId}` }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/authorizations/page',
    allowed: STAFF_ROLES,
    request: (c) => ({ url: `/api/v1/authorizations/page?residentId=${c.residentId}` }),
  },
];

/**
 * Revoking changes the authorization (a second revoke is 409), so one valid request per role
 * cannot exist: test/integration/agents.test.ts ('revoking: …') has staff in reach and the agent
 * itself revoke, and a volunteer and the supervisor refused with FORBIDDEN.
 */
export const AGENTS_COVERED_ELSEWHERE = [
  'POST /api/v1/authorizations/{id}/revoke',
  // Raw-file bodies on an authorization made first: test/integration/cases-gaps.test.ts
  // ('route × role: who may upload and read the scan') drives every role.
  'POST /api/v1/authorizations/{id}/scan',
  'GET /api/v1/authorizations/{id}/scan',
];
