/** Every module's route cases; the matrix test checks that together they cover the OpenAPI document. */
import { ACTIVITIES_COVERED_ELSEWHERE, ACTIVITIES_ROUTES } from './activities.cases.ts';
import { AGENTS_COVERED_ELSEWHERE, AGENTS_ROUTES } from './agents.cases.ts';
import { CALENDAR_ROUTES } from './calendar.cases.ts';
import { CASES_COVERED_ELSEWHERE, CASES_ROUTES } from './cases.cases.ts';
import { CATALOG_ROUTES } from './catalog.cases.ts';
import { DOCUMENTS_COVERED_ELSEWHERE, DOCUMENTS_ROUTES } from './documents.cases.ts';
import { ESCALATION_COVERED_ELSEWHERE, ESCALATION_ROUTES } from './escalations.cases.ts';
import { FIRST_RESPONSE_COVERED_ELSEWHERE, FIRST_RESPONSE_ROUTES } from './first-response.cases.ts';
import { FOUNDATION_COVERED_ELSEWHERE, FOUNDATION_ROUTES } from './foundation.cases.ts';
import { ORDERS_COVERED_ELSEWHERE, ORDERS_ROUTES } from './orders.cases.ts';
import { PROGRAMS_COVERED_ELSEWHERE, PROGRAMS_ROUTES } from './programs.cases.ts';
import { RECORDS_COVERED_ELSEWHERE, RECORDS_ROUTES } from './records.cases.ts';
import { VOLUNTEERS_COVERED_ELSEWHERE, VOLUNTEERS_ROUTES } from './volunteers.cases.ts';
import type { RouteCase } from './route-case.ts';

export const ROUTES: RouteCase[] = [
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
];
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
];
export { ACCOUNTS, type Ctx, type RouteCase } from './route-case.ts';
