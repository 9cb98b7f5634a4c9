/** Every module's route cases; the matrix test checks that together they cover the OpenAPI document. */
import { CALENDAR_ROUTES } from './calendar.cases.ts';
import { CASES_COVERED_ELSEWHERE, CASES_ROUTES } from './cases.cases.ts';
import { CATALOG_ROUTES } from './catalog.cases.ts';
import { FOUNDATION_COVERED_ELSEWHERE, FOUNDATION_ROUTES } from './foundation.cases.ts';
import type { RouteCase } from './route-case.ts';

export const ROUTES: RouteCase[] = [
  ...FOUNDATION_ROUTES,
  ...CALENDAR_ROUTES,
  ...CATALOG_ROUTES,
  ...CASES_ROUTES,
];
/** Routes with behaviour tests of their own (they change the caller's session). */
export const COVERED_ELSEWHERE: string[] = [
  ...FOUNDATION_COVERED_ELSEWHERE,
  ...CASES_COVERED_ELSEWHERE,
];
export { ACCOUNTS, type Ctx, type RouteCase } from './route-case.ts';
