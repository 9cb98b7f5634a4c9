import type { Grant, Me, Role } from '../../api/types';

/** Role groups as src/modules/cases/case.routes.ts declares them. */
export const CASE_STAFF: readonly Role[] = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
];
export const CASE_INTAKE: readonly Role[] = ['clerk', 'agent', 'town_officer'];
/** Staff of a deciding unit (town centre, district department): they have an inbox. */
export const CASE_DECIDING_UNITS: readonly Role[] = ['town_officer', 'district_officer'];
export const CASE_OVERSEERS: readonly Role[] = ['supervisor', 'town_officer', 'admin'];
/** Record, revoke and list 帮办代办 authorizations (src/modules/agents/agents.routes.ts). */
export const AUTHORIZATION_WRITERS: readonly Role[] = ['clerk', 'town_officer', 'agent'];

export interface CaseCapabilities {
  /** May open the one-window workbench and file cases. */
  fileCases: boolean;
  readCases: boolean;
  /** Works at a deciding unit: the inbox tab makes sense. */
  hasInbox: boolean;
  /** Sees the overdue overview per station. */
  overview: boolean;
  /** 代办授权 page: station staff who record them, and agents (their own). */
  authorizations: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function caseCapabilitiesOf(me: Me): CaseCapabilities {
  return {
    fileCases: intakeGrants(me).length > 0,
    readCases: has(me, CASE_STAFF),
    hasInbox: me.grants.some((g) => CASE_DECIDING_UNITS.includes(g.role) && g.stationId !== null),
    overview: has(me, CASE_OVERSEERS),
    authorizations: has(me, AUTHORIZATION_WRITERS),
  };
}

/** The station grants a case may be filed under (the server needs a station). */
export function intakeGrants(me: Me): Grant[] {
  return me.grants.filter((g) => CASE_INTAKE.includes(g.role) && g.stationId !== null);
}
