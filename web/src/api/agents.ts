import { API_BASE, ApiError, apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, QueryOf } from './contract';

/** 帮办代办 (GS-6): residents' authorizations of agents (src/modules/agents). */

export type Authorization = Answer<'/api/v1/authorizations', 'post'>;
export type ConsentMethod = Authorization['consent']['method'];
export type AuthorizationStatus = Authorization['status'];
export type NewAuthorization = BodyOf<'/api/v1/authorizations'>;
export type NewConsent = NewAuthorization['consent'];

export interface AuthorizationQuery {
  residentId?: string | undefined;
  agentAccountId?: string | undefined;
  limit: number;
  offset: number;
}

export const listAuthorizations = (query: AuthorizationQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/authorizations', { params: { query }, signal }));

/** Issue #16 p5: the same list by keyset — `after` is the previous page's nextCursor. */
export const pageAuthorizations = (
  query: QueryOf<'/api/v1/authorizations/page'>,
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/authorizations/page', { params: { query }, signal }));

/** The key makes a double click record one authorization, not two. */
export const recordAuthorization = (body: NewAuthorization, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/authorizations', { body, ...idempotent(idempotencyKey) }));

export const revokeAuthorization = (id: string, reason: string) =>
  must(
    apiClient.POST('/api/v1/authorizations/{id}/revoke', {
      params: { path: { id } },
      body: { reason },
    }),
  );

/** The file itself is the body (JPEG, PNG or PDF), so this does not go through api(). */
export async function uploadAuthorizationScan(id: string, file: File): Promise<Authorization> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/authorizations/${encodeURIComponent(id)}/scan`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': file.type,
        Accept: 'application/json',
        'Accept-Language': document.documentElement.lang || 'zh-CN',
      },
      body: file,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
  }
  if (response.ok) return (await response.json()) as Authorization;
  const problem = (await response.json().catch(() => null)) as {
    code?: unknown;
    title?: unknown;
  } | null;
  throw new ApiError({
    status: response.status,
    code: typeof problem?.code === 'string' ? problem.code : 'HTTP_ERROR',
    title: typeof problem?.title === 'string' ? problem.title : '',
  });
}
