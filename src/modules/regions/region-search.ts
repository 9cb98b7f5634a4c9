/**
 * Issue #15 point 2: regions found by name or pinyin. Each region stores a search key computed when
 * it is written: `|name|full pinyin|initials|`, lower-case (魏善庄镇 → |魏善庄镇|weishanzhuangzhen|wszz|),
 * matched with LIKE anywhere (shared/like-pattern.ts: the text literally). Pure.
 */
import { pinyin } from 'pinyin-pro';

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s));
}

export function regionSearchKey(name: string): string {
  const parts = syllables(name);
  const entries = [name.trim().toLowerCase()];
  if (parts.length > 0) entries.push(parts.join(''), parts.map((s) => s[0]).join(''));
  return `|${[...new Set(entries)].join('|')}|`;
}

/**
 * What to look for: lower-case, without the key's separator or spaces (wei shan → weishan); null
 * when nothing searchable is left. `%` and `_` stay: they are matched literally.
 */
export function regionNeedle(q: string): string | null {
  const needle = q.toLowerCase().replace(/\|/g, '').replace(/\s+/g, '');
  return needle === '' ? null : needle;
}
