import { describe, expect, it } from 'vitest';
import { readFilter, writeFilter, yuan } from './catalog-format';

describe('catalog list filter in the address bar', () => {
  it('reads what it writes', () => {
    const filter = { q: 'sbk', category: 'social_security', tier: 'base', page: 2 } as const;
    expect(readFilter(writeFilter(filter))).toEqual(filter);
    expect(writeFilter({ q: ' ', category: undefined, tier: undefined, page: 1 }).toString()).toBe(
      '',
    );
  });

  it('ignores values the API would refuse', () => {
    expect(readFilter(new URLSearchParams('category=nope&tier=gold&page=-3'))).toEqual({
      q: '',
      category: undefined,
      tier: undefined,
      page: 1,
    });
  });

  it('formats fen as yuan', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(1050)).toBe('10.50');
  });
});
