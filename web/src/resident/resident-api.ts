/**
 * The resident's own calls (issue #11), on the shared fetch helper: phone login, the menu and
 * 点单 (the same /vs/ API the staff app's /vs/order uses), my cases and my orders, rating.
 * Creating POSTs carry an Idempotency-Key, kept for a retry of the same body.
 */
import { api } from '../api/client';
import type { Menu, MyNeed, Need, NewNeed } from '../api/orders';
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

export interface MyCase {
  number: string;
  item: { zh: string; en: string };
  state:
    | 'awaiting_supplement'
    | 'accepted'
    | 'in_progress'
    | 'suspended'
    | 'decided'
    | 'delivered'
    | 'closed'
    | 'refused'
    | 'withdrawn';
  result: 'approved' | 'not_approved' | null;
  station: string;
  acceptedAt: string | null;
  createdAt: string;
  dueDate: string | null;
  dueDateProvisional: boolean;
  provisionalYears: number[];
  light: 'green' | 'yellow' | 'red' | 'paused' | 'none';
  openRequests: {
    name: { zh: string; en: string };
    kind: 'notice' | 'missing' | 'defective';
    blocking: boolean;
    reason: string | null;
    requestedAt: string;
  }[];
}

export const myCases = (signal?: AbortSignal) =>
  api<{ linked: boolean; cases: MyCase[] }>('/cases/mine', { signal });
export const myOrders = (signal?: AbortSignal) => api<MyNeed[]>('/vs/needs/mine', { signal });
export const menuOf = (regionCode: string, signal?: AbortSignal) =>
  api<Menu>('/vs/menu', { query: { regionCode }, signal });
export const orderService = (body: NewNeed, idempotencyKey: string) =>
  api<Need>('/vs/needs', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
export const rateOrder = (needId: string, stars: number, comment: string, key: string) =>
  api<unknown>(`/vs/needs/${needId}/rating`, {
    method: 'POST',
    body: { stars, comment },
    headers: { 'Idempotency-Key': key },
  });
