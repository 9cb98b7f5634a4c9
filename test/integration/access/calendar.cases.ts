/**
 * Route cases of the working-day calendar (GS-8). Reading is for staff; changing is for admins.
 *
 * DELETE answers 404 when the date has no override (a mistyped date should say so, and nothing
 * is audited for a no-op), so its valid request removes the date the PUT case sets: the matrix
 * runs the routes in this order, and only admins get past the access check.
 */
import { STAFF_ROLES } from '../../../src/modules/auth/roles.ts';
import type { RouteCase } from './route-case.ts';

const MATRIX_DATE = '2027-10-01';
const NOTICE_YEAR = 2029;

export const CALENDAR_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/calendar/overrides',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/calendar/overrides?year=2027' }),
  },
  {
    method: 'PUT',
    path: '/api/v1/calendar/overrides/{date}',
    allowed: ['admin'],
    request: () => ({
      url: `/api/v1/calendar/overrides/${MATRIX_DATE}`,
      body: { kind: 'holiday', note: '国庆节' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/calendar/overrides/{date}',
    allowed: ['admin'],
    request: () => ({ url: `/api/v1/calendar/overrides/${MATRIX_DATE}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendar/due-date',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/calendar/due-date?from=2026-02-13&days=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendar/days',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/calendar/days?from=2026-02-01&to=2026-02-28' }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendar/notices',
    allowed: STAFF_ROLES,
    request: () => ({ url: '/api/v1/calendar/notices' }),
  },
  // The PUT comes first: reading a year's notice answers 404 until one is entered.
  {
    method: 'PUT',
    path: '/api/v1/calendar/years/{year}/notice',
    allowed: ['admin'],
    request: () => ({
      url: `/api/v1/calendar/years/${NOTICE_YEAR}/notice`,
      body: { note: '矩阵测试', days: [{ date: `${NOTICE_YEAR}-10-04`, kind: 'holiday' }] },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/calendar/years/{year}/notice',
    allowed: STAFF_ROLES,
    request: () => ({ url: `/api/v1/calendar/years/${NOTICE_YEAR}/notice` }),
  },
];
