import { describe, expect, it } from 'vitest';
import { prefixRange } from './region-range.ts';

describe('X-2 scope by prefix as an index range', () => {
  it('the next prefix of the same length, with the carry', () => {
    expect(prefixRange('110115110')).toEqual({ from: '110115110', below: '110115111' });
    expect(prefixRange('110119')).toEqual({ from: '110119', below: '11012' });
    expect(prefixRange('1199')).toEqual({ from: '1199', below: '12' });
    expect(prefixRange('99')).toEqual({ from: '99', below: null });
    expect(prefixRange('')).toEqual({ from: '', below: null });
  });

  it('holds exactly the codes that start with the prefix', () => {
    const codes = ['110115110000', '110115110999', '110115111000', '110115109999', '110116000000'];
    for (const prefix of ['110115110', '11011511', '110115', '1101159', '99']) {
      const { from, below } = prefixRange(prefix)!;
      const inRange = codes.filter((c) => c >= from && (below === null || c < below));
      expect(inRange).toEqual(codes.filter((c) => c.startsWith(prefix)));
    }
  });

  it('no range for what is not a code prefix (never a pattern): nothing matches it', () => {
    expect(prefixRange('11%')).toBeNull();
    expect(prefixRange("1' or 1=1")).toBeNull();
  });
});
