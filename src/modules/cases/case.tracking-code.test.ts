import { describe, expect, it } from 'vitest';
import {
  formatTrackingCode,
  newTrackingCode,
  normalizeTrackingCode,
  trackingCodeMatches,
} from './case.tracking-code.ts';

describe('the tracking code (查询码, X-2)', () => {
  it('is 8 random digits, not a sequence', () => {
    const codes = Array.from({ length: 200 }, () => newTrackingCode());
    for (const c of codes) expect(c).toMatch(/^\d{8}$/);
    expect(new Set(codes).size).toBeGreaterThan(195);
  });

  it('is printed in two groups and typed with or without the space', () => {
    expect(formatTrackingCode('03418826')).toBe('0341 8826');
    expect(normalizeTrackingCode('0341 8826')).toBe('03418826');
    expect(normalizeTrackingCode('0341-8826')).toBe('03418826');
    expect(trackingCodeMatches('03418826', '0341 8826')).toBe(true);
    expect(trackingCodeMatches('03418826', '03418827')).toBe(false);
    expect(trackingCodeMatches('03418826', '0341882')).toBe(false);
    expect(trackingCodeMatches(null, '03418826')).toBe(false);
  });
});
