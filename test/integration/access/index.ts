/** Every module's route cases; the matrix test checks that together they cover the OpenAPI document. */
import { ACTIVITIES_COVERED_ELSEWHERE, ACTIVITIES_ROUTES } from './activities.cases.ts';
import { AGENTS_COVERED_ELSEWHERE, AGENTS_ROUTES } from './agents.cases.ts';
import { APPOINTMENTS_COVERED_ELSEWHERE, APPOINTMENTS_ROUTES } from './appointments.cases.ts';
import { CALENDAR_ROUTES } from './calendar.cases.ts';
import { CASES_COVERED_ELSEWHERE, CASES_ROUTES } from './cases.cases.ts';
import { CATALOG_ROUTES } from './catalog.cases.ts';
import { DOCUMENTS_COVERED_ELSEWHERE, DOCUMENTS_ROUTES } from './documents.cases.ts';
import { ESCALATION_COVERED_ELSEWHERE, ESCALATION_ROUTES } from './escalations.cases.ts';
import { FIRST_RESPONSE_COVERED_ELSEWHERE, FIRST_RESPONSE_ROUTES } from './first-response.cases.ts';
import { FOUNDATION_COVERED_ELSEWHERE, FOUNDATION_ROUTES } from './foundation.cases.ts';
import { ONLINE_COVERED_ELSEWHERE, ONLINE_ROUTES } from './online.cases.ts';
import { ORDERS_COVERED_ELSEWHERE, ORDERS_ROUTES } from './orders.cases.ts';
import { OPEN311_COVERED_ELSEWHERE, OPEN311_ROUTES } from './open311.cases.ts';
import { SETUP_COVERED_ELSEWHERE, SETUP_ROUTES } from './setup.cases.ts';
import { MESSAGES_COVERED_ELSEWHERE, MESSAGES_ROUTES } from './messages.cases.ts';
import { PROGRAMS_COVERED_ELSEWHERE, PROGRAMS_ROUTES } from './programs.cases.ts';
import { PROGRAMS_DAY_COVERED_ELSEWHERE, PROGRAMS_DAY_ROUTES } from './programs-day.cases.ts';
import { POSTS_COVERED_ELSEWHERE, POSTS_ROUTES } from './posts.cases.ts';
import { RECORDS_COVERED_ELSEWHERE, RECORDS_ROUTES } from './records.cases.ts';
import { TRAINING_COVERED_ELSEWHERE, TRAINING_ROUTES } from './training.cases.ts';
import { RATINGS_COVERED_ELSEWHERE, RATINGS_ROUTES } from './ratings.cases.ts';
import { HOME_VISITS_COVERED_ELSEWHERE, HOME_VISITS_ROUTES } from './home-visits.cases.ts';
import { IMPORTS_ROUTES } from './imports.cases.ts';
import { VOLUNTEERS_COVERED_ELSEWHERE, VOLUNTEERS_ROUTES } from './volunteers.cases.ts';
import { listExportRoutes } from './exports.cases.ts';
import type { RouteCase } from './route-case.ts';

const MODULE_ROUTES: RouteCase[] = [
  ...ACTIVITIES_ROUTES,
  ...FOUNDATION_ROUTES,
  ...CALENDAR_ROUTES,
  ...CATALOG_ROUTES,
  ...CASES_ROUTES,
  ...DOCUMENTS_ROUTES,
  ...FIRST_RESPONSE_ROUTES,
  ...AGENTS_ROUTES,
  ...ESCALATION_ROUTES,
  ...ORDERS_ROUTES,
  ...VOLUNTEERS_ROUTES,
  ...RECORDS_ROUTES,
  ...PROGRAMS_ROUTES,
  ...PROGRAMS_DAY_ROUTES,
  ...ONLINE_ROUTES,
  ...POSTS_ROUTES,
  ...TRAINING_ROUTES,
  ...RATINGS_ROUTES,
  ...APPOINTMENTS_ROUTES,
  ...HOME_VISITS_ROUTES,
  ...OPEN311_ROUTES,
  ...SETUP_ROUTES,
  ...IMPORTS_ROUTES,
  ...MESSAGES_ROUTES,
];
/** Every route: the modules' own and, derived from their lists, the lists' Excel exports. */
export const ROUTES: RouteCase[] = [...MODULE_ROUTES, ...listExportRoutes(MODULE_ROUTES)];
/** Routes with behaviour tests of their own (they change the caller's session). */
export const COVERED_ELSEWHERE: string[] = [
  ...ACTIVITIES_COVERED_ELSEWHERE,
  ...FOUNDATION_COVERED_ELSEWHERE,
  ...CASES_COVERED_ELSEWHERE,
  ...DOCUMENTS_COVERED_ELSEWHERE,
  ...FIRST_RESPONSE_COVERED_ELSEWHERE,
  ...VOLUNTEERS_COVERED_ELSEWHERE,
  ...AGENTS_COVERED_ELSEWHERE,
  ...ESCALATION_COVERED_ELSEWHERE,
  ...ORDERS_COVERED_ELSEWHERE,
  ...RECORDS_COVERED_ELSEWHERE,
  ...PROGRAMS_COVERED_ELSEWHERE,
  ...PROGRAMS_DAY_COVERED_ELSEWHERE,
  ...ONLINE_COVERED_ELSEWHERE,
  ...POSTS_COVERED_ELSEWHERE,
  ...TRAINING_COVERED_ELSEWHERE,
  ...RATINGS_COVERED_ELSEWHERE,
  ...APPOINTMENTS_COVERED_ELSEWHERE,
  ...HOME_VISITS_COVERED_ELSEWHERE,
  ...OPEN311_COVERED_ELSEWHERE,
  ...SETUP_COVERED_ELSEWHERE,
  ...MESSAGES_COVERED_ELSEWHERE,
];
export { ACCOUNTS, type Ctx, type RouteCase } from './route-case.ts';
