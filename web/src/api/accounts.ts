import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item, QueryOf } from './contract';

/** Issue #15 point 4: accounts managed by administrators (src/modules/auth/accounts*). */
export type ManagedAccount = Item<Answer<'/api/v1/accounts'>>;
export type AccountGrant = Item<ManagedAccount['grants']>;
export type AccountAction = Item<ManagedAccount['availableActions']>;
export type AccountQuery = QueryOf<'/api/v1/accounts'>;
export type NewAccount = BodyOf<'/api/v1/accounts'>;
export type NewGrant = BodyOf<'/api/v1/accounts/{id}/grants'>;

export const listAccounts = (query: AccountQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/accounts', { params: { query }, signal }));
export const createAccount = (body: NewAccount, key: string) =>
  must(apiClient.POST('/api/v1/accounts', { body, ...idempotent(key) }));
export const disableAccount = (id: string) =>
  must(apiClient.POST('/api/v1/accounts/{id}/disable', { params: { path: { id } } }));
export const enableAccount = (id: string) =>
  must(apiClient.POST('/api/v1/accounts/{id}/enable', { params: { path: { id } } }));
export const resetAccountPassword = (id: string) =>
  must(apiClient.POST('/api/v1/accounts/{id}/password-reset', { params: { path: { id } } }));
export const grantRole = (id: string, body: NewGrant, key: string) =>
  must(
    apiClient.POST('/api/v1/accounts/{id}/grants', {
      params: { path: { id } },
      body,
      ...idempotent(key),
    }),
  );
export const revokeGrant = (id: string, grantId: string) =>
  must(
    apiClient.POST('/api/v1/accounts/{id}/grants/{grantId}/revoke', {
      params: { path: { id, grantId } },
    }),
  );

/** Regions by name, pinyin or initials inside one region (the scope picker's search). */
export const searchRegionsWithin = (within: string, q: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/regions', {
      params: { query: { q, within, limit: 20, offset: 0 } },
      signal,
    }),
  );

/** Issue #16 p5: the same list by keyset — `after` is the previous page's nextCursor. */
export const pageAccounts = (query: QueryOf<'/api/v1/accounts/page'>, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/accounts/page', { params: { query }, signal }));
