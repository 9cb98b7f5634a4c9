import { describe, expect, it } from 'vitest';
import { regionNeedle, regionSearchKey } from './region-search.ts';

describe('region search keys (X-1, issue #15)', () => {
  it('holds the name, its full pinyin and its initials, lower-case', () => {
    expect(regionSearchKey('魏善庄镇')).toBe('|魏善庄镇|weishanzhuangzhen|wszz|');
    expect(regionSearchKey('东城街道')).toBe('|东城街道|dongchengjiedao|dcjd|');
  });
  it('a name without Chinese is its own key', () => {
    expect(regionSearchKey('Block A')).toBe('|block a|');
  });
  it('a query loses separators and spaces; nothing left is no query', () => {
    expect(regionNeedle('Wei Shan')).toBe('weishan');
    expect(regionNeedle('魏|善 庄')).toBe('魏善庄');
    expect(regionNeedle(' | ')).toBeNull();
  });
  it('LIKE wildcards stay in the query: the search matches them literally (like-pattern.ts)', () => {
    expect(regionNeedle('魏%善_')).toBe('魏%善_');
    expect(regionNeedle(' %|_ ')).toBe('%_');
  });
});
