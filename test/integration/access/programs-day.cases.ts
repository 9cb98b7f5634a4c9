/** Route cases of CP-3/CP-4 the program day (behaviour and scope: programs-day*.test.ts). */
import type { RouteCase } from './route-case.ts';

export const PROGRAMS_DAY_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/programs/proposals',
    allowed: ['organiser'],
    request: () => ({ url: '/api/v1/programs/proposals' }),
  },
  {
    method: 'GET',
    path: '/api/v1/programs/volunteers',
    allowed: ['organiser'],
    request: () => ({ url: '/api/v1/programs/volunteers?q=%E7%8E%8B' }),
  },
];

/** Need a class day, a child, a roster entry or a proposal first: programs-day.test.ts per role. */
export const PROGRAMS_DAY_COVERED_ELSEWHERE = [
  'PUT /api/v1/programs/classes/{id}/day',
  'GET /api/v1/programs/classes/{id}/days/{day}',
  'GET /api/v1/programs/classes/{id}/days/{day}/releases',
  'POST /api/v1/programs/classes/{id}/days/{day}/roster',
  'POST /api/v1/programs/roster/{id}/check-in',
  'POST /api/v1/programs/roster/{id}/check-out',
  'POST /api/v1/programs/classes/{id}/days/{day}/confirm-hours',
  'POST /api/v1/programs/attendance/{id}/sign-in',
  'POST /api/v1/programs/attendance/{id}/absent',
  'POST /api/v1/programs/attendance/{id}/release',
  'POST /api/v1/programs/proposals/{id}/confirm',
  'POST /api/v1/programs/proposals/{id}/dismiss',
  'GET /api/v1/programs/children/{id}/pickup-codes',
  'GET /api/v1/programs/children/{id}/pickup-persons',
  'POST /api/v1/programs/children/{id}/pickup-persons',
  'POST /api/v1/programs/pickup-persons/{id}/revoke',
  'GET /api/v1/programs/children/{id}/attendance',
  'POST /api/v1/programs/children/{id}/absences',
];
