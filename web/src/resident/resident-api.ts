/**
 * The resident's own calls (issue #11), on the typed client (issue #12: paths, bodies and answers
 * checked against the generated contract, the same client the light entry's track and verify
 * pages use): phone login, the menu and 点单 (the same /vs/ API the staff app's /vs/order uses),
 * my cases and my orders, rating. Creating POSTs carry an Idempotency-Key, kept for a retry of
 * the same body. The shapes are type-only imports: nothing of them reaches the bundle.
 */
import { apiClient, idempotent, must } from '../api/client';
import type { Answer, Item } from '../api/contract';
import type { NewNeed } from '../api/orders';
import type { Me } from '../api/types';

import { fetchMe } from '../api/auth';

export { requestSmsCode, smsLogin, logout } from '../api/auth';
export type { Me };

declare global {
  interface Window {
    /** Started by resident.html on /r/… addresses, before this script arrived. */
    __doorstepMe?: Promise<Response>;
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
export const menuOf = (regionCode: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/menu', { params: { query: { regionCode } }, signal }));
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
