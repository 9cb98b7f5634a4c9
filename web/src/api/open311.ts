import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/** Issue #15 point 7: Open311 API keys per town (src/modules/open311/open311-keys.ts). */
export type Open311Key = Item<Answer<'/api/v1/open311/keys'>>;
export type NewOpen311Key = BodyOf<'/api/v1/open311/keys'>;

export const listOpen311Keys = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/open311/keys', { signal }));
export const issueOpen311Key = (body: NewOpen311Key, key: string) =>
  must(apiClient.POST('/api/v1/open311/keys', { body, ...idempotent(key) }));
export const revokeOpen311Key = (id: string) =>
  must(apiClient.POST('/api/v1/open311/keys/{id}/revoke', { params: { path: { id } } }));
