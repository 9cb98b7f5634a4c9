import { describe, expect, it } from 'vitest';
import {
  divisionLevel,
  fullCode,
  inScope,
  isCountyStandIn,
  mapDivisionRecord,
  parseScope,
} from './china-division.ts';

describe('china-division codes (X-1, issue #15)', () => {
  it('maps short codes to 12 digits and levels', () => {
    expect(['11', '1101', '110101', '110101001', '110101001001'].map(divisionLevel)).toEqual([
      'province',
      'city',
      'district',
      'town',
      'village',
    ]);
    expect(divisionLevel('1101010')).toBeNull();
    expect(divisionLevel('11a1')).toBeNull();
    expect(fullCode('4419')).toBe('441900000000');
    expect(fullCode('441900003')).toBe('441900003000');
  });

  it('takes the nearest parent column', () => {
    expect(
      mapDivisionRecord({
        code: '110101001001',
        name: '多福巷社区居委会',
        streetCode: '110101001',
        provinceCode: '11',
        cityCode: '1101',
        areaCode: '110101',
      }),
    ).toEqual({
      code: '110101001001',
      name: '多福巷社区居委会',
      parentCode: '110101001000',
      level: 'village',
    });
    expect(mapDivisionRecord({ code: '11', name: '北京市' })).toEqual({
      code: '110000000000',
      name: '北京市',
      parentCode: null,
      level: 'province',
    });
    expect(mapDivisionRecord({ code: 1101, name: '市辖区', provinceCode: 11 })).toMatchObject({
      code: '110100000000',
      parentCode: '110000000000',
      level: 'city',
    });
  });

  it('东莞: the stand-in area 441900 is left out; its towns land directly under the city', () => {
    expect(isCountyStandIn('441900', '4419')).toBe(true);
    expect(isCountyStandIn('620201', '6202')).toBe(false); // 嘉峪关's area has a code of its own
    expect(
      mapDivisionRecord({ code: '441900', name: '东莞市', cityCode: '4419', provinceCode: '44' }),
    ).toBe('skip');
    expect(
      mapDivisionRecord({
        code: '441900003',
        name: '东城街道',
        areaCode: '441900',
        provinceCode: '44',
        cityCode: '4419',
      }),
    ).toEqual({
      code: '441900003000',
      name: '东城街道',
      parentCode: '441900000000',
      level: 'town',
    });
  });

  it('a code of the wrong shape is kept as it is, for the import to refuse', () => {
    expect(mapDivisionRecord({ code: '4419000030', name: 'x', streetCode: '441900003' })).toEqual({
      code: '4419000030',
      name: 'x',
      parentCode: '441900003',
      level: '',
    });
  });

  it('a scope is a province, city, district or town prefix, or a 12-digit code', () => {
    expect(parseScope(undefined)).toBe('');
    expect(parseScope('44')).toBe('44');
    expect(parseScope('441900003')).toBe('441900003');
    expect(parseScope('441900000000')).toBe('4419');
    expect(parseScope('441900003000')).toBe('441900003');
    expect(parseScope('441')).toBeNull();
    expect(parseScope('44190000000x')).toBeNull();
  });

  it('a row is in scope inside the prefix, or as one of its ancestors', () => {
    expect(inScope({ code: '441900003001', level: 'village' }, '4419')).toBe(true);
    expect(inScope({ code: '440000000000', level: 'province' }, '4419')).toBe(true);
    expect(inScope({ code: '441900000000', level: 'city' }, '441900003')).toBe(true);
    expect(inScope({ code: '442000100000', level: 'town' }, '4419')).toBe(false);
    expect(inScope({ code: '110000000000', level: 'province' }, '4419')).toBe(false);
  });
});
