import { describe, expect, it } from 'vitest';
import {
  fitsUnder,
  isValidParentLevel,
  levelOfCode,
  scopePrefix,
  townCodeOf,
} from './region-code.ts';

describe('region levels, cities without a county level (X-1, issue #15)', () => {
  it('a level sits one below its parent; a town may also sit directly under a city (东莞)', () => {
    expect(isValidParentLevel('district', 'town')).toBe(true);
    expect(isValidParentLevel('city', 'town')).toBe(true);
    expect(isValidParentLevel('city', 'district')).toBe(true);
    expect(isValidParentLevel('province', 'town')).toBe(false);
    expect(isValidParentLevel('city', 'village')).toBe(false);
    expect(isValidParentLevel('town', 'town')).toBe(false);
  });

  it('a 东莞 town fits under 东莞市 only with "00" where the district would be', () => {
    const dongguan = { code: '441900000000', level: 'city' as const };
    expect(fitsUnder({ code: '441900003000', level: 'town' }, dongguan)).toBe(true);
    expect(fitsUnder({ code: '441901003000', level: 'town' }, dongguan)).toBe(false);
    expect(fitsUnder({ code: '442000100000', level: 'town' }, dongguan)).toBe(false);
    expect(fitsUnder({ code: '441902000000', level: 'district' }, dongguan)).toBe(true);
    const town = { code: '441900003000', level: 'town' as const };
    expect(fitsUnder({ code: '441900003001', level: 'village' }, town)).toBe(true);
    expect(fitsUnder({ code: '441900004001', level: 'village' }, town)).toBe(false);
  });

  it('scope by prefix stays right for a 东莞 town and its villages', () => {
    expect(levelOfCode('441900000000')).toBe('city');
    expect(levelOfCode('441900003000')).toBe('town');
    expect(levelOfCode('441900003001')).toBe('village');
    expect(scopePrefix('441900000000', 'city')).toBe('4419');
    expect(scopePrefix('441900003000', 'town')).toBe('441900003');
    expect(townCodeOf('441900003001')).toBe('441900003000');
    // 中山's towns are outside 东莞's scope, and one 东莞 town's villages outside another's.
    expect('442000100000'.startsWith(scopePrefix('441900000000', 'city'))).toBe(false);
    expect('441900004001'.startsWith(scopePrefix('441900003000', 'town'))).toBe(false);
  });
});
