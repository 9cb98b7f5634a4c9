import { describe, expect, it } from 'vitest';
import { AppError } from './problem.ts';
import {
  authorize,
  grantsCoveringAll,
  referenceDataGrant,
  partyReach,
  reachOf,
  regionReach,
  standingIn,
  type Actor,
} from './actor.ts';
import { levelOfCode, townCodeOf } from './region-code.ts';

const actor = (grants: Actor['grants']): Actor => ({
  accountId: 'a',
  username: 'u',
  displayName: 'U',
  residentId: null,
  grants,
});

describe('scopes (X-2)', () => {
  it('a village station reaches its whole town (GS-3 通办)', () => {
    expect(reachOf('110115110207', 'village', 'village_station')).toBe('110115110');
  });
  it('a region grant reaches exactly its region', () => {
    expect(reachOf('110115110207', 'village', null)).toBe('110115110207');
    expect(reachOf('110115110000', 'town', 'town_centre')).toBe('110115110');
    expect(reachOf('110115000000', 'district', null)).toBe('110115');
  });
  it('deny by default: no grant → FORBIDDEN; grant elsewhere → OUT_OF_SCOPE', () => {
    const clerk = actor([
      {
        role: 'clerk',
        regionCode: '110115110207',
        regionLevel: 'village',
        regionName: 'x',
        stationName: null,
        stationId: 's',
        stationKind: 'village_station',
        reachPrefix: '110115110',
      },
    ]);
    expect(() => authorize(actor([]), ['clerk'])).toThrowError(AppError);
    expect(() => authorize(clerk, ['admin'])).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }) as Error,
    );
    expect(() => authorize(clerk, ['clerk'], '110115103201')).toThrow(
      expect.objectContaining({ code: 'OUT_OF_SCOPE' }) as Error,
    );
    expect(authorize(clerk, ['clerk'], '110115110222').stationId).toBe('s');
  });
  it('picks the grant whose scope covers the row', () => {
    const two = actor([
      {
        role: 'clerk',
        regionCode: '110115103201',
        regionLevel: 'village',
        regionName: 'x',
        stationName: null,
        stationId: 'a',
        stationKind: 'village_station',
        reachPrefix: '110115103',
      },
      {
        role: 'clerk',
        regionCode: '110115110207',
        regionLevel: 'village',
        regionName: 'x',
        stationName: null,
        stationId: 'b',
        stationKind: 'village_station',
        reachPrefix: '110115110',
      },
    ]);
    expect(authorize(two, ['clerk'], '110115110230').stationId).toBe('b');
  });
  it('reads the level from a code’s shape', () => {
    expect(levelOfCode('110000000000')).toBe('province');
    expect(levelOfCode('110100000000')).toBe('city');
    expect(levelOfCode('110115000000')).toBe('district');
    expect(levelOfCode('110115110000')).toBe('town');
    expect(levelOfCode('110115110207')).toBe('village');
    expect(levelOfCode('110115110207001')).toBe('grid');
    expect(levelOfCode('11011511020')).toBeNull();
    expect(townCodeOf('110115110207')).toBe('110115110000');
  });
});

describe('party-bound grants and shared data (X-2, GS-6)', () => {
  const g = (role: Actor['grants'][number]['role'], reachPrefix: string) => ({
    role,
    regionCode: reachPrefix.padEnd(12, '0'),
    regionLevel: 'town' as const,
    regionName: 'x',
    stationName: null,
    stationId: null,
    stationKind: null,
    reachPrefix,
  });
  it('an agent’s grant reaches only as a party; a clerk’s reaches the region', () => {
    const agent = actor([g('agent', '110115110')]);
    expect(regionReach(agent, ['clerk', 'agent'])).toEqual([]);
    expect(partyReach(agent, ['clerk', 'agent'])).toEqual(['110115110']);
    expect(standingIn(agent, ['clerk', 'agent'], '110115110222')).toBe('party');
    expect(standingIn(agent, ['clerk', 'agent'], '110115103201')).toBe('none');
    const both = actor([g('agent', '110115110'), g('clerk', '110115110')]);
    expect(standingIn(both, ['clerk', 'agent'], '110115110222')).toBe('region');
  });
  it('covering everyone who uses a datum may take several grants, never an agent’s', () => {
    const two = actor([g('admin', '11'), g('admin', '53')]);
    expect(grantsCoveringAll(two, ['admin'], ['110115110222', '530702101201'])).toHaveLength(2);
    const one = actor([g('admin', '110115')]);
    expect(grantsCoveringAll(one, ['admin'], ['110115110222', '530702101201'])).toEqual([]);
    expect(grantsCoveringAll(one, ['volunteer_staff'], ['110115110222'])).toEqual([]);
    expect(grantsCoveringAll(actor([g('agent', '11')]), ['agent'], ['110115110222'])).toEqual([]);
  });
  it('shared data: FORBIDDEN without the role, REFERENCE_DATA_OUT_OF_SCOPE short of everyone', () => {
    const district = actor([g('admin', '110115')]);
    const users = ['110115110222', '110115103201'];
    expect(referenceDataGrant(district, ['admin'], users).reachPrefix).toBe('110115');
    expect(referenceDataGrant(district, ['admin'], []).reachPrefix).toBe('110115');
    expect(() => referenceDataGrant(actor([g('admin', '110115110')]), ['admin'], users)).toThrow(
      expect.objectContaining({ code: 'REFERENCE_DATA_OUT_OF_SCOPE' }) as Error,
    );
    expect(() => referenceDataGrant(actor([g('clerk', '11')]), ['admin'], users)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }) as Error,
    );
  });
});
