import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item, QueryOf } from './contract';

/** 首问负责: inquiries, hand-offs and notifications (src/modules/first-response). */

export type Inquiry = Answer<'/api/v1/inquiries', 'post'>;
export type InquiryChannel = Inquiry['channel'];
export type Person = Inquiry['firstResponder'];
export type NewInquiry = BodyOf<'/api/v1/inquiries'>;
export type Handoff = Answer<'/api/v1/handoffs', 'post'>;
export type MatterType = Handoff['entityType'];
export type NewHandoff = BodyOf<'/api/v1/handoffs'>;
/** Issue #14: a refused matter recorded as an inquiry and handed on in one transaction. */
export type NewInquiryHandoff = BodyOf<'/api/v1/inquiries/handed-on'>;
export type HandoffReceiver = NewInquiryHandoff['handoff'];
export type HandoffBox = NonNullable<QueryOf<'/api/v1/handoffs'>['box']>;
export type Colleague = Item<Answer<'/api/v1/colleagues'>>;

export const createInquiry = (body: NewInquiry, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/inquiries', { body, ...idempotent(idempotencyKey) }));

export const createInquiryHandedOn = (body: NewInquiryHandoff, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/inquiries/handed-on', { body, ...idempotent(idempotencyKey) }));

/** Issue #16 p5: the same list by keyset — `after` is the previous page's nextCursor. */
export const pageInquiries = (
  query: { mine: boolean; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/inquiries/page', {
      params: {
        query: {
          mine: query.mine ? 'true' : 'false',
          limit: query.limit,
          ...(query.after !== undefined ? { after: query.after } : {}),
        },
      },
      signal,
    }),
  );

export const closeInquiry = (id: string, note?: string) =>
  must(
    apiClient.POST('/api/v1/inquiries/{id}/close', {
      params: { path: { id } },
      body: note ? { note } : {},
    }),
  );

export const createHandoff = (body: NewHandoff, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/handoffs', { body, ...idempotent(idempotencyKey) }));

/** Issue #16 p5: a box of hand-offs by keyset — `after` is the previous page's nextCursor. */
export const pageHandoffs = (
  query: { box: HandoffBox; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/handoffs/page', {
      params: {
        query: {
          box: query.box,
          limit: query.limit,
          ...(query.after !== undefined ? { after: query.after } : {}),
        },
      },
      signal,
    }),
  );

export const acceptHandoff = (id: string) =>
  must(apiClient.POST('/api/v1/handoffs/{id}/accept', { params: { path: { id } } }));

export const declineHandoff = (id: string, reason: string) =>
  must(
    apiClient.POST('/api/v1/handoffs/{id}/decline', { params: { path: { id } }, body: { reason } }),
  );

/** Staff in my reach a matter can be handed to. */
export const listColleagues = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/colleagues', { signal }));
