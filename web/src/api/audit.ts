import { api } from './client';
import type { AuditEvent, AuditVerification } from './types';

export const fetchAuditEvents = (query: { limit: number; beforeSeq?: number | undefined }) =>
  api<AuditEvent[]>('/audit/events', { query: { ...query } });

export const verifyAuditChain = () => api<AuditVerification>('/audit/verify', { method: 'POST' });
