import { api } from './client';
import type { AuditEvent, AuditVerification } from './types';

/** Filters of the log: an action code, China days (YYYY-MM-DD, inclusive), an account. */
export interface AuditFilter {
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  actorId?: string | undefined;
}

export const fetchAuditEvents = (
  query: { limit: number; beforeSeq?: number | undefined } & AuditFilter,
) => api<AuditEvent[]>('/audit/events', { query: { ...query } });

export const verifyAuditChain = () => api<AuditVerification>('/audit/verify', { method: 'POST' });
