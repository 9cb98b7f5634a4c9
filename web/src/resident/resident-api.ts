/**
 * The resident's own calls (issue #11), on the typed client (issue #12: paths, bodies and answers
 * checked against the generated contract, the same client the light entry's track and verify
 * pages use): phone login, the menu and 点单 (the same /vs/ API the staff app's /vs/order uses),
 * my cases and my orders, rating. Creating POSTs carry an Idempotency-Key, kept for a retry of
 * the same body. The shapes are type-only imports: nothing of them reaches the bundle.
 */
import { apiClient, idempotent, must } from '../api/client';
import type { Answer, Item } from '../api/contract';
import type { Menu, NewNeed } from '../api/orders';
import type { Me } from '../api/types';

import { fetchMe } from '../api/auth';

export { requestSmsCode, smsLogin, logout } from '../api/auth';
export type { Me };

declare global {
  interface Window {
    /** Started by resident.html on /r/… addresses, before this script arrived. */
    __doorstepMe?: Promise<Response>;
    /** Started by resident.html on /r/order for the home village the last visit remembered. */
    __doorstepMenu?: { regionCode: string; response: Promise<Response> };
  }
}

/**
 * Who is logged in (null: nobody). Uses the answer resident.html already asked for when there is
 * one (once); anything but a 200 or a 401 from it is asked again the ordinary way.
 */
export async function whoAmI(): Promise<Me | null> {
  const early = window.__doorstepMe;
  window.__doorstepMe = undefined;
  const response = early ? await early.catch(() => null) : null;
  if (response?.ok) return (await response.json()) as Me;
  if (response?.status === 401) return null;
  return fetchMe();
}

/** One of my cases as an applicant, as the contract names it (GET /cases/mine). */
export type MyCase = Item<Answer<'/api/v1/cases/mine'>['cases']>;

export const myCases = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/cases/mine', { signal }));
export const myOrders = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/needs/mine', { signal }));
/** The key under which the light entry remembers the resident's home village (a region code). */
export const HOME_REGION_KEY = 'doorstep.homeRegion';

/**
 * The 点单 menu of a place. Uses the answer resident.html already asked for when it was for the
 * same place (once); otherwise, or when that answer failed, asks the ordinary way.
 */
export async function menuOf(regionCode: string, signal?: AbortSignal): Promise<Menu> {
  const early = window.__doorstepMenu;
  window.__doorstepMenu = undefined;
  if (early?.regionCode === regionCode) {
    const response = await early.response.catch(() => null);
    if (response?.ok) return (await response.json()) as Menu;
  }
  return must(apiClient.GET('/api/v1/vs/menu', { params: { query: { regionCode } }, signal }));
}

/** Remembers the home village for the next visit's early menu (nothing personal: a region code). */
export function rememberHomeRegion(regionCode: string) {
  try {
    if (regionCode) localStorage.setItem(HOME_REGION_KEY, regionCode);
  } catch {
    // storage refused: the next visit asks the ordinary way
  }
}

/** At logout: the next person on this phone may live elsewhere. */
export function forgetHomeRegion() {
  try {
    localStorage.removeItem(HOME_REGION_KEY);
  } catch {
    // nothing remembered
  }
}
export const orderService = (body: NewNeed, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/vs/needs', { body, ...idempotent(idempotencyKey) }));
export const rateOrder = (needId: string, stars: number, comment: string, key: string) =>
  must(
    apiClient.POST('/api/v1/vs/needs/{id}/rating', {
      params: { path: { id: needId } },
      body: { stars, comment },
      ...idempotent(key),
    }),
  );
