import { describe, expect, it } from 'vitest';
import {
  chinaDayStart,
  childPrefixLength,
  isDate,
  median,
  minutesToAccept,
  periodBounds,
  ratio,
} from './figures.rules.ts';

describe('VS-10 figures arithmetic', () => {
  it('a China day starts at 16:00 UTC the day before', () => {
    expect(chinaDayStart('2026-03-01')).toBe('2026-02-28T16:00:00.000Z');
    expect(periodBounds('2026-03-01', '2026-03-31')).toEqual({
      start: '2026-02-28T16:00:00.000Z',
      end: '2026-03-31T16:00:00.000Z',
    });
  });
  it('median of odd, even and empty lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('ratio rounds to 4 places and has no value without a whole', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(2, 2)).toBe(1);
  });
  it('time to accept counts from dispatch, else from creation', () => {
    expect(
      minutesToAccept({
        createdAt: '2026-03-01T00:00:00Z',
        dispatchedAt: '2026-03-01T01:00:00Z',
        acceptedAt: '2026-03-01T01:30:00Z',
      }),
    ).toBe(30);
    expect(
      minutesToAccept({
        createdAt: '2026-03-01T00:00:00Z',
        dispatchedAt: null,
        acceptedAt: '2026-03-01T02:00:00Z',
      }),
    ).toBe(120);
    expect(
      minutesToAccept({ createdAt: '2026-03-01T00:00:00Z', dispatchedAt: null, acceptedAt: null }),
    ).toBeNull();
  });
  it('child levels: province → city → district → town → village', () => {
    expect(childPrefixLength(2)).toBe(4);
    expect(childPrefixLength(6)).toBe(9);
    expect(childPrefixLength(9)).toBe(12);
    expect(childPrefixLength(12)).toBeNull();
  });
  it('dates are real calendar dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-2-3')).toBe(false);
  });
});
