import { describe, expect, it } from 'vitest';
import { buildIdNumber } from '../residents/id-number.ts';
import { regionCellIndex } from './region-cell.rules.ts';
import {
  checkVolunteerRow,
  parseConsentMethod,
  parseSkills,
  volunteerRowAction,
  type VolunteerRowValue,
} from './volunteer-rows.rules.ts';

const VILLAGE = '110115110207';
const ctx = {
  today: '2026-03-02',
  homes: regionCellIndex(
    [
      { code: '110115110000', name: '魏善庄镇', level: 'town' },
      { code: VILLAGE, name: '伊庄村村委会', level: 'village' },
      { code: '110115000000', name: '大兴区', level: 'district' },
    ],
    ['town', 'village', 'grid'],
  ),
  reach: ['110115110'],
  teams: new Map([
    ['助老队', [{ id: 'T1', name: '助老队' }]],
    [
      '同名队',
      [
        { id: 'T2', name: '同名队' },
        { id: 'T3', name: '同名队' },
      ],
    ],
  ]),
};
const ADULT = buildIdNumber('110115', '19850301', '101');
const MINOR = buildIdNumber('110115', '20100601', '102'); // 15 on 2026-03-02
const CHILD = buildIdNumber('110115', '20130101', '103'); // 13

describe('volunteer rows (issue #15 p3)', () => {
  it('words for the consent method and skills', () => {
    expect(parseConsentMethod('书面')).toBe('signed_form');
    expect(parseConsentMethod('In person')).toBe('in_person');
    expect(parseConsentMethod('')).toBeUndefined();
    expect(parseConsentMethod('口头')).toBeNull();
    expect(parseSkills('助老、理发, 助老')).toEqual(['助老', '理发']);
    expect(parseSkills(' ')).toBeNull();
  });

  it('an adult without a phone, by village name, with a team', () => {
    expect(
      checkVolunteerRow(
        { fullName: '钱多多', idNumber: ADULT, village: '伊庄村', team: '助老队' },
        ctx,
      ),
    ).toEqual({
      ok: true,
      value: {
        idNumber: ADULT,
        birthDate: '1985-03-01',
        fullName: '钱多多',
        phone: null,
        homeRegionCode: VILLAGE,
        skills: null,
        teamId: 'T1',
        guardianConsent: null,
      },
    });
  });

  it('the age rules of volunteer.age.ts: under 14 refused, 14–17 with a complete consent', () => {
    const minor = { fullName: '孙', idNumber: MINOR, village: '魏善庄镇' };
    expect(checkVolunteerRow(minor, ctx)).toEqual({
      ok: false,
      reasons: [{ code: 'VOLUNTEER_CONSENT_MISSING' }],
    });
    const consented = checkVolunteerRow(
      {
        ...minor,
        guardianName: '孙大',
        guardianRelation: '父亲',
        guardianPhone: '13800138001',
        consentMethod: '电话',
      },
      ctx,
    );
    expect(consented).toMatchObject({
      ok: true,
      value: { guardianConsent: { guardianName: '孙大', method: 'phone' } },
    });
    expect(checkVolunteerRow({ fullName: '李', idNumber: CHILD, village: '伊庄村' }, ctx)).toEqual({
      ok: false,
      reasons: [{ code: 'VOLUNTEER_UNDER_AGE' }],
    });
  });

  it('every other reason by row', () => {
    expect(
      checkVolunteerRow(
        {
          fullName: '',
          idNumber: '123',
          phone: '12',
          village: '110115000000',
          team: '同名队',
          skills: 'x'.repeat(31),
        },
        ctx,
      ),
    ).toEqual({
      ok: false,
      reasons: [
        { code: 'ID_NUMBER_FORMAT' },
        { code: 'FULL_NAME_MISSING' },
        { code: 'PHONE_INVALID' },
        { code: 'VOLUNTEER_HOME_LEVEL' },
        { code: 'VOLUNTEER_SKILLS_INVALID' },
        { code: 'TEAM_AMBIGUOUS' },
      ],
    });
  });

  it('a registered volunteer: changed fields only, never under another name or outside the reach', () => {
    const row: VolunteerRowValue = {
      idNumber: ADULT,
      birthDate: '1985-03-01',
      fullName: '钱多多',
      phone: '13700000101',
      homeRegionCode: VILLAGE,
      skills: null,
      teamId: 'T1',
      guardianConsent: null,
    };
    const registered = {
      id: 'V1',
      fullName: '钱多多',
      phone: '13700000101',
      homeRegionCode: VILLAGE,
      skills: ['助老'],
      teamIds: ['T1'],
    };
    expect(volunteerRowAction(row, null, ctx)).toEqual({ action: 'create' });
    expect(volunteerRowAction(row, registered, ctx)).toEqual({ action: 'unchanged' });
    expect(
      volunteerRowAction(
        { ...row, phone: null, skills: ['理发'] },
        { ...registered, teamIds: [] },
        ctx,
      ),
    ).toEqual({ action: 'change', changes: ['skills', 'team'] });
    expect(volunteerRowAction({ ...row, fullName: '钱少少' }, registered, ctx)).toMatchObject({
      action: 'refused',
      reasons: [{ code: 'VOLUNTEER_NAME_DIFFERENT' }],
    });
    expect(
      volunteerRowAction(row, { ...registered, homeRegionCode: '110115103201' }, ctx),
    ).toMatchObject({ action: 'refused', reasons: [{ code: 'VOLUNTEER_REGISTERED_ELSEWHERE' }] });
  });
});
