import { describe, expect, it } from 'vitest';
import { rollUp } from './ratings.service.ts';

describe('VS-7 team rating roll-up', () => {
  it('average to two decimals and the count', () =>
    expect(rollUp([5, 4, 4])).toEqual({ average: 4.33, count: 3, fiveStar: false }));
  it('five-star: average ≥ 4.5 with at least N ratings', () => {
    expect(rollUp([5, 5, 4]).fiveStar).toBe(true);
    expect(rollUp([5, 4]).fiveStar).toBe(false);
    expect(rollUp([5, 4], 2).fiveStar).toBe(true);
    expect(rollUp([5, 4, 4, 5]).fiveStar).toBe(true);
  });
  it('no ratings', () => expect(rollUp([])).toEqual({ average: 0, count: 0, fiveStar: false }));
});
