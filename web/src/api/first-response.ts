import { api } from './client';

/** 首问负责: inquiries, hand-offs and notifications (src/modules/first-response). */

export type InquiryChannel = 'walk_in' | 'phone';
export type MatterType = 'case' | 'inquiry';

export interface Person {
  id: string;
  displayName: string;
}

export interface Inquiry {
  id: string;
  channel: InquiryChannel;
  resident: { id: string; fullName: string; idMasked: string } | null;
  callerDescription: string | null;
  question: string;
  itemCode: string | null;
  answer: string;
  station: { id: string; name: string };
  regionCode: string;
  firstResponder: Person;
  handlerId: string;
  accountableId: string;
  caseId: string | null;
  status: 'open' | 'closed';
  closingNote: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface NewInquiry {
  channel: InquiryChannel;
  residentId?: string;
  callerDescription?: string;
  question: string;
  itemCode?: string;
  answer: string;
}

export interface Handoff {
  id: string;
  entityType: MatterType;
  entityId: string;
  regionCode: string;
  firstResponderId: string;
  from: Person;
  to: Person;
  reason: string;
  dueDate: string;
  dueDateProvisional: boolean;
  provisionalYears: number[];
  status: 'pending' | 'accepted' | 'declined';
  declineReason: string | null;
  overdue: boolean;
  accountableId: string;
  createdAt: string;
  decidedAt: string | null;
}

export interface NewHandoff {
  entityType: MatterType;
  entityId: string;
  toAccountId: string;
  reason: string;
  dueDays?: number;
}

export type HandoffBox = 'incoming' | 'outgoing' | 'overdue';

export const createInquiry = (body: NewInquiry, idempotencyKey: string) =>
  api<Inquiry>('/inquiries', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const listInquiries = (mine: boolean, signal?: AbortSignal) =>
  api<Inquiry[]>('/inquiries', { query: { mine: String(mine), limit: 100 }, signal });

export const closeInquiry = (id: string, note?: string) =>
  api<Inquiry>(`/inquiries/${encodeURIComponent(id)}/close`, {
    method: 'POST',
    body: note ? { note } : {},
  });

export const createHandoff = (body: NewHandoff, idempotencyKey: string) =>
  api<Handoff>('/handoffs', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const listHandoffs = (box: HandoffBox, signal?: AbortSignal) =>
  api<Handoff[]>('/handoffs', { query: { box, limit: 100 }, signal });

export const acceptHandoff = (id: string) =>
  api<Handoff>(`/handoffs/${encodeURIComponent(id)}/accept`, { method: 'POST' });

export const declineHandoff = (id: string, reason: string) =>
  api<Handoff>(`/handoffs/${encodeURIComponent(id)}/decline`, {
    method: 'POST',
    body: { reason },
  });

export interface Colleague {
  id: string;
  displayName: string;
  role: string;
  stationName: string | null;
}

/** Staff in my reach a matter can be handed to. */
export const listColleagues = (signal?: AbortSignal) => api<Colleague[]>('/colleagues', { signal });
