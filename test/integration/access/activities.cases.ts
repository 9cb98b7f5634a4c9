/** Route cases of VS-6 serving: activities, sign-ups, check-in codes and hours. */
import { DEMO_ACTIVITY_IDS } from '../../../src/modules/activities/activities.demo.ts';
import type { RouteCase } from './route-case.ts';

const VS_ROLES = ['volunteer', 'team_leader', 'volunteer_staff'] as const;
const MANAGERS = ['team_leader', 'volunteer_staff'] as const;
const demo = DEMO_ACTIVITY_IDS.haircut;

export const ACTIVITIES_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/vs/activities',
    allowed: VS_ROLES,
    request: () => ({ url: '/api/v1/vs/activities?view=open' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/vs/activities/page',
    allowed: VS_ROLES,
    request: () => ({ url: '/api/v1/vs/activities/page?view=open' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/activities/{id}',
    allowed: VS_ROLES,
    request: () => ({ url: `/api/v1/vs/activities/${demo}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/activities/{id}/roster',
    allowed: MANAGERS,
    request: () => ({ url: `/api/v1/vs/activities/${demo}/roster` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/activities/{id}/code',
    allowed: MANAGERS,
    request: () => ({ url: `/api/v1/vs/activities/${demo}/code?direction=in` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/my-activities',
    allowed: ['volunteer'],
    request: () => ({ url: '/api/v1/vs/my-activities' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/vs/my-activities/page',
    allowed: ['volunteer'],
    request: () => ({ url: '/api/v1/vs/my-activities/page' }),
  },
];

/**
 * These change an activity, a sign-up or a service record, or belong to one volunteer, so one valid
 * request per role cannot exist. test/integration/activities-access.test.ts tries every demo role on
 * each: the declared roles pass the route's access check, the others get FORBIDDEN; its other tests
 * and activities.test.ts cover the valid requests and bad input.
 */
export const ACTIVITIES_COVERED_ELSEWHERE = [
  'POST /api/v1/vs/activities',
  'POST /api/v1/vs/activities/{id}/cancel',
  'POST /api/v1/vs/activities/{id}/signup',
  'POST /api/v1/vs/activities/{id}/signup/cancel',
  // Issue #15 point 4: the lead signs a volunteer up — activities-lead-signup.test.ts.
  'POST /api/v1/vs/activities/{id}/signups',
  // Issue #15 p4: the lead's picker for it — activities-lead-signup.test.ts.
  'GET /api/v1/vs/activities/{id}/signup-candidates',
  'POST /api/v1/vs/activities/{id}/check',
  'POST /api/v1/vs/activities/{id}/attendance',
  'POST /api/v1/vs/service-records/{id}/travel',
  'POST /api/v1/vs/service-records/{id}/confirm',
  'POST /api/v1/vs/service-records/{id}/reject',
];
