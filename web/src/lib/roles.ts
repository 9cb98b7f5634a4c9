import type { Grant, Me, Role } from '../api/types';

export const ROLES: readonly Role[] = [
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
];

/** Role groups as the server declares them (src/modules/auth/roles.ts). */
export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
];
export const RESIDENT_READERS: readonly Role[] = STAFF_ROLES;
export const RESIDENT_REGISTRARS: readonly Role[] = ['admin', 'town_officer', 'clerk', 'agent'];
export const AUDIT_READERS: readonly Role[] = ['admin', 'supervisor'];

export interface Capabilities {
  readResidents: boolean;
  registerResidents: boolean;
  readAudit: boolean;
  verifyAudit: boolean;
  isStaff: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function capabilitiesOf(me: Me): Capabilities {
  return {
    readResidents: has(me, RESIDENT_READERS),
    registerResidents: has(me, RESIDENT_REGISTRARS),
    readAudit: has(me, AUDIT_READERS),
    verifyAudit: has(me, ['admin']),
    isStaff: has(me, STAFF_ROLES),
  };
}

/** The region a reach prefix stands for: 110115110 → 110115110000 (a grid keeps its 15 digits). */
export function regionOfPrefix(prefix: string): string {
  return prefix.length >= 12 ? prefix : prefix.padEnd(12, '0');
}

/** The widest grant among those with one of the roles (shortest reach prefix). */
export function widestGrant(me: Me, roles: readonly Role[]): Grant | undefined {
  return me.grants
    .filter((g) => roles.includes(g.role))
    .sort((a, b) => a.reachPrefix.length - b.reachPrefix.length)[0];
}
