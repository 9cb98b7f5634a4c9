import { describe, expect, it } from 'vitest';
import { buildIdNumber } from '../residents/id-number.ts';
import {
  checkResidentRow,
  duplicatesInFile,
  residentRowAction,
  resolveVillage,
  villageIndex,
} from './resident-rows.rules.ts';

const villages = villageIndex([
  { code: '110115110207', name: '伊庄村村委会', level: 'village' },
  { code: '110115110222', name: '三顺庄村村委会', level: 'village' },
  { code: '110115103201', name: '伊庄村村委会', level: 'village' }, // same name, another town
  { code: '110115110000', name: '魏善庄镇', level: 'town' },
]);
const WSZ = ['110115110'];
const ctx = { today: '2026-12-05', villages, reach: WSZ };
const ID = buildIdNumber('110115', '19800101', '001');

describe('one resident row', () => {
  it('a clean row: the ID normalised, sex and birth date from it, the village by its short name', () => {
    const r = checkResidentRow(
      {
        idNumber: ` ${ID.toLowerCase()} `,
        fullName: ' 张  三 ',
        phone: '138 0013 8000',
        village: '伊庄村',
      },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        idNumber: ID,
        sex: 'male',
        birthDate: '1980-01-01',
        fullName: '张 三',
        phone: '13800138000',
        homeRegionCode: '110115110207',
        address: null,
      },
    });
  });
  it('every reason of a bad row at once', () => {
    const r = checkResidentRow(
      {
        idNumber: ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1'),
        fullName: '',
        phone: '12345',
        village: '无此村',
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reasons.map((x) => x.code)).toEqual([
        'ID_NUMBER_CHECK_DIGIT',
        'FULL_NAME_MISSING',
        'PHONE_INVALID',
        'VILLAGE_UNKNOWN',
      ]);
  });
  it('missing ID, a future birth date, a too-long name and address', () => {
    const missing = checkResidentRow({ fullName: '张三', village: '伊庄村' }, ctx);
    expect(!missing.ok && missing.reasons).toEqual([{ code: 'ID_NUMBER_MISSING' }]);
    const future = checkResidentRow(
      { idNumber: buildIdNumber('110115', '20300101', '001'), fullName: '张三', village: '伊庄村' },
      ctx,
    );
    expect(!future.ok && future.reasons).toEqual([{ code: 'ID_NUMBER_BIRTH_DATE' }]);
    const long = checkResidentRow(
      { idNumber: ID, fullName: '张'.repeat(51), village: '伊庄村', address: '路'.repeat(201) },
      ctx,
    );
    expect(!long.ok && long.reasons.map((x) => x.code)).toEqual([
      'FULL_NAME_TOO_LONG',
      'ADDRESS_TOO_LONG',
    ]);
  });
});

describe('the home village', () => {
  it('by code, by full or short name, inside the reach only', () => {
    expect(resolveVillage('110115110222', villages, WSZ)).toEqual({
      ok: true,
      code: '110115110222',
    });
    expect(resolveVillage('三顺庄村村委会', villages, WSZ)).toEqual({
      ok: true,
      code: '110115110222',
    });
    expect(resolveVillage('伊庄村', villages, WSZ)).toEqual({ ok: true, code: '110115110207' });
    expect(resolveVillage('110115103201', villages, WSZ)).toEqual({
      ok: false,
      reason: 'VILLAGE_OUT_OF_SCOPE',
    });
    expect(resolveVillage('110115110000', villages, WSZ)).toEqual({
      ok: false,
      reason: 'VILLAGE_NOT_VILLAGE',
    });
    expect(resolveVillage('', villages, WSZ)).toEqual({ ok: false, reason: 'VILLAGE_MISSING' });
  });
  it('a name two reachable villages share is ambiguous; the code settles it', () => {
    expect(resolveVillage('伊庄村', villages, ['110115'])).toEqual({
      ok: false,
      reason: 'VILLAGE_AMBIGUOUS',
    });
    expect(resolveVillage('110115103201', villages, [''])).toEqual({
      ok: true,
      code: '110115103201',
    });
  });
});

describe('duplicates and the action of a row', () => {
  it('a repeated ID number refers to its first row', () => {
    const d = duplicatesInFile([
      { row: 2, key: 'a' },
      { row: 3, key: 'b' },
      { row: 4, key: 'a' },
      { row: 5, key: 'a' },
    ]);
    expect([...d]).toEqual([
      [4, 2],
      [5, 2],
    ]);
  });
  const row = {
    idNumber: ID,
    sex: 'male' as const,
    birthDate: '1980-01-01',
    fullName: '张三',
    phone: '13800138000',
    homeRegionCode: '110115110207',
    address: null,
  };
  const registered = {
    id: 'r1',
    fullName: '张三',
    phone: '13800138000',
    homeRegionCode: '110115110207',
    address: '伊庄村东街 8 号',
  };
  const a = { reach: WSZ, villageName: '伊庄村' };
  it('create with the village as address; unchanged when equal (empty cells keep what is there)', () => {
    expect(residentRowAction(row, null, a)).toEqual({ action: 'create', address: '伊庄村' });
    expect(residentRowAction({ ...row, phone: null }, registered, a)).toEqual({
      action: 'unchanged',
    });
  });
  it('change lists the fields; outside the reach is refused', () => {
    expect(
      residentRowAction(
        { ...row, fullName: '张叁', homeRegionCode: '110115110222' },
        registered,
        a,
      ),
    ).toEqual({
      action: 'change',
      changes: ['fullName', 'homeRegionCode'],
      address: '伊庄村东街 8 号',
    });
    expect(residentRowAction(row, { ...registered, homeRegionCode: '110115103201' }, a)).toEqual({
      action: 'refused',
      reasons: [{ code: 'REGISTERED_ELSEWHERE' }],
    });
  });
});
