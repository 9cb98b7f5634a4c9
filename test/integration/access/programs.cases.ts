/** Route cases of CP-1/CP-2 community programs (behaviour and scope: programs*.test.ts). */
import { ANY, type RouteCase } from './route-case.ts';

export const PROGRAMS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/programs',
    allowed: ANY,
    request: () => ({ url: '/api/v1/programs?regionCode=110115110000' }),
  },
  {
    method: 'GET',
    path: '/api/v1/programs/children',
    allowed: ['guardian'],
    request: () => ({ url: '/api/v1/programs/children' }),
  },
  {
    method: 'GET',
    path: '/api/v1/programs/enrolments',
    allowed: ['guardian'],
    request: () => ({ url: '/api/v1/programs/enrolments' }),
  },
];

/** Need a program, a class or an enrolment first: covered by programs.test.ts per role. */
export const PROGRAMS_COVERED_ELSEWHERE = [
  'POST /api/v1/programs',
  'GET /api/v1/programs/{id}',
  'POST /api/v1/programs/children',
  'POST /api/v1/programs/classes/{id}/enrolments',
  'GET /api/v1/programs/classes/{id}/waitlist',
  'POST /api/v1/programs/enrolments/{id}/withdraw',
  'POST /api/v1/programs/enrolments/{id}/accept',
  'POST /api/v1/programs/enrolments/{id}/decline',
];
