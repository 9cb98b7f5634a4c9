import type { Me, Role } from '../../api/types';

/** Role groups as src/modules/records declares them. */
export const CERT_ISSUERS: readonly Role[] = ['team_leader', 'volunteer_staff'];
export const FIGURE_READERS: readonly Role[] = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'district_officer',
  'town_officer',
];

export interface RecordsCapabilities {
  /** My hours, stars and certificates (/vs/me). */
  volunteer: boolean;
  /** Issue and revoke certificates (/vs/certificates). */
  issue: boolean;
  /** The figures page (/vs/figures). */
  figures: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function recordsCapabilitiesOf(me: Me): RecordsCapabilities {
  return {
    volunteer: has(me, ['volunteer']),
    issue: has(me, CERT_ISSUERS),
    figures: has(me, FIGURE_READERS),
  };
}
