import { describe, expect, it } from 'vitest';
import { ageOn, ageProblem, ageRule, chinaDate, isLeapYear } from './volunteer.age.ts';

const consent = {
  guardianName: '张母',
  relation: '母亲',
  guardianPhone: '13900001111',
  method: 'signed_form',
};

describe('VS-1 chinaDate', () => {
  it('is UTC+8: 16:00 UTC is already the next day in China', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
  it('crosses the year at 16:00 UTC on 31 December', () => {
    expect(chinaDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
});

describe('VS-1 ageOn', () => {
  it('counts the birthday itself as the new age', () => {
    expect(ageOn('2012-03-02', '2026-03-02')).toBe(14);
  });
  it('the day before the birthday is still the old age', () => {
    expect(ageOn('2012-03-02', '2026-03-01')).toBe(13);
  });
  it('the day after the birthday', () => {
    expect(ageOn('2012-03-02', '2026-03-03')).toBe(14);
  });
  it('earlier month this year: birthday passed', () => {
    expect(ageOn('2008-01-31', '2026-03-02')).toBe(18);
  });
  it('later month this year: birthday not yet', () => {
    expect(ageOn('2008-12-01', '2026-03-02')).toBe(17);
  });
  it('same month, later day: not yet', () => {
    expect(ageOn('2008-03-20', '2026-03-02')).toBe(17);
  });
  it('born on 29 February: in a common year the birthday is 1 March', () => {
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });
  it('born on 29 February: in a leap year the birthday is 29 February', () => {
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });
  it('born on 1 March in a leap year is not affected', () => {
    expect(ageOn('2012-03-01', '2026-02-28')).toBe(13);
    expect(ageOn('2012-03-01', '2026-03-01')).toBe(14);
  });
  it('born on the day: age 0', () => {
    expect(ageOn('2026-03-02', '2026-03-02')).toBe(0);
  });
  it('old people', () => {
    expect(ageOn('1935-07-01', '2026-03-02')).toBe(90);
  });
});

describe('VS-1 isLeapYear', () => {
  it.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('%i → %s', (y, leap) => expect(isLeapYear(y)).toBe(leap));
});

describe('VS-1 ageRule', () => {
  it.each([
    [0, 'too_young'],
    [13, 'too_young'],
    [14, 'minor_needs_consent'],
    [17, 'minor_needs_consent'],
    [18, 'adult'],
    [80, 'adult'],
  ] as const)('%i → %s', (age, rule) => expect(ageRule(age)).toBe(rule));
});

describe('VS-1 ageProblem', () => {
  const today = '2026-03-02';
  it('13 years and 364 days is refused even with consent', () => {
    expect(ageProblem('2012-03-03', today, consent)).toBe('VOLUNTEER_TOO_YOUNG');
  });
  it('on the 14th birthday, consent is needed', () => {
    expect(ageProblem('2012-03-02', today, null)).toBe('VOLUNTEER_GUARDIAN_CONSENT_REQUIRED');
    expect(ageProblem('2012-03-02', today, consent)).toBeNull();
  });
  it('an incomplete consent is no consent', () => {
    expect(ageProblem('2010-01-01', today, { ...consent, guardianPhone: ' ' })).toBe(
      'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED',
    );
    expect(ageProblem('2010-01-01', today, { ...consent, method: undefined })).toBe(
      'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED',
    );
    expect(ageProblem('2010-01-01', today, { ...consent, relation: '' })).toBe(
      'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED',
    );
    expect(ageProblem('2010-01-01', today, { ...consent, guardianName: '' })).toBe(
      'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED',
    );
  });
  it('the day before the 18th birthday still needs consent', () => {
    expect(ageProblem('2008-03-03', today, undefined)).toBe('VOLUNTEER_GUARDIAN_CONSENT_REQUIRED');
  });
  it('on the 18th birthday no consent is needed', () => {
    expect(ageProblem('2008-03-02', today, undefined)).toBeNull();
  });
  it('a leap-day child turns 14 on 1 March in a common year', () => {
    expect(ageProblem('2012-02-29', '2026-02-28', consent)).toBe('VOLUNTEER_TOO_YOUNG');
    expect(ageProblem('2012-02-29', '2026-03-01', consent)).toBeNull();
  });
});
