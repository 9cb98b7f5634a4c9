import { describe, expect, it } from 'vitest';
import {
  checkStaffRow,
  parseRoles,
  staffRowAction,
  type StaffRowContext,
} from './staff-rows.rules.ts';

const STATIONS = [
  { id: 's1', code: 'YZ01', name: '伊庄村便民服务站', regionCode: '110115110207' },
  { id: 's2', code: 'QY01', name: '青云店村便民服务站', regionCode: '110115112201' },
  { id: 's3', code: 'QY02', name: '青云店村便民服务站', regionCode: '110115112202' },
];
const LEVELS: Record<string, 'town' | 'district' | 'village'> = {
  '110115110000': 'town',
  '110115000000': 'district',
  '110115112000': 'town',
};
const ctx = (reach: string[]): StaffRowContext => ({
  stations: STATIONS,
  regionLevel: (c) => LEVELS[c] ?? null,
  reach,
});
const TOWN_ADMIN = ctx(['110115110']);
const row = (v: Partial<Record<string, string>>) => ({
  fullName: '王芳',
  phone: '13900139001',
  station: 'YZ01',
  roles: '村级专管员',
  scope: '',
  ...v,
});

describe('issue #15 p4 staff roster rows', () => {
  it('reads roles by Chinese label, English label or key, in any separator', () => {
    expect(parseRoles('村级专管员、代办员')).toEqual(['clerk', 'agent']);
    expect(parseRoles('Station clerk, town_officer；监督员')).toEqual([
      'clerk',
      'town_officer',
      'supervisor',
    ]);
    expect(parseRoles('厨师')).toEqual([null]);
    expect(parseRoles('  ')).toEqual([]);
  });

  it('grants the roles over the station, or over the scope when no station is given', () => {
    expect(checkStaffRow(row({ phone: '+86 139-0013-9001' }), TOWN_ADMIN)).toEqual({
      ok: true,
      value: {
        fullName: '王芳',
        mobile: '13900139001',
        grants: [{ role: 'clerk', regionCode: '110115110207', stationId: 's1' }],
        post: null,
        stationId: 's1',
      },
    });
    const town = checkStaffRow(
      row({ station: '', roles: '镇级中心人员', scope: '110115110000' }),
      TOWN_ADMIN,
    );
    expect(town.ok && town.value.grants).toEqual([
      { role: 'town_officer', regionCode: '110115110000', stationId: null },
    ]);
  });

  it('never grants beyond the importer’s reach; a name is looked up within it', () => {
    const codes = (v: Partial<Record<string, string>>, c = TOWN_ADMIN) => {
      const r = checkStaffRow(row(v), c);
      return r.ok ? [] : r.reasons.map((x) => x.code);
    };
    expect(codes({ station: 'QY01' })).toEqual(['STAFF_OUT_OF_REACH']);
    expect(codes({ station: '青云店村便民服务站' })).toEqual(['STAFF_OUT_OF_REACH']);
    expect(codes({ station: '', scope: '110115000000' })).toEqual(['STAFF_OUT_OF_REACH']);
    expect(codes({ station: '青云店村便民服务站' }, ctx(['110115']))).toEqual([
      'STAFF_STATION_AMBIGUOUS',
    ]);
    expect(codes({ station: 'QY02' }, ctx(['110115']))).toEqual([]);
    expect(codes({ scope: '110115112000' }, ctx(['110115']))).toEqual(['STAFF_SCOPE_MISMATCH']);
    expect(codes({ station: '', scope: '' })).toEqual(['STAFF_SCOPE_MISSING']);
    expect(codes({ scope: '110115999000' })).toEqual(['STAFF_SCOPE_UNKNOWN']);
  });

  it('lists every reason of a bad row', () => {
    const r = checkStaffRow(
      { fullName: '', phone: '12345', station: 'XX', roles: '群众', scope: '' },
      TOWN_ADMIN,
    );
    expect(r.ok ? [] : r.reasons.map((x) => x.code)).toEqual([
      'STAFF_NAME_MISSING',
      'STAFF_PHONE_INVALID',
      'STAFF_ROLE_NOT_STAFF',
      'STAFF_STATION_UNKNOWN',
    ]);
  });

  it('a known mobile is unchanged or gains the grants it lacks, never a second account', () => {
    const value = {
      fullName: '王芳',
      mobile: '13900139001',
      grants: [
        { role: 'clerk' as const, regionCode: '110115110207', stationId: 's1' },
        { role: 'agent' as const, regionCode: '110115110207', stationId: 's1' },
      ],
      post: null,
      stationId: 's1',
    };
    const c = { reach: ['110115110'], actorAccountId: 'me', usernameTaken: false };
    expect(staffRowAction(value, null, c)).toEqual({ action: 'create' });
    expect(staffRowAction(value, null, { ...c, usernameTaken: true })).toMatchObject({
      action: 'refused',
      reasons: [{ code: 'STAFF_USERNAME_TAKEN' }],
    });
    expect(staffRowAction(value, { id: 'a', grants: value.grants }, c)).toEqual({
      action: 'unchanged',
    });
    expect(staffRowAction(value, { id: 'a', grants: [value.grants[0]!] }, c)).toEqual({
      action: 'change',
      added: [value.grants[1]],
    });
    const district = [{ role: 'clerk' as const, regionCode: '110115000000', stationId: null }];
    expect(staffRowAction(value, { id: 'a', grants: district }, c)).toMatchObject({
      action: 'refused',
      reasons: [{ code: 'STAFF_ACCOUNT_OUT_OF_SCOPE' }],
    });
    expect(staffRowAction(value, { id: 'me', grants: [] }, c)).toMatchObject({
      action: 'refused',
      reasons: [{ code: 'STAFF_ACCOUNT_SELF' }],
    });
  });
});
