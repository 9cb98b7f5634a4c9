/** The shape of a route-matrix case: each module lists its routes in access/<module>.cases.ts. */
import type { Role } from '../../../src/modules/auth/roles.ts';

/** The demo accounts, one per role (see src/modules/demo/seed-demo.ts). */
export const ACCOUNTS: Record<string, Role> = {
  admin: 'admin',
  supervisor: 'supervisor',
  district: 'district_officer',
  town: 'town_officer',
  clerk: 'clerk',
  agent: 'agent',
  vstaff: 'volunteer_staff',
  leader: 'team_leader',
  volunteer: 'volunteer',
  organiser: 'organiser',
  guardian: 'guardian',
  resident: 'resident',
};

export type Allowed = 'public' | readonly Role[];
export const ANY: readonly Role[] = Object.values(ACCOUNTS);

/** Ids the cases may need, found once before the matrix runs; modules may add their own. */
export interface Ctx {
  residentId: string;
  stationId: string;
  [key: string]: string;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string; // as in the OpenAPI document
  allowed: Allowed;
  /** A valid request: an allowed role must get a 2xx. */
  request: (ctx: Ctx) => { url: string; body?: unknown };
}
