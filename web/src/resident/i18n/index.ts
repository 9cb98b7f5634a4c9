import { createContext, useContext } from 'react';
import type { Locale } from '../../api/types';
import en from './en.json';
import zhCN from './zh-CN.json';

/**
 * The light entry's own dictionary: a few dozen strings, looked up by dotted path with `{{name}}`
 * interpolation. i18next + react-i18next would add ≈ 15 KB gzip to a page whose whole budget is
 * 40 KB; this is a few hundred bytes. Chinese first; English complete (resident-i18n.test.ts).
 */
export type Dictionary = typeof zhCN;

type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

export type MessageKey = Leaves<Dictionary>;

export const DICTIONARIES: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = DICTIONARIES[locale];
  return (key, vars) => {
    let node: unknown = dict;
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
    const text = typeof node === 'string' ? node : key;
    return vars
      ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => String(vars[name] ?? m))
      : text;
  };
}

export interface LocaleValue {
  locale: Locale;
  t: Translate;
}

export const LocaleContext = createContext<LocaleValue>({
  locale: 'zh-CN',
  t: translator('zh-CN'),
});

export const useLocale = () => useContext(LocaleContext);
