import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaDayStartUtc } from './china-time.ts';

describe('China time (UTC+8, no daylight saving)', () => {
  it('chinaDate moves an instant eight hours on', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(chinaDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(() => chinaDate(new Date('nonsense'))).toThrow(RangeError);
    expect(() => chinaDate('nonsense')).toThrow(RangeError);
  });

  it('chinaDayStartUtc is 16:00 UTC the day before', () => {
    expect(chinaDayStartUtc('2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
    expect(chinaDate(chinaDayStartUtc('2026-03-02'))).toBe('2026-03-02');
  });

  it('addDays counts calendar days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
