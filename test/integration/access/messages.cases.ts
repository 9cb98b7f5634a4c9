/**
 * Route cases of X-5 messages and X-9 webhooks (behaviour, scope and bad input:
 * outbox-staff.test.ts and webhooks.test.ts).
 */
import type { RouteCase } from './route-case.ts';

const STAFF = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;

export const MESSAGES_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/messages',
    allowed: STAFF,
    request: (c) => ({ url: `/api/v1/cases/${c.caseId}/messages` }),
  },
  {
    method: 'GET',
    path: '/api/v1/residents/{id}/messages',
    allowed: STAFF,
    request: (c) => ({ url: `/api/v1/residents/${c.residentId}/messages` }),
  },
  {
    method: 'GET',
    path: '/api/v1/webhooks/events',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/webhooks/events' }),
  },
  {
    method: 'GET',
    path: '/api/v1/webhooks/subscribers',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/webhooks/subscribers' }),
  },
];

/** Resend, and the subscriber's lifecycle: per role and scope in their own tests. */
export const MESSAGES_COVERED_ELSEWHERE = [
  'POST /api/v1/cases/{id}/messages/{messageId}/resend',
  'POST /api/v1/residents/{id}/messages/{messageId}/resend',
  'POST /api/v1/webhooks/subscribers',
  'POST /api/v1/webhooks/subscribers/{id}/revoke',
  'POST /api/v1/webhooks/subscribers/{id}/test',
  'GET /api/v1/webhooks/subscribers/{id}/deliveries',
  'GET /api/v1/webhooks/subscribers/{id}/deliveries/page',
];
