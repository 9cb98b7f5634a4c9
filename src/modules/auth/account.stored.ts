/**
 * An account's preferences as stored (#12 point 5): a partial object (a new account stores `{}`),
 * completed with the defaults on the way out.
 */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

export interface AccountPreferences {
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
}

export const DEFAULT_PREFERENCES: AccountPreferences = { elderlyMode: false, locale: 'zh-CN' };

const StoredPreferences = z.object({
  elderlyMode: z.boolean().optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});

export function parsePreferences(value: string): AccountPreferences {
  const stored = parseJsonColumn(StoredPreferences, value, 'accounts.preferences');
  return {
    elderlyMode: stored.elderlyMode ?? DEFAULT_PREFERENCES.elderlyMode,
    locale: stored.locale ?? DEFAULT_PREFERENCES.locale,
  };
}
