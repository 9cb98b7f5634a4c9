import { describe, expect, it } from 'vitest';
import type { Grant, Me, Role } from '../api/types';
import { capabilitiesOf, regionOfPrefix, widestGrant } from './roles';

function me(...grants: [Role, string][]): Me {
  return {
    id: 'a',
    username: 'u',
    displayName: 'U',
    residentId: null,
    preferences: { elderlyMode: false, locale: 'zh-CN' },
    grants: grants.map(([role, reachPrefix]): Grant => ({
      role,
      roleLabel: { zh: role, en: role },
      regionCode: regionOfPrefix(reachPrefix),
      regionName: '',
      stationName: null,
      stationId: null,
      reachPrefix,
    })),
  };
}

describe('capabilities', () => {
  it('lets a clerk read and register residents but not read the audit log', () => {
    expect(capabilitiesOf(me(['clerk', '110115110']))).toEqual({
      readResidents: true,
      registerResidents: true,
      readAudit: false,
      verifyAudit: false,
      isStaff: true,
    });
  });

  it('gives a supervisor reading only', () => {
    const caps = capabilitiesOf(me(['supervisor', '110115']));
    expect(caps.readResidents && caps.readAudit).toBe(true);
    expect(caps.registerResidents || caps.verifyAudit).toBe(false);
  });

  it('gives a resident none of the staff pages', () => {
    expect(Object.values(capabilitiesOf(me(['resident', '110115110222'])))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('regions of reach prefixes', () => {
  it('pads a prefix to its region code', () => {
    expect(regionOfPrefix('110115')).toBe('110115000000');
    expect(regionOfPrefix('110115110')).toBe('110115110000');
    expect(regionOfPrefix('110115110222')).toBe('110115110222');
  });

  it('picks the widest grant with a role', () => {
    const m = me(['agent', '110115110'], ['admin', '110115'], ['resident', '110115110222']);
    expect(widestGrant(m, ['agent', 'admin'])?.role).toBe('admin');
    expect(widestGrant(m, ['clerk'])).toBeUndefined();
  });
});
