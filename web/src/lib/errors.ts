import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

/**
 * What to tell the user about a failed call: the server's localized title when there is one
 * (it already follows Accept-Language), otherwise our own words.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.title) return error.title;
    if (error.code === 'NETWORK_ERROR')
      return t(navigator.onLine ? 'errors.network' : 'offline.needsServer');
    return t('errors.http', { status: error.status });
  }
  return t('errors.unknown');
}

/** A form field named by a server error path such as "body.phone". */
export function fieldOfPath(path: string): string | undefined {
  const match = /^body\.([A-Za-z]+)/.exec(path);
  return match?.[1];
}
