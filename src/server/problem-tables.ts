/**
 * Composition root of the problem codes: the one place that knows every module's table. It
 * registers them with the kernel (shared/problem.ts) when the app or the CLI starts. (A module's
 * own problems file also registers its table when imported; registering the same table twice is
 * harmless.)
 */
import { registerProblems } from '../shared/problem.ts';
import { SETUP_PROBLEMS } from '../modules/setup/setup.problems.ts';
import { ACTIVITY_PROBLEMS } from '../modules/activities/activities.problems.ts';
import { APPOINTMENT_PROBLEMS } from '../modules/appointments/appointments.problems.ts';
import { AGENT_PROBLEMS } from '../modules/agents/agents.problems.ts';
import { AUTH_PROBLEMS } from '../modules/auth/auth.problems.ts';
import { CALENDAR_PROBLEMS } from '../modules/calendar/calendar.problems.ts';
import { CASE_PROBLEMS } from '../modules/cases/cases.problems.ts';
import { CATALOG_PROBLEMS } from '../modules/catalog/catalog.problems.ts';
import { DOCUMENT_PROBLEMS } from '../modules/documents/document.problems.ts';
import { FIRST_RESPONSE_PROBLEMS } from '../modules/first-response/first-response.problems.ts';
import { ORDER_PROBLEMS } from '../modules/orders/orders.problems.ts';
import { OPEN311_PROBLEMS } from '../modules/open311/open311.problems.ts';
import { PROGRAM_PROBLEMS } from '../modules/programs/programs.problems.ts';
import { PROGRAM_DAY_PROBLEMS } from '../modules/programs/programs-day.problems.ts';
import { POSTS_PROBLEMS } from '../modules/posts/posts.problems.ts';
import { RATING_PROBLEMS } from '../modules/ratings/ratings.problems.ts';
import { IMPORT_PROBLEMS } from '../modules/imports/imports.problems.ts';
import { HOME_VISIT_PROBLEMS } from '../modules/home-visits/home-visits.problems.ts';
import { RECORDS_PROBLEMS } from '../modules/records/records.problems.ts';
import { REGION_PROBLEMS } from '../modules/regions/regions.problems.ts';
import { RESIDENT_PROBLEMS } from '../modules/residents/residents.problems.ts';
import { TRAINING_PROBLEMS } from '../modules/training/training.problems.ts';
import { VOLUNTEERS_PROBLEMS } from '../modules/volunteers/volunteers.problems.ts';
import { NOTIFICATION_PROBLEMS } from '../modules/notifications/notifications.problems.ts';
import { WEBHOOK_PROBLEMS } from '../modules/webhooks/webhooks.problems.ts';

/** Every module's table, in one list (the start-up check and tests walk it). */
export const MODULE_PROBLEM_TABLES = [
  AUTH_PROBLEMS,
  RESIDENT_PROBLEMS,
  REGION_PROBLEMS,
  CALENDAR_PROBLEMS,
  CATALOG_PROBLEMS,
  CASE_PROBLEMS,
  FIRST_RESPONSE_PROBLEMS,
  AGENT_PROBLEMS,
  DOCUMENT_PROBLEMS,
  ORDER_PROBLEMS,
  VOLUNTEERS_PROBLEMS,
  RECORDS_PROBLEMS,
  ACTIVITY_PROBLEMS,
  PROGRAM_PROBLEMS,
  PROGRAM_DAY_PROBLEMS,
  POSTS_PROBLEMS,
  TRAINING_PROBLEMS,
  RATING_PROBLEMS,
  APPOINTMENT_PROBLEMS,
  HOME_VISIT_PROBLEMS,
  OPEN311_PROBLEMS,
  SETUP_PROBLEMS,
  IMPORT_PROBLEMS,
  NOTIFICATION_PROBLEMS,
  WEBHOOK_PROBLEMS,
] as const;

/**
 * Codes two tables may define (none left: VS_TEAM_NOT_FOUND is owned by records, VS_PROJECT_NOT_FOUND
 * by activities, each with the words it had).
 */
export const KNOWN_DUPLICATE_CODES: readonly string[] = [];

for (const table of MODULE_PROBLEM_TABLES)
  registerProblems(table, { replaces: KNOWN_DUPLICATE_CODES });
