import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, parsePreferences } from './account.stored.ts';

describe('X-6 X-7 stored account preferences (language, elderly mode)', () => {
  it('a new account ({}) gets the defaults; what is stored wins', () => {
    expect(parsePreferences('{}')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('{"elderlyMode":true}')).toEqual({
      elderlyMode: true,
      locale: 'zh-CN',
    });
    expect(parsePreferences('{"elderlyMode":false,"locale":"en"}')).toEqual({
      elderlyMode: false,
      locale: 'en',
    });
  });

  it('a stored value of another shape fails loudly, naming the column', () => {
    expect(() => parsePreferences('{"locale":"fr"}')).toThrow(/accounts\.preferences/);
    expect(() => parsePreferences('[')).toThrow(/accounts\.preferences/);
  });
});
