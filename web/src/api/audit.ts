import { apiClient, must } from './client';
import type { QueryOf } from './contract';

/** Filters of the log: an action code, China days (YYYY-MM-DD, inclusive), an account. */
export type AuditFilter = Pick<
  QueryOf<'/api/v1/audit/events'>,
  'action' | 'from' | 'to' | 'actorId'
>;

export const fetchAuditEvents = (
  query: { limit: number; beforeSeq?: number | undefined } & AuditFilter,
) => must(apiClient.GET('/api/v1/audit/events', { params: { query } }));

export const verifyAuditChain = () => must(apiClient.POST('/api/v1/audit/verify'));
