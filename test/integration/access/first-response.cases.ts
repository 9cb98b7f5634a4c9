/** Route cases of 首问负责 (GS-4): inquiries, hand-offs and the notifications outbox. */
import { STAFF_ROLES } from '../../../src/modules/auth/roles.ts';
import { ANY, type RouteCase } from './route-case.ts';

const HANDLERS = ['clerk', 'agent', 'town_officer', 'district_officer'] as const;

export const FIRST_RESPONSE_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/inquiries',
    allowed: HANDLERS,
    request: () => ({
      url: '/api/v1/inquiries',
      body: {
        channel: 'phone',
        callerDescription: '一位村民',
        question: '社保卡丢了怎么补？',
        itemCode: 'DX-SB-001',
        answer: '带身份证和一寸照片到任一村级服务站办理',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/inquiries',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/inquiries?limit=5' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/inquiries/page',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/inquiries/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/inquiries/{id}',
    allowed: STAFF_ROLES,
    request: (c) => ({ url: `/api/v1/inquiries/${c.inquiryId}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/handoffs',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/handoffs?box=overdue' }),
  },
  {
    method: 'GET',
    path: '/api/v1/handoffs/page',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/handoffs/page?box=overdue&limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/handoffs/{id}',
    allowed: STAFF_ROLES,
    request: (c) => ({ url: `/api/v1/handoffs/${c.handoffId}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/notifications',
    allowed: ANY,
    request: () => ({ url: '/api/v1/notifications' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/notifications/page',
    allowed: ANY,
    request: () => ({ url: '/api/v1/notifications/page' }),
  },
];

/**
 * These change a matter or belong to one person (only the receiver answers a hand-off, only the
 * holder hands on or closes, only the owner reads a notification), so one valid request per role
 * cannot exist. test/integration/first-response-access.test.ts ('route roles of the state-changing
 * routes') tries every demo role on each: the declared roles pass the access check, the others
 * get FORBIDDEN; its other tests cover the valid requests.
 */
export const FIRST_RESPONSE_COVERED_ELSEWHERE = [
  'POST /api/v1/inquiries/{id}/close',
  'POST /api/v1/inquiries/handed-on', // inquiry-handoff.test.ts
  'POST /api/v1/handoffs',
  'POST /api/v1/handoffs/{id}/accept',
  'POST /api/v1/handoffs/{id}/decline',
  'POST /api/v1/notifications/{id}/read',
];
