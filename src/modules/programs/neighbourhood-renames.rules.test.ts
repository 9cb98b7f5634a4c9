import { describe, expect, it } from 'vitest';
import { renamedCatchment, renamesFit } from './neighbourhood-renames.rules.ts';

describe('CP-1 renaming a 小区 of the community list', () => {
  const before = ['黄河一区', '黄河二区', '南苑'];

  it('fits when the old name leaves the list and the new one is on it', () => {
    const after = ['黄河小区一区', '黄河二区', '南苑'];
    expect(renamesFit(before, after, [{ from: '黄河一区', to: '黄河小区一区' }])).toBe(true);
    expect(renamesFit(before, after, [])).toBe(true);
  });

  it('refuses an unknown old name, one still listed, a new name not listed, twice or to itself', () => {
    const after = ['黄河小区一区', '黄河二区', '南苑'];
    expect(renamesFit(before, after, [{ from: '北苑', to: '黄河小区一区' }])).toBe(false);
    expect(renamesFit(before, after, [{ from: '南苑', to: '黄河小区一区' }])).toBe(false);
    expect(renamesFit(before, after, [{ from: '黄河一区', to: '东苑' }])).toBe(false);
    expect(renamesFit(before, after, [{ from: '黄河一区', to: '黄河一区' }])).toBe(false);
    const two = ['甲', '南苑'];
    expect(
      renamesFit(before, two, [
        { from: '黄河一区', to: '甲' },
        { from: '黄河二区', to: '甲' },
      ]),
    ).toBe(false);
  });

  it('moves a catchment to the new names in its order, or says it is unchanged', () => {
    const renames = [{ from: '黄河一区', to: '黄河小区一区' }];
    expect(renamedCatchment(['南苑', '黄河一区'], renames)).toEqual(['南苑', '黄河小区一区']);
    expect(renamedCatchment(['南苑'], renames)).toBeNull();
    expect(renamedCatchment([], renames)).toBeNull();
  });
});
