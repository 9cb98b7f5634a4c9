import { describe, expect, it } from 'vitest';
import casesEn from './cases.en.json';
import casesZhCN from './cases.zh-CN.json';
import catalogEn from './catalog.en.json';
import catalogZhCN from './catalog.zh-CN.json';
import en from './en.json';
import firstResponseEn from './firstresponse.en.json';
import firstResponseZhCN from './firstresponse.zh-CN.json';
import messagesEn from './messages.en.json';
import messagesZhCN from './messages.zh-CN.json';
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

describe('X-6 translation resources', () => {
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

describe('catalog and calendar resources (catalog.*.json)', () => {
  const zh = leaves(catalogZhCN);
  const enCat = leaves(catalogEn);
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have exactly the same nested keys in Chinese and English', () => {
    expect([...enCat.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !enCat.has(k))).toEqual([]);
    expect(zh.size).toBeGreaterThan(100);
  });

  it('have no empty strings and the same interpolation variables', () => {
    expect([...zh, ...enCat].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const mismatched = [...zh]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enCat.get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('do not collide with a top-level key of the main resources', () => {
    expect(Object.keys(zhCN)).not.toContain('catalog');
  });
});

describe('case resources (cases.*.json)', () => {
  const zh = leaves(casesZhCN);
  const enCases = leaves(casesEn);
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have exactly the same nested keys in Chinese and English', () => {
    expect([...enCases.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !enCases.has(k))).toEqual([]);
    expect(zh.size).toBeGreaterThan(100);
  });

  it('have no empty strings and the same interpolation variables', () => {
    expect([...zh, ...enCases].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const mismatched = [...zh]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enCases.get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('do not collide with a top-level key of the main resources', () => {
    expect(Object.keys(zhCN)).not.toContain('cases');
  });
});

describe('first-response resources (firstresponse.*.json)', () => {
  const zh = leaves(firstResponseZhCN);
  const enFr = leaves(firstResponseEn);
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have exactly the same nested keys in Chinese and English', () => {
    expect([...enFr.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !enFr.has(k))).toEqual([]);
    expect(zh.size).toBeGreaterThan(50);
  });

  it('have no empty strings and the same interpolation variables', () => {
    expect([...zh, ...enFr].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const mismatched = [...zh]
      .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enFr.get(k) ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('do not collide with a top-level key of the main resources', () => {
    expect(Object.keys(zhCN)).not.toContain('firstresponse');
  });
});

describe('issue #15 messages and webhooks resources (messages.*.json)', () => {
  const zh = leaves(messagesZhCN);
  const enM = leaves(messagesEn);
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have the same keys, no empty strings and the same variables in both languages', () => {
    expect([...enM.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !enM.has(k))).toEqual([]);
    expect([...zh, ...enM].filter(([, v]) => v.trim() === '')).toEqual([]);
    expect(
      [...zh].filter(
        ([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enM.get(k) ?? '')),
      ),
    ).toEqual([]);
  });
});
