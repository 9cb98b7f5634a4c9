import { describe, expect, it } from 'vitest';
import { ageOn } from './resident-format';

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1948-03-12', new Date(2026, 2, 11))).toBe(77);
    expect(ageOn('1948-03-12', new Date(2026, 2, 12))).toBe(78);
  });

  it('gives null for nonsense', () => {
    expect(ageOn('not a date')).toBeNull();
    expect(ageOn('2030-01-01', new Date(2026, 0, 1))).toBeNull();
  });
});
