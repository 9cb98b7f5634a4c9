import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

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

const zhLeaves = leaves(zhCN);
const enLeaves = leaves(en);

describe('translation resources', () => {
  it('have exactly the same nested keys in Chinese and English', () => {
    const zhKeys = [...zhLeaves.keys()].sort();
    const enKeys = [...enLeaves.keys()].sort();
    expect(enKeys.filter((k) => !zhLeaves.has(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enLeaves.has(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(100);
  });

  it('have no empty strings', () => {
    const empty = [...zhLeaves, ...enLeaves].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...zhLeaves]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enLeaves.get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });
});
