import { describe, expect, it } from 'vitest';
import { addName, moveName, removeName, renameName } from './neighbourhood-edits';

const LIST = ['黄河一区', '黄河二区', '南苑'];

describe('CP-1 editing a community’s 小区 list', () => {
  it('adds a trimmed name at the end; refuses empty, too long, twice, or a 31st', () => {
    expect(addName(LIST, '  北苑 ')).toEqual({
      body: { names: [...LIST, '北苑'], renames: [] },
    });
    expect(addName(LIST, '   ')).toEqual({ refusal: 'empty' });
    expect(addName(LIST, '长'.repeat(41))).toEqual({ refusal: 'tooLong' });
    expect(addName(LIST, '南苑')).toEqual({ refusal: 'duplicate' });
    const full = Array.from({ length: 30 }, (_, i) => `小区${i}`);
    expect(addName(full, '新')).toEqual({ refusal: 'tooMany' });
  });

  it('renames in place and says so, so children and catchments follow', () => {
    expect(renameName(LIST, '黄河一区', '黄河小区一区')).toEqual({
      body: {
        names: ['黄河小区一区', '黄河二区', '南苑'],
        renames: [{ from: '黄河一区', to: '黄河小区一区' }],
      },
    });
    expect(renameName(LIST, '南苑', ' 南苑 ')).toEqual({ body: { names: LIST, renames: [] } });
    expect(renameName(LIST, '南苑', '黄河二区')).toEqual({ refusal: 'duplicate' });
    expect(renameName(LIST, '南苑', '')).toEqual({ refusal: 'empty' });
  });

  it('removes and moves', () => {
    expect(removeName(LIST, '黄河二区')).toEqual({
      body: { names: ['黄河一区', '南苑'], renames: [] },
    });
    expect(moveName(LIST, '南苑', -1)).toEqual({
      body: { names: ['黄河一区', '南苑', '黄河二区'], renames: [] },
    });
    expect(moveName(LIST, '黄河一区', -1)).toEqual({ body: { names: LIST, renames: [] } });
  });
});
