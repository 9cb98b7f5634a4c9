import { describe, expect, it } from 'vitest';
import type { Capability, Grant, Me, Role } from '../api/types';
import {
  can,
  grantsWith,
  homeDistrictOf,
  intakeGrants,
  regionOfPrefix,
  widestGrant,
} from './capabilities';
import { capabilitiesOf, caseCapabilitiesOf } from './page-capabilities';

/** A grant as /auth/me answers it: the server names its capabilities. */
function grant(
  role: Role,
  reachPrefix: string,
  capabilities: Capability[],
  stationId: string | null = null,
): Grant {
  return {
    role,
    roleLabel: { zh: role, en: role },
    regionCode: regionOfPrefix(reachPrefix),
    regionName: '',
    stationName: null,
    stationId,
    reachPrefix,
    capabilities,
  };
}

function me(...grants: Grant[]): Me {
  return {
    id: 'a',
    username: 'u',
    displayName: 'U',
    residentId: null,
    preferences: { elderlyMode: false, locale: 'zh-CN' },
    secondFactor: { enabled: false, required: false },
    mustChangePassword: false,
    grants,
    capabilities: [...new Set(grants.flatMap((g) => g.capabilities))].sort(),
  };
}

const CLERK: Capability[] = [
  'cases.intake',
  'cases.read',
  'residents.read',
  'residents.register',
  'residents.login',
  'staff.workspace',
];
const SUPERVISOR: Capability[] = ['audit.read', 'cases.read', 'residents.read', 'staff.workspace'];

describe('capabilities from /auth/me (issue #12)', () => {
  it('lets a clerk read and register residents but not read the audit log', () => {
    expect(capabilitiesOf(me(grant('clerk', '110115110', CLERK, 'S1')))).toEqual({
      readResidents: true,
      registerResidents: true,
      readAudit: false,
      verifyAudit: false,
      isStaff: true,
      programFigures: false,
      ratingsRead: false,
      ratingsHandle: false,
      posts: false,
      homeVisits: false,
      imports: false,
      residentLogins: true,
      manageAccounts: false,
      open311Keys: false,
      webhooks: false,
    });
  });

  it('issue #15: accounts and Open311 keys for whoever the server says manages them', () => {
    const admin = me(grant('admin', '110115', ['accounts.manage', 'open311.keys']));
    expect(capabilitiesOf(admin)).toMatchObject({ manageAccounts: true, open311Keys: true });
  });

  it('CP-5 gives an organiser the program figures and nothing of the staff workspace', () => {
    const organiser = me(grant('organiser', '110115110', ['orders.place', 'programs.figures']));
    expect(capabilitiesOf(organiser)).toMatchObject({ programFigures: true, isStaff: false });
  });

  it('gives a supervisor reading only', () => {
    const caps = capabilitiesOf(me(grant('supervisor', '110115', SUPERVISOR)));
    expect(caps.readResidents && caps.readAudit).toBe(true);
    expect(caps.registerResidents || caps.verifyAudit).toBe(false);
  });

  it('gives a resident none of the staff pages', () => {
    const resident = me(grant('resident', '110115110222', ['orders.place', 'resident.services']));
    const pages = capabilitiesOf(resident);
    expect(Object.keys(pages).filter((k) => pages[k as keyof typeof pages])).toEqual([]);
    expect(Object.values(caseCapabilitiesOf(resident))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads what the server says, never the role', () => {
    const odd = me(grant('resident', '110115', ['audit.read']));
    expect(can(odd, 'audit.read')).toBe(true);
    expect(can(odd, 'orders.place')).toBe(false);
  });

  it('files cases under the grants that give cases.intake', () => {
    const m = me(
      grant('clerk', '110115110', CLERK, 'S1'),
      grant('supervisor', '110115', SUPERVISOR),
    );
    expect(intakeGrants(m).map((g) => g.stationId)).toEqual(['S1']);
    expect(grantsWith(m, 'cases.read')).toHaveLength(2);
  });
});

describe('regions of reach prefixes', () => {
  it('pads a prefix to its region code', () => {
    expect(regionOfPrefix('110115')).toBe('110115000000');
    expect(regionOfPrefix('110115110')).toBe('110115110000');
    expect(regionOfPrefix('110115110222')).toBe('110115110222');
  });

  it('picks the widest grant with a capability', () => {
    const m = me(
      grant('agent', '110115110', CLERK, 'S2'),
      grant('admin', '110115', ['residents.register', 'audit.verify']),
      grant('resident', '110115110222', ['orders.place']),
    );
    expect(widestGrant(m, 'residents.register')?.role).toBe('admin');
    expect(widestGrant(m, 'orders.review')).toBeUndefined();
    expect(homeDistrictOf(m)).toBe('110115000000');
  });
});
