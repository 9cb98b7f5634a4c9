import { API_BASE, apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/** GS-13 好差评, the staff side (src/modules/ratings), named from the generated contract. */
export type RatingMetrics = Answer<'/api/v1/ratings/metrics'>;
export type Ticket = Item<Answer<'/api/v1/ratings/tickets'>>;
export type TicketStep = BodyOf<'/api/v1/ratings/tickets/{id}/steps'>;
export type Appeal = Item<Answer<'/api/v1/ratings/appeals'>>;
export type Rating = Item<Answer<'/api/v1/ratings'>>;
export type Device = Item<Answer<'/api/v1/ratings/devices'>>;
export type NewDevice = Answer<'/api/v1/ratings/devices', 'post'>;

export const ratingMetrics = (
  month: string,
  group: 'staff' | 'station' | 'town' | 'channel',
  signal?: AbortSignal,
) =>
  must(apiClient.GET('/api/v1/ratings/metrics', { params: { query: { month, group } }, signal }));
/** Issue #16 p5: the tickets by keyset — `after` is the previous page's nextCursor. */
export const pageTickets = (
  query: { open: boolean; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/ratings/tickets/page', {
      params: {
        query: {
          open: query.open ? 'true' : 'false',
          limit: query.limit,
          ...(query.after !== undefined ? { after: query.after } : {}),
        },
      },
      signal,
    }),
  );
export const ticketStep = (id: string, body: TicketStep, key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/tickets/{id}/steps', {
      params: { path: { id } },
      body,
      ...idempotent(key),
    }),
  );
/** Issue #16 p5: every appeal by keyset, newest first. */
export const pageAppeals = (
  query: { limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/ratings/appeals/page', {
      params: {
        query: {
          pending: 'false',
          limit: query.limit,
          ...(query.after !== undefined ? { after: query.after } : {}),
        },
      },
      signal,
    }),
  );
export const fileAppeal = (ratingId: string, reason: string, key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/{id}/appeal', {
      params: { path: { id: ratingId } },
      body: { reason },
      ...idempotent(key),
    }),
  );
export const decideAppeal = (
  id: string,
  decision: 'uphold' | 'reject',
  note: string,
  key: string,
) =>
  must(
    apiClient.POST('/api/v1/ratings/appeals/{id}/decision', {
      params: { path: { id } },
      body: { decision, note },
      ...idempotent(key),
    }),
  );
export const listDevices = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/ratings/devices', { signal }));
/** Issue #14: a device bound to a window of my station (without one: to the station). */
export const createDevice = (name: string, windowId: string | null, key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/devices', {
      body: windowId ? { name, windowId } : { name },
      ...idempotent(key),
    }),
  );
export const revokeDevice = (id: string, key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/devices/{id}/revoke', {
      params: { path: { id } },
      ...idempotent(key),
    }),
  );
export const sendRatingLink = (caseId: string, channel: 'sms' | 'qr', key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/links', {
      body: { subjectType: 'case', subjectId: caseId, channel },
      ...idempotent(key),
    }),
  );

/** The month's ratings as Excel in the national record fields (a plain link: the session cookie). */
export const ratingsXlsxUrl = (month: string, language: string) =>
  `${API_BASE}/ratings/export.xlsx?month=${month}&lang=${language.startsWith('en') ? 'en' : 'zh-CN'}`;
export const ratingsJsonUrl = (month: string) => `${API_BASE}/ratings/export?month=${month}`;
