/**
 * The light entry's addresses (issue #11) — one row per page. Public pages need no login; the
 * resident's own pages live under /r/ and ask for a phone login first. Booking (appointments,
 * #14) will be one more row here and one page, e.g. `{ path: '/r/book', page: 'book', login: true }`;
 * enrolment (programs, #13) is /r/programs, /r/children and /r/enrolments; the class day (CP-3)
 * /r/pickup and /r/child. src/server/web-entries.ts sends these
 * addresses to resident.html; keep the two in step.
 */
export type PageName =
  | 'home'
  | 'track'
  | 'verify'
  | 'login'
  | 'order'
  | 'mine'
  | 'programs'
  | 'children'
  | 'enrolments'
  | 'pickup'
  | 'child'
  | 'file'
  | 'rate'
  | 'kiosk'
  | 'book'
  | 'bookings'
  | 'screen'
  | 'toRate'
  | 'myRatings'
  // Issue #14 GS-10 home visits for residents
  | 'visit'
  | 'visits';

export interface ResidentRoute {
  page: PageName;
  /** The address the navigation links to. */
  path: string;
  /** Also matches deeper addresses (e.g. /verify/<number>). */
  prefix?: boolean;
  /** Shown only after a phone login; before it, the login form takes its place. */
  login: boolean;
  /** In the top navigation (in this order). */
  nav: boolean;
}

export const ROUTES: readonly ResidentRoute[] = [
  { page: 'home', path: '/r', login: false, nav: false },
  { page: 'track', path: '/track', login: false, nav: true },
  { page: 'order', path: '/r/order', login: true, nav: true },
  { page: 'mine', path: '/r/mine', login: true, nav: true },
  { page: 'verify', path: '/verify', prefix: true, login: false, nav: true },
  { page: 'login', path: '/r/login', login: false, nav: false },
  // CP-2 (issue #13): a guardian's pages, reached from the home menu.
  { page: 'programs', path: '/r/programs', login: true, nav: false },
  { page: 'children', path: '/r/children', login: true, nav: false },
  { page: 'enrolments', path: '/r/enrolments', login: true, nav: false },
  // CP-3: today's pickup code; one child's pickup persons and attendance (`?child=<id>`).
  { page: 'pickup', path: '/r/pickup', login: true, nav: false },
  { page: 'child', path: '/r/child', login: true, nav: false },
  // GS-10 (issue #14): 不打烊 — file a case online.
  { page: 'file', path: '/r/file', login: true, nav: false },
  // GS-13: the SMS / QR rating link (no login) and the window rating device (its own token).
  { page: 'rate', path: '/r/rate', login: false, nav: false },
  { page: 'kiosk', path: '/r/kiosk', login: false, nav: false },
  // GS-10 (issue #14): booking a slot and my bookings (BookingPages.tsx, loaded on demand).
  { page: 'book', path: '/r/book', login: true, nav: false },
  { page: 'bookings', path: '/r/bookings', login: true, nav: false },
  // GS-10: a station's queue screen for its TV (`?t=<screen token>`; numbers only, no login).
  { page: 'screen', path: '/r/screen', login: false, nav: false },
  // GS-13: my services to rate, and my ratings with the 差评's rectification (MyRatingsPages.tsx).
  { page: 'toRate', path: '/r/to-rate', login: true, nav: false },
  { page: 'myRatings', path: '/r/my-ratings', login: true, nav: false },
  // Issue #14 GS-10: ask for a home visit; my visits and their records (VisitPages.tsx, on demand).
  { page: 'visit', path: '/r/visit', login: true, nav: false },
  { page: 'visits', path: '/r/visits', login: true, nav: false },
];

/** The route of an address, or null (the page says so and offers the others). */
export function routeOf(pathname: string): ResidentRoute | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return (
    ROUTES.find((r) => path === r.path || (r.prefix === true && path.startsWith(`${r.path}/`))) ??
    null
  );
}

/**
 * Where to go after logging in: the `next` address when it is one of this entry's own pages
 * (never another site), else my records.
 */
export function afterLogin(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//')) {
    const route = routeOf(next.split(/[?#]/, 1)[0]!);
    if (route && route.page !== 'login') return next;
  }
  return '/r/mine';
}
