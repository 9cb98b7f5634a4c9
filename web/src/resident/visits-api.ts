/**
 * Issue #14 GS-10: a resident's home-visit calls on the shared fetch helper (types from the
 * generated API contract). The POST carries an Idempotency-Key.
 */
import { api } from '../api/client';
import type { Answer, BodyOf, Item } from '../api/contract';

export type MyVisit = Item<Answer<'/api/v1/home-visits/mine', 'get'>>;
export type MyVisitRequest = BodyOf<'/api/v1/home-visits/mine'>;

export const myVisits = (signal?: AbortSignal) => api<MyVisit[]>('/home-visits/mine', { signal });
export const requestVisit = (body: MyVisitRequest, key: string) =>
  api<MyVisit>('/home-visits/mine', { method: 'POST', body, headers: { 'Idempotency-Key': key } });

/** Cancels my visit before it starts (the table offers `cancel` while requested or scheduled). */
export const cancelMyVisit = (id: string, reason: string, key: string) =>
  api<MyVisit>(`/home-visits/mine/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
    body: { reason },
    headers: { 'Idempotency-Key': key },
  });
