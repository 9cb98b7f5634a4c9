import { describe, expect, it } from 'vitest';
import { pickLocale } from './problem.ts';
import { scrubIdNumbers } from './logging.ts';

describe('log scrubbing and locale', () => {
  it('masks anything shaped like an ID number', () => {
    expect(scrubIdNumbers('/x?id=11010519491231002X&y=1')).toBe('/x?id=110105********002X&y=1');
    expect(scrubIdNumbers('no numbers here 12345')).toBe('no numbers here 12345');
  });
  it('picks zh-CN by default and en when asked', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  });
});
