import { describe, expect, it } from 'vitest';
import { webEntryFor } from '../../../src/server/web-entries';
import { afterLogin, ROUTES, routeOf } from './routes';

describe('the light entry’s addresses (issue #11)', () => {
  it('finds the page of each address, with or without a trailing slash', () => {
    expect(routeOf('/track')?.page).toBe('track');
    expect(routeOf('/track/')?.page).toBe('track');
    expect(routeOf('/verify/ZM2026-7Q9M-3TX8-A2RB')?.page).toBe('verify');
    expect(routeOf('/r')?.page).toBe('home');
    expect(routeOf('/r/')?.page).toBe('home');
    expect(routeOf('/r/order')?.page).toBe('order');
    expect(routeOf('/r/mine')?.page).toBe('mine');
    expect(routeOf('/r/login')?.page).toBe('login');
    expect(routeOf('/r/programs')?.page).toBe('programs');
    expect(routeOf('/r/children/')?.page).toBe('children');
    expect(routeOf('/r/enrolments')?.page).toBe('enrolments');
    expect(routeOf('/r/orders')).toBeNull();
    expect(routeOf('/tracking')).toBeNull();
  });

  it('only the resident’s own pages ask for a login', () => {
    expect(ROUTES.filter((r) => r.login).map((r) => r.page)).toEqual([
      'order',
      'mine',
      'programs',
      'children',
      'enrolments',
      'pickup',
      'child',
      'file',
      'book',
      'bookings',
      'toRate',
      'myRatings',
      'visit',
      'visits',
    ]);
  });

  it('the server sends every one of these addresses to the light entry', () => {
    for (const r of ROUTES) expect(webEntryFor(r.path), r.path).toBe('resident.html');
    expect(webEntryFor('/verify/ZM2026-7Q9M-3TX8-A2RB')).toBe('resident.html');
    // CP-3: one child's page names the child in the query, which the server's match ignores.
    expect(webEntryFor('/r/child?child=0b0e1a52-0000-4000-8000-000000000001')).toBe(
      'resident.html',
    );
  });

  it('after login goes back to the page that asked, never to another site', () => {
    expect(afterLogin('?next=%2Fr%2Forder')).toBe('/r/order');
    expect(afterLogin('?next=/r/mine')).toBe('/r/mine');
    expect(afterLogin('')).toBe('/r/mine');
    expect(afterLogin('?next=//evil.example/r/order')).toBe('/r/mine');
    expect(afterLogin('?next=https://evil.example')).toBe('/r/mine');
    expect(afterLogin('?next=/r/login')).toBe('/r/mine');
    expect(afterLogin('?next=/admin')).toBe('/r/mine');
  });
});
