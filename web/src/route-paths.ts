/**
 * Every address of the logged-in app, in one list. AppShell builds its routes from it (a
 * `Record<AppPath, …>`, so a page cannot be added without an entry here), and the accessibility
 * test (test/e2e/accessibility.e2e.test.ts) visits each one in every display mode.
 */
export const APP_PATHS = [
  '/',
  '/regions',
  '/regions/:code',
  '/residents',
  '/residents/:id',
  '/cases',
  '/cases/new',
  '/appointments',
  '/cases/overview',
  '/cases/:id',
  '/inquiries',
  '/handoffs',
  '/home-visits',
  '/home-visits/route',
  '/authorizations',
  '/vs/order',
  '/vs/my-orders',
  '/vs/board',
  '/vs/inbox',
  '/vs/activities',
  '/vs/activities/:id',
  '/vs/my-activities',
  '/vs/check-in/:id',
  '/volunteers/me',
  '/vs/me',
  '/vs/certificates',
  '/vs/figures',
  '/programs',
  '/programs/new',
  '/programs/:id',
  '/programs/:id/classes/:classId',
  '/programs/:id/classes/:classId/day',
  '/programs/:id/classes/:classId/roster',
  '/programs/figures',
  '/verify',
  '/verify/:number',
  '/volunteers',
  '/vs/teams',
  '/vs/lists',
  '/track',
  '/catalog',
  '/catalog/new',
  '/catalog/import-export',
  '/catalog/:code',
  '/catalog/:code/edit',
  '/calendar',
  '/posts',
  '/settings',
  '/audit',
  '/training',
  '/ratings',
  '/ratings/tickets',
] as const;

export type AppPath = (typeof APP_PATHS)[number];

/** The addresses open before login (every other one shows the login page). */
export const PUBLIC_PATHS = ['/login', '/track', '/verify', '/verify/:number'] as const;
