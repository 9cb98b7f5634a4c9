import { apiClient, must } from './client';
import type { Answer } from './contract';

/**
 * Issue #15 point 4: accounts linked to resident and volunteer records — the links are changed by
 * the records' own routes; what may change comes from the server (`linkActions`,
 * `availableActions`).
 */
export type LinkKind = 'resident' | 'volunteer';
export type LinkCandidate = Answer<'/api/v1/accounts/link-candidates'>[number];
export type RecordAccount = Answer<'/api/v1/residents/{id}/account'>;
export type VolunteerAccount = Answer<'/api/v1/volunteers/{id}/account'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const findLinkCandidates = (kind: LinkKind, q: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/accounts/link-candidates', {
      params: { query: { for: kind, q, limit: 20 } },
      signal,
    }),
  );

export const fetchResidentAccount = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/residents/{id}/account', { ...byId(id), signal }));
export const fetchVolunteerAccount = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/volunteers/{id}/account', { ...byId(id), signal }));

export const linkResident = (residentId: string, accountId: string) =>
  must(
    apiClient.POST('/api/v1/residents/{id}/account', { ...byId(residentId), body: { accountId } }),
  );
export const unlinkResident = (residentId: string) =>
  must(apiClient.POST('/api/v1/residents/{id}/account/unlink', byId(residentId)));
export const linkVolunteer = (volunteerId: string, accountId: string) =>
  must(
    apiClient.POST('/api/v1/volunteers/{id}/account', {
      ...byId(volunteerId),
      body: { accountId },
    }),
  );
export const unlinkVolunteer = (volunteerId: string) =>
  must(apiClient.POST('/api/v1/volunteers/{id}/account/unlink', byId(volunteerId)));
