import { apiClient, idempotent, must } from './client';
import type { NewResident } from './types';

export const lookupResident = (idNumber: string) =>
  must(apiClient.POST('/api/v1/residents/lookup', { body: { idNumber } }));

export const registerResident = (resident: NewResident, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/residents', { body: resident, ...idempotent(idempotencyKey) }));

export interface ResidentQuery {
  q?: string | undefined;
  regionCode?: string | undefined;
  limit: number;
  offset: number;
}

export const listResidents = (query: ResidentQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/residents', { params: { query }, signal }));

export const fetchResident = (id: string) =>
  must(apiClient.GET('/api/v1/residents/{id}', { params: { path: { id } } }));

export const revealResident = (id: string, reason: string) =>
  must(
    apiClient.POST('/api/v1/residents/{id}/reveal', { params: { path: { id } }, body: { reason } }),
  );

/** GS-10: the resident's own phone login (SMS code), created at the window. */
export const createResidentLogin = (id: string, phone: string, idempotencyKey: string) =>
  must(
    apiClient.POST('/api/v1/residents/{id}/login', {
      params: { path: { id } },
      body: { phone },
      ...idempotent(idempotencyKey),
    }),
  );

/** Issue #16 p5: the same list by keyset — `after` is the previous page's nextCursor. */
export const pageResidents = (
  query: Omit<ResidentQuery, 'offset'> & { after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/residents/page', { params: { query }, signal }));
