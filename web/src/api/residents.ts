import { api } from './client';
import type { NewResident, Resident, RevealedResident } from './types';

export const lookupResident = (idNumber: string) =>
  api<Resident>('/residents/lookup', { method: 'POST', body: { idNumber } });

export const registerResident = (resident: NewResident, idempotencyKey: string) =>
  api<Resident>('/residents', {
    method: 'POST',
    body: resident,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export interface ResidentQuery {
  q?: string | undefined;
  regionCode?: string | undefined;
  limit: number;
  offset: number;
}

export const listResidents = (query: ResidentQuery, signal?: AbortSignal) =>
  api<Resident[]>('/residents', { query: { ...query }, ...(signal ? { signal } : {}) });

export const fetchResident = (id: string) => api<Resident>(`/residents/${encodeURIComponent(id)}`);

export const revealResident = (id: string, reason: string) =>
  api<RevealedResident>(`/residents/${encodeURIComponent(id)}/reveal`, {
    method: 'POST',
    body: { reason },
  });
