import type { Locale, Preferences } from '../api/types';

/** Preferences kept in this browser before login (and mirrored after it). */
const KEY = 'doorstep.preferences';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function browserLocale(): Locale {
  const first = navigator.languages[0] ?? navigator.language;
  return first.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function readLocalPreferences(): Preferences {
  const fallback: Preferences = { elderlyMode: false, locale: browserLocale() };
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as { elderlyMode?: unknown; locale?: unknown };
    return {
      elderlyMode: typeof parsed.elderlyMode === 'boolean' ? parsed.elderlyMode : false,
      locale: isLocale(parsed.locale) ? parsed.locale : fallback.locale,
    };
  } catch {
    return fallback;
  }
}

export function writeLocalPreferences(preferences: Preferences): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // Private mode or a full disk: the preference still applies for this page.
  }
}
