/**
 * What each area's pages and navigation show, read from the server's capabilities (issue #12).
 * Pure mappings of capability names to page flags: no role lists here.
 */
import type { Me } from '../api/types';
import { can } from './capabilities';

export interface Capabilities {
  readResidents: boolean;
  registerResidents: boolean;
  /** GS-10 create a resident's own phone login (the resident page's button). */
  residentLogins: boolean;
  readAudit: boolean;
  verifyAudit: boolean;
  isStaff: boolean;
  /** CP-5 program figures (/programs/figures). */
  programFigures: boolean;
  /** GS-11 AB posts and the coverage calendar (/posts). */
  posts: boolean;
  /** GS-13 好差评 dashboard (/ratings) and rectification tickets (/ratings/tickets). */
  ratingsRead: boolean;
  ratingsHandle: boolean;
  /** GS-10 home visits (/home-visits, /home-visits/route). */
  homeVisits: boolean;
  /** Issue #15 point 3: people by Excel (/imports). */
  imports: boolean;
  /** Issue #15 point 4: accounts, roles and scopes (/accounts). */
  manageAccounts: boolean;
  /** Issue #15 point 7: Open311 API keys (/open311-keys). */
  open311Keys: boolean;
  /** Issue #15 point 9: webhook subscribers, test button, delivery log (/webhooks). */
  webhooks: boolean;
}

export const capabilitiesOf = (me: Me): Capabilities => ({
  readResidents: can(me, 'residents.read'),
  registerResidents: can(me, 'residents.register'),
  residentLogins: can(me, 'residents.login'),
  readAudit: can(me, 'audit.read'),
  verifyAudit: can(me, 'audit.verify'),
  isStaff: can(me, 'staff.workspace'),
  programFigures: can(me, 'programs.figures'),
  posts: can(me, 'posts.read'),
  ratingsRead: can(me, 'ratings.read'),
  ratingsHandle: can(me, 'ratings.handle'),
  homeVisits: can(me, 'homeVisits.visit'),
  // People by importers; volunteer teams and volunteers by the volunteer centre's staff.
  imports: can(me, 'imports.run') || can(me, 'volunteers.staff'),
  manageAccounts: can(me, 'accounts.manage'),
  open311Keys: can(me, 'open311.keys'),
  webhooks: can(me, 'webhooks.manage'),
});

/** What the catalog and calendar pages let this user do. */
export interface CatalogAccess {
  /** POST / PUT items, import. */
  edit: boolean;
  /** GET /catalog/export. */
  export: boolean;
  /** The calendar pages and the due-date preview. */
  viewCalendar: boolean;
  /** PUT / DELETE /calendar/overrides. */
  editCalendar: boolean;
  /**
   * Staff see the catalog's working detail: item codes (DX-SB-001), the 47+N tiers, versions and
   * the name in the other language. Residents see plain names in their language (issue #11).
   */
  staffView: boolean;
}

export const catalogAccessOf = (me: Me): CatalogAccess => ({
  edit: can(me, 'catalog.edit'),
  export: can(me, 'catalog.export'),
  viewCalendar: can(me, 'calendar.read'),
  editCalendar: can(me, 'calendar.edit'),
  staffView: can(me, 'catalog.detail'),
});

export interface CaseCapabilities {
  /** May open the one-window workbench and file cases (at a station). */
  fileCases: boolean;
  readCases: boolean;
  /** Works at a deciding unit: the inbox tab makes sense. */
  hasInbox: boolean;
  /** Sees the overdue overview per station. */
  overview: boolean;
  /** 代办授权 page: station staff who record them, and agents (their own). */
  authorizations: boolean;
}

export const caseCapabilitiesOf = (me: Me): CaseCapabilities => ({
  fileCases: can(me, 'cases.intake'),
  readCases: can(me, 'cases.read'),
  hasInbox: can(me, 'cases.inbox'),
  overview: can(me, 'cases.supervise'),
  authorizations: can(me, 'authorizations.write'),
});

export interface AuthorizationCapabilities {
  /** May list authorizations (an agent: only their own). */
  read: boolean;
  /** May record and revoke them (station staff in reach, or the agent for themselves). */
  write: boolean;
}

export const authorizationCapabilitiesOf = (me: Me): AuthorizationCapabilities => ({
  read: can(me, 'authorizations.read'),
  write: can(me, 'authorizations.write'),
});

export interface OrderCapabilities {
  /** Orders services (点单): residents — and anyone signed in. */
  order: boolean;
  /** Orders on a resident's behalf (phone, WeChat, walk-in). */
  onBehalf: boolean;
  /** The centre board: review, merge, dispatch. */
  board: boolean;
  /** The team inbox: accept, decline, grab. */
  inbox: boolean;
  /** Shows "order a service" and "my orders" in the navigation (residents). */
  residentNav: boolean;
}

export const orderCapabilitiesOf = (me: Me): OrderCapabilities => ({
  order: can(me, 'orders.place'),
  onBehalf: can(me, 'orders.record'),
  board: can(me, 'orders.review'),
  inbox: can(me, 'orders.team'),
  residentNav: can(me, 'resident.services'),
});

export interface FirstResponseCapabilities {
  /** May log inquiries and hand matters on. */
  handle: boolean;
  /** May open the hand-off boxes. */
  readHandoffs: boolean;
  /** May see the overdue box. */
  overdue: boolean;
}

export const firstResponseCapabilitiesOf = (me: Me): FirstResponseCapabilities => ({
  handle: can(me, 'inquiries.handle'),
  readHandoffs: can(me, 'handoffs.read'),
  overdue: can(me, 'handoffs.overdue'),
});

export interface ActivityCapabilities {
  /** Creates activities, runs the code screen, roster and hours. */
  manage: boolean;
  /** Signs up, checks in with a code. */
  volunteer: boolean;
  navigation: boolean;
}

export function activityCapabilitiesOf(me: Me): ActivityCapabilities {
  const manage = can(me, 'activities.manage');
  const volunteer = can(me, 'volunteering.join');
  return { manage, volunteer, navigation: manage || volunteer };
}

export interface VolunteerCapabilities {
  /** Centre staff: the registry, registering on someone's behalf, teams. */
  staff: boolean;
  /** May decide join requests of teams they lead. */
  leader: boolean;
  /** Holds the volunteer role: may ask to join teams. */
  volunteer: boolean;
  /** May add resources and projects. */
  editLists: boolean;
  /** Gets the volunteer pages in the menu. */
  navigation: boolean;
}

export function volunteerCapabilitiesOf(me: Me): VolunteerCapabilities {
  const staff = can(me, 'volunteers.staff');
  const leader = can(me, 'teams.lead');
  const volunteer = can(me, 'volunteering.join');
  return {
    staff,
    leader,
    volunteer,
    editLists: can(me, 'volunteers.lists.edit'),
    navigation: staff || leader || volunteer,
  };
}

export interface RecordsCapabilities {
  /** My hours, stars and certificates (/vs/me). */
  volunteer: boolean;
  /** Issue and revoke certificates (/vs/certificates). */
  issue: boolean;
  /** The figures page (/vs/figures). */
  figures: boolean;
}

export interface ProgramCapabilities {
  /** CP-1/CP-2: the organiser's programs, classes, enrolment lists and waitlists. */
  organise: boolean;
}

export const programCapabilitiesOf = (me: Me): ProgramCapabilities => ({
  organise: can(me, 'programs.organise'),
});

export const recordsCapabilitiesOf = (me: Me): RecordsCapabilities => ({
  volunteer: can(me, 'volunteering.join'),
  issue: can(me, 'records.certify'),
  figures: can(me, 'records.figures'),
});

export interface TrainingCapabilities {
  /** GS-12 the training and competence page (/training). */
  read: boolean;
  /** Records sessions, certifies, renews, revokes, sets required items (town centre officers). */
  manage: boolean;
}

export const trainingCapabilitiesOf = (me: Me): TrainingCapabilities => ({
  read: can(me, 'training.read'),
  manage: can(me, 'training.manage'),
});
