import { api, API_BASE, ApiError } from './client';

/** 帮办代办 (GS-6): residents' authorizations of agents (src/modules/agents). */

export type ConsentMethod = 'signed_form' | 'in_person' | 'phone';
export type AuthorizationStatus = 'active' | 'expired' | 'revoked';

export interface Authorization {
  id: string;
  resident: { id: string; fullName: string; idMasked: string };
  agent: { id: string; displayName: string };
  items: 'all' | string[];
  expiresOn: string;
  consent: {
    method: ConsentMethod;
    attachmentId: string | null;
    callRecordRef: string | null;
    /** Where the scan of the signed form is served, once uploaded. */
    scanUrl: string | null;
  };
  status: AuthorizationStatus;
  recordedBy: { id: string; displayName: string };
  createdAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export type NewConsent =
  { method: 'signed_form' } | { method: 'in_person' } | { method: 'phone'; callRecordRef: string };

export interface NewAuthorization {
  residentId: string;
  agentAccountId: string;
  items: 'all' | string[];
  expiresOn: string;
  consent: NewConsent;
}

export interface AuthorizationQuery {
  residentId?: string | undefined;
  agentAccountId?: string | undefined;
  limit: number;
  offset: number;
}

export const listAuthorizations = (query: AuthorizationQuery, signal?: AbortSignal) =>
  api<Authorization[]>('/authorizations', { query: { ...query }, ...(signal ? { signal } : {}) });

/** The key makes a double click record one authorization, not two. */
export const recordAuthorization = (body: NewAuthorization, idempotencyKey: string) =>
  api<Authorization>('/authorizations', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const revokeAuthorization = (id: string, reason: string) =>
  api<Authorization>(`/authorizations/${encodeURIComponent(id)}/revoke`, {
    method: 'POST',
    body: { reason },
  });

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
