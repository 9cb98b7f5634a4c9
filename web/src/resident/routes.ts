/**
 * The light entry's addresses (issue #11) — one row per page. Public pages need no login; the
 * resident's own pages live under /r/ and ask for a phone login first. Booking (appointments,
 * #14) and enrolment (programs, #13) will each be one more row here and one page, e.g.
 * `{ path: '/r/book', page: 'book', login: true }`. src/server/web-entries.ts sends these
 * addresses to resident.html; keep the two in step.
 */
export type PageName = 'home' | 'track' | 'verify' | 'login' | 'order' | 'mine';

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
