import { isApiError } from '../api/client';
import type { Translate } from './i18n';

/**
 * What went wrong, in the reader's language: the server's own localised title for a refusal
 * (e.g. a past date), plain words for the network; never an internal code.
 */
export function problemText(t: Translate, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 0 || error.code === 'NETWORK_ERROR') return t('errors.network');
    if (error.title) return error.title;
    return t('errors.http');
  }
  return t('errors.unknown');
}
