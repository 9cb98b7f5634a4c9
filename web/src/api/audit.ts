import { apiClient, must } from './client';
import type { QueryOf } from './contract';

/** Filters of the log: an action code, China days (YYYY-MM-DD, inclusive), an account. */
export type AuditFilter = Pick<
  QueryOf<'/api/v1/audit/events/page'>,
  'action' | 'from' | 'to' | 'actorId'
>;

/** Issue #16 p5: the log by keyset, newest first — `after` is the previous page's nextCursor. */
export const pageAuditEvents = (
  query: { limit: number; after?: string | undefined } & AuditFilter,
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/audit/events/page', { params: { query }, signal }));

export const verifyAuditChain = () => must(apiClient.POST('/api/v1/audit/verify'));
