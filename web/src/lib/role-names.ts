import type { Role } from '../api/types';

/** Every role, to tell a role in the audit log or a case's history from other text (labels only). */
export const ROLES = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
  'volunteer_staff',
  'team_leader',
  'volunteer',
  'organiser',
  'guardian',
  'resident',
] as const satisfies readonly Role[];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
