/**
 * Search text for an item: what a clerk or resident may type. Chinese names and aliases, the English
 * name, full pinyin without tones (shehuibaozhangka) and pinyin initials (shbzk; sbk from the alias
 * 社保卡). Lower-case, entries separated by '|', matched with LIKE anywhere (shared/like-pattern.ts).
 */
import { pinyin } from 'pinyin-pro';
import type { CatalogItem } from './catalog.schema.ts';

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s));
}

/** 社保卡 → ['shebaoka', 'sbk']; text without Chinese gives nothing. */
export function pinyinKeys(text: string): string[] {
  const parts = syllables(text);
  if (parts.length === 0) return [];
  return [parts.join(''), parts.map((s) => s[0]).join('')];
}

export function catalogSearchText(item: Pick<CatalogItem, 'code' | 'name' | 'aliases'>): string {
  const zh = [item.name.zh, ...item.aliases];
  const entries = [item.code, ...zh, item.name.en, ...zh.flatMap((text) => pinyinKeys(text))].map(
    (s) => s.toLowerCase(),
  );
  return `|${[...new Set(entries)].join('|')}|`;
}

/**
 * What to look for: lower-case, without the key's separator '|'; also the same without spaces (she
 * bao ka). `%` and `_` stay: they are matched literally (shared/like-pattern.ts).
 */
export function searchNeedles(q: string): string[] {
  const needle = q.trim().toLowerCase().replace(/\|/g, '');
  if (!needle) return [];
  const compact = needle.replace(/\s+/g, '');
  return compact === needle ? [needle] : [needle, compact];
}
