import { describe, expect, it } from 'vitest';
import { CAPABILITIES, capabilitiesOf, grantCapabilities } from './capabilities.ts';
import { ROLES, type Role } from '../shared/roles.ts';

const at = (role: Role, stationId: string | null = null) => ({ role, stationId });

describe('capabilities (issue #12)', () => {
  it('every role has some, and every capability is held by some role', () => {
    const held = new Set(ROLES.flatMap((role) => grantCapabilities(at(role, 'S1'))));
    expect([...held].sort()).toEqual(CAPABILITIES);
    for (const role of ROLES) expect(grantCapabilities(at(role, 'S1')).length).toBeGreaterThan(0);
  });

  it('a clerk at a station files cases, reads residents, records orders; no catalog editing', () => {
    const caps = grantCapabilities(at('clerk', 'S1'));
    expect(caps).toEqual(
      expect.arrayContaining([
        'cases.intake',
        'cases.read',
        'residents.register',
        'orders.record',
        'inquiries.handle',
      ]),
    );
    expect(caps).not.toContain('catalog.edit');
    expect(caps).not.toContain('cases.inbox');
  });

  it('station-bound capabilities need a station', () => {
    expect(grantCapabilities(at('town_officer', null))).not.toContain('cases.intake');
    expect(grantCapabilities(at('town_officer', null))).not.toContain('cases.inbox');
    expect(grantCapabilities(at('town_officer', 'T1'))).toEqual(
      expect.arrayContaining(['cases.intake', 'cases.inbox', 'cases.supervise']),
    );
  });

  it('a resident orders services and nothing of the staff workspace', () => {
    expect(grantCapabilities(at('resident'))).toEqual(['orders.place', 'resident.services']);
  });

  it('the account holds the union of its grants, alphabetical and without repeats', () => {
    const caps = capabilitiesOf([at('volunteer'), at('team_leader'), at('volunteer')]);
    expect(caps).toEqual([...caps].sort());
    expect(new Set(caps).size).toBe(caps.length);
    expect(caps).toEqual(
      expect.arrayContaining([
        'volunteering.join',
        'teams.lead',
        'activities.manage',
        'records.certify',
      ]),
    );
    expect(capabilitiesOf([])).toEqual([]);
  });

  it('only administrators edit the calendar and verify the audit log', () => {
    for (const cap of ['calendar.edit', 'audit.verify'] as const) {
      expect(ROLES.filter((role) => grantCapabilities(at(role, 'S1')).includes(cap))).toEqual([
        'admin',
      ]);
    }
  });

  it('the catalog: administrators, and town officers for their town’s own items (#15 point 9)', () => {
    expect(
      ROLES.filter((role) => grantCapabilities(at(role, 'S1')).includes('catalog.edit')),
    ).toEqual(['admin', 'town_officer']);
  });
});
