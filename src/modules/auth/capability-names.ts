/**
 * Issue #12: the names of what a caller may do, as `/auth/me` lists them. Which role groups give
 * each is decided at the composition root (src/server/capabilities.ts), from the groups the
 * routes declare — auth cannot import the feature modules without a cycle.
 */
import type { Role } from '../../shared/roles.ts';

export const CAPABILITIES = [
  'accounts.manage',
  'activities.manage',
  'audit.read',
  'audit.verify',
  'authorizations.read',
  'authorizations.write',
  'calendar.edit',
  'calendar.read',
  'cases.inbox',
  'cases.intake',
  'cases.read',
  'cases.supervise',
  'catalog.detail',
  'catalog.edit',
  'catalog.export',
  'handoffs.overdue',
  'handoffs.read',
  'homeVisits.visit',
  'imports.run',
  'inquiries.handle',
  'open311.keys',
  'orders.place',
  'orders.record',
  'orders.review',
  'orders.team',
  'posts.manage',
  'posts.read',
  'programs.figures',
  'programs.organise',
  'queue.windows',
  'ratings.handle',
  'ratings.read',
  'records.certify',
  'records.figures',
  'resident.services',
  'residents.login',
  'residents.read',
  'residents.register',
  'staff.workspace',
  'stations.manage',
  'teams.lead',
  'training.manage',
  'training.read',
  'volunteering.join',
  'volunteers.lists.edit',
  'volunteers.staff',
  'webhooks.manage',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface GrantForCapabilities {
  role: Role;
  stationId: string | null;
}

/** Given to the auth routes by the composition root. */
export interface CapabilityResolver {
  /** The capabilities one grant gives, alphabetical. */
  ofGrant: (grant: GrantForCapabilities) => Capability[];
  /** The caller's: the union over their grants, alphabetical. */
  ofGrants: (grants: readonly GrantForCapabilities[]) => Capability[];
}
