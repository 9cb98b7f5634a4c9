/**
 * Issue #12: what the caller may do, named — derived from the very role groups the routes declare
 * in their `access`, so the web shows a page or a button exactly when the server would allow it.
 * Pure: a grant's role (and whether it is held at a station) gives its capabilities. It lives at the
 * composition root because it reads every module's role groups; auth gets it as an option.
 */
import { MANAGERS as ACTIVITY_MANAGERS } from '../modules/activities/activities.routes.ts';
import { WRITERS as AUTHORIZATION_WRITERS } from '../modules/agents/agents.routes.ts';
import { AUDIT_READERS } from '../modules/audit/audit.routes.ts';
import { DECIDING_ROLES } from '../modules/cases/case-parties.ts';
import { CASE_INTAKE_ROLES, CASE_STAFF } from '../modules/cases/case.routes.ts';
import { CATALOG_EXPORTERS } from '../modules/catalog/catalog-io.ts';
import { CATALOG_WRITERS } from '../modules/catalog/catalog.service.ts';
import { HANDLER_ROLES } from '../modules/first-response/matter.ts';
import { IMPORTERS } from '../modules/imports/imports.access.ts';
import { OVERSEERS as HANDOFF_OVERSEERS } from '../modules/first-response/handoff.view.ts';
import { CENTRE_ROLES, LEADER_ROLES, RECORDER_ROLES } from '../modules/orders/orders.common.ts';
import { FIGURE_ROLES } from '../modules/records/figures.service.ts';
import { ORGANISER as PROGRAM_ORGANISERS } from '../modules/programs/programs.access.ts';
import { POST_MANAGERS, POST_READERS } from '../modules/posts/posts.access.ts';
import { PROGRAM_FIGURE_ROLES } from '../modules/programs/program-figures.service.ts';
import { TRAINING_READERS, TRAINING_WRITERS } from '../modules/training/training-town.ts';
import { RATING_HANDLERS, RATING_READERS } from '../modules/ratings/ratings.access.ts';
import { STATION_STAFF as QUEUE_STAFF } from '../modules/appointments/appointments.access.ts';
import { VISIT_STAFF } from '../modules/home-visits/home-visits.access.ts';
import { ISSUER_ROLES } from '../modules/records/records.access.ts';
import { VS_LIST_EDITORS, VS_STAFF } from '../modules/volunteers/vs.scope.ts';
import { OPEN311_KEY_MANAGERS } from '../modules/open311/open311-keys.ts';
import { WEBHOOK_MANAGERS } from '../modules/webhooks/webhook-subscribers.ts';
import { ACCOUNT_LINKERS } from '../modules/residents/resident-account.ts';
import {
  ALL_ROLES,
  RESIDENT_READERS,
  RESIDENT_REGISTRARS,
  STAFF_ROLES,
  type Role,
} from '../shared/roles.ts';
import {
  CAPABILITIES,
  type Capability,
  type CapabilityResolver,
  type GrantForCapabilities,
} from '../modules/auth/capability-names.ts';

interface Rule {
  roles: readonly Role[];
  /** Only a grant held at a station (a window, a deciding unit) gives it. */
  atStation?: true;
}

/** Every capability and the route role group it stands for. */
const RULES = {
  /** The staff workspace (home, side navigation). */
  'staff.workspace': { roles: STAFF_ROLES },
  /** Issue #15 point 4: the accounts page (/accounts) — list, create, disable, reset, grant. */
  'accounts.manage': { roles: ['admin'] },
  /** Issue #15 point 7: the Open311 API keys page (/open311-keys). */
  'open311.keys': { roles: OPEN311_KEY_MANAGERS },
  /** Issue #15 point 9: the webhooks page (/webhooks) — subscribers, test, delivery log. */
  'webhooks.manage': { roles: WEBHOOK_MANAGERS },
  'residents.read': { roles: RESIDENT_READERS },
  'residents.register': { roles: RESIDENT_REGISTRARS },
  /** GS-10: create a resident's own phone login at the window (POST /residents/{id}/login). */
  'residents.login': { roles: ACCOUNT_LINKERS },
  'audit.read': { roles: AUDIT_READERS },
  /** POST /audit/verification. */
  'audit.verify': { roles: ['admin'] },
  'catalog.edit': { roles: CATALOG_WRITERS },
  'catalog.export': { roles: CATALOG_EXPORTERS },
  /** Item codes, tiers, versions: the working detail staff see (residents see plain names). */
  'catalog.detail': { roles: STAFF_ROLES },
  'calendar.read': { roles: STAFF_ROLES },
  'calendar.edit': { roles: ['admin'] },
  /** File cases at a station window (POST /cases). */
  'cases.intake': { roles: CASE_INTAKE_ROLES, atStation: true },
  'cases.read': { roles: CASE_STAFF },
  /** A deciding unit's inbox (town centre, district department). */
  'cases.inbox': {
    roles: [...DECIDING_ROLES.town_centre, ...DECIDING_ROLES.district_department],
    atStation: true,
  },
  /** The overdue overview per station and its escalations. */
  'cases.supervise': { roles: HANDOFF_OVERSEERS },
  'authorizations.read': { roles: STAFF_ROLES },
  'authorizations.write': { roles: AUTHORIZATION_WRITERS },
  'inquiries.handle': { roles: HANDLER_ROLES },
  /** Issue #15 point 3: people by Excel (/imports). */
  'imports.run': { roles: IMPORTERS },
  /** Issue #15 go-live: open stations (POST /stations, the stations import and its pre-filled template). */
  'stations.manage': { roles: ['admin'] },
  /** GS-11 AB posts: the coverage calendar; creating posts and recording anyone's leave. */
  'posts.read': { roles: POST_READERS },
  'posts.manage': { roles: POST_MANAGERS },
  'handoffs.read': { roles: STAFF_ROLES },
  'handoffs.overdue': { roles: HANDOFF_OVERSEERS },
  /** Order a service (点单) for oneself. */
  'orders.place': { roles: ALL_ROLES },
  /** Order on a resident's behalf (phone, WeChat, walk-in). */
  'orders.record': { roles: RECORDER_ROLES },
  /** The centre board: review, merge, dispatch. */
  'orders.review': { roles: CENTRE_ROLES },
  /** The team inbox: accept, decline, grab. */
  'orders.team': { roles: LEADER_ROLES },
  /** The resident's own services in the navigation (order, my orders). */
  'resident.services': { roles: ['resident'] },
  'volunteers.staff': { roles: VS_STAFF },
  'volunteers.lists.edit': { roles: VS_LIST_EDITORS },
  /** Decide join requests of the teams one leads. */
  'teams.lead': { roles: ['team_leader'] },
  /** Ask to join teams, sign up for activities, one's own hours and certificates (/vs/me). */
  'volunteering.join': { roles: ['volunteer'] },
  'activities.manage': { roles: ACTIVITY_MANAGERS },
  'records.certify': { roles: ISSUER_ROLES },
  'records.figures': { roles: FIGURE_ROLES },
  /** CP-1/CP-2: programs, classes, enrolment lists and waitlists (issue #13). */
  'programs.organise': { roles: PROGRAM_ORGANISERS },
  /** CP-5 program figures (/programs/figures). */
  'programs.figures': { roles: PROGRAM_FIGURE_ROLES },
  /** GS-12 training and competence (/training): read, and manage (town centre officers). */
  'training.read': { roles: TRAINING_READERS },
  'training.manage': { roles: TRAINING_WRITERS },
  /** GS-13 好差评: the dashboard, ratings and export; tickets, devices and links. */
  'ratings.read': { roles: RATING_READERS },
  'ratings.handle': { roles: RATING_HANDLERS },
  /** GS-10/GS-13 the station's windows (add, rename, archive) and sitting at one (issue #14). */
  'queue.windows': { roles: QUEUE_STAFF },
  /** GS-10 home visits: requests and the day's route, at the caller's station. */
  'homeVisits.visit': { roles: VISIT_STAFF, atStation: true },
} as const satisfies Record<Capability, Rule>;

// `satisfies Record<Capability, Rule>`: every name has a rule, and a rule without a name is an
// excess property (a compile error).

/** The capabilities one grant gives, in a stable (alphabetical) order. */
export function grantCapabilities(grant: GrantForCapabilities): Capability[] {
  return CAPABILITIES.filter((name) => {
    const rule: Rule = RULES[name];
    return rule.roles.includes(grant.role) && (!rule.atStation || grant.stationId !== null);
  });
}

/** The caller's capabilities: the union over their grants, alphabetical. */
export function capabilitiesOf(grants: readonly GrantForCapabilities[]): Capability[] {
  const held = new Set(grants.flatMap(grantCapabilities));
  return CAPABILITIES.filter((name) => held.has(name));
}

export { CAPABILITIES };

export const capabilityResolver: CapabilityResolver = {
  ofGrant: grantCapabilities,
  ofGrants: capabilitiesOf,
};
