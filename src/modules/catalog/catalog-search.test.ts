import { describe, expect, it } from 'vitest';
import { catalogSearchText, pinyinKeys, searchNeedles } from './catalog-search.ts';

describe('GS-1 catalog search text', () => {
  it('full pinyin and initials of Chinese text', () => {
    expect(pinyinKeys('社会保障卡补办')).toEqual(['shehuibaozhangkabuban', 'shbzkbb']);
    expect(pinyinKeys('社保卡')).toEqual(['shebaoka', 'sbk']);
    expect(pinyinKeys('重度残疾人')).toEqual(['zhongducanjiren', 'zdcjr']);
    expect(pinyinKeys('Social')).toEqual([]);
  });

  it('indexes names, aliases, English, code; lower-case', () => {
    const text = catalogSearchText({
      code: 'DX-SB-001',
      name: { zh: '社会保障卡补办', en: 'Social security card replacement' },
      aliases: ['社保卡补办'],
    });
    for (const needle of [
      'dx-sb-001',
      '社会保障卡',
      '社保卡',
      'social security',
      'sbk',
      'shbzk',
      'shebaoka',
    ])
      expect(text).toContain(needle);
    expect(text).toBe(text.toLowerCase());
  });

  it('needles drop the key separator and also try without spaces', () => {
    expect(searchNeedles('  SBK ')).toEqual(['sbk']);
    expect(searchNeedles('she bao')).toEqual(['she bao', 'shebao']);
    expect(searchNeedles('|')).toEqual([]);
  });

  it('needles keep LIKE wildcards: the search matches them literally (like-pattern.ts)', () => {
    expect(searchNeedles('%_')).toEqual(['%_']);
    expect(searchNeedles('50% off')).toEqual(['50% off', '50%off']);
  });
});
