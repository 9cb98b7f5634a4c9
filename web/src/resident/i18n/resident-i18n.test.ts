import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { translator } from './index';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const zh = leaves(zhCN);
const eng = leaves(en);
const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('X-6 the light entry’s dictionary (web/src/resident/i18n)', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    expect([...eng.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !eng.has(k))).toEqual([]);
    expect([...zh, ...eng].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...zh]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(eng.get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('looks up nested keys and fills in variables', () => {
    expect(translator('zh-CN')('track.rateLimited', { minutes: 3 })).toBe(
      '查询次数太多了，请 3 分钟后再试',
    );
    expect(translator('en')('track.words.decided_approved')).toBe('Decided: approved');
  });
});
