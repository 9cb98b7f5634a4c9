import { describe, expect, it } from 'vitest';
import { ageOn, ageRuleOf, chinaToday } from './volunteer-age';

describe('volunteer age on the registration page', () => {
  it('uses the China date', () => {
    expect(chinaToday(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
  it('birthday boundaries', () => {
    expect(ageOn('2012-03-02', '2026-03-01')).toBe(13);
    expect(ageOn('2012-03-02', '2026-03-02')).toBe(14);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });
  it('rules', () => {
    expect(ageRuleOf(13)).toBe('too_young');
    expect(ageRuleOf(14)).toBe('minor');
    expect(ageRuleOf(17)).toBe('minor');
    expect(ageRuleOf(18)).toBe('adult');
  });
});
