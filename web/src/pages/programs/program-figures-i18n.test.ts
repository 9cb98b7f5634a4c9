import { describe, expect, it } from 'vitest';
import en from '../../i18n/programs-figures.en.json';
import zh from '../../i18n/programs-figures.zh-CN.json';
import zhMain from '../../i18n/zh-CN.json';

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

describe('CP-5 program figures resources (programs-figures.*.json)', () => {
  const z = leaves(zh);
  const e = leaves(en);
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have exactly the same nested keys in Chinese and English', () => {
    expect([...e.keys()].filter((k) => !z.has(k))).toEqual([]);
    expect([...z.keys()].filter((k) => !e.has(k))).toEqual([]);
  });
  it('have no empty strings and the same interpolation variables', () => {
    expect([...z, ...e].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const mismatched = [...z]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(e.get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });
  it('do not collide with a top-level key of the main resources', () => {
    expect(Object.keys(zhMain)).not.toContain('programsFigures');
  });
});
