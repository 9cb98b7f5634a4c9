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
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/programs/page',
    allowed: ANY,
    request: () => ({ url: '/api/v1/programs/page?regionCode=110115110000' }),
  },
  {
    method: 'GET',
    path: '/api/v1/programs/children',
    allowed: ['guardian', 'resident'],
    request: () => ({ url: '/api/v1/programs/children' }),
  },
  {
    method: 'GET',
    path: '/api/v1/programs/enrolments',
    allowed: ['guardian'],
    request: () => ({ url: '/api/v1/programs/enrolments' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/programs/enrolments/page',
    allowed: ['guardian'],
    request: () => ({ url: '/api/v1/programs/enrolments/page' }),
  },
  {
    method: 'GET',
    path: '/api/v1/programs/neighbourhoods',
    allowed: ANY,
    request: () => ({ url: '/api/v1/programs/neighbourhoods?regionCode=371602005035' }),
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
  // The organiser's class list: per role and scope in programs-organiser.test.ts.
  'GET /api/v1/programs/classes/{id}/enrolments',
  // CP-2 complete: programs-lottery.test.ts, programs-siblings.test.ts (roles, scope, bad input)
  'POST /api/v1/programs/classes/{id}/enrolments/siblings',
  'POST /api/v1/programs/classes/{id}/draw',
  'GET /api/v1/programs/classes/{id}/draw',
  'GET /api/v1/programs/classes/{id}/draw/verify',
  'POST /api/v1/programs/enrolments/{id}/move-up',
  // CP-5 figures: program-figures.test.ts (organiser scope OUT_OF_SCOPE, guardian 403, bad period 400)
  'GET /api/v1/programs/figures',
  'GET /api/v1/programs/figures.xlsx',
  'PATCH /api/v1/programs/children/{id}',
  'PUT /api/v1/programs/neighbourhoods/{regionCode}',
];
