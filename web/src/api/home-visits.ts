import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/** GS-10 home visits (src/modules/home-visits): shapes named from the generated API contract. */
export type HomeVisit = Item<Answer<'/api/v1/home-visits'>>;
export type VisitRoute = Item<Answer<'/api/v1/home-visits/routes'>>;
export type VisitRecord = Item<HomeVisit['records']>;
export type NewHomeVisit = BodyOf<'/api/v1/home-visits'>;
export type NewVisitRecord = BodyOf<'/api/v1/home-visits/{id}/records'>;
export type VisitTransition = 'depart' | 'not-home' | 'complete' | 'cancel';

const byId = (id: string) => ({ params: { path: { id } } });

/** Issue #16 p5: the visit requests by keyset — `after` is the previous page's nextCursor. */
export const pageVisits = (
  query: { status?: HomeVisit['status']; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/home-visits/page', { params: { query }, signal }));
export const listRoutes = (day: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/home-visits/routes', { params: { query: { day } }, signal }));
export const requestVisit = (body: NewHomeVisit, key: string) =>
  must(apiClient.POST('/api/v1/home-visits', { body, ...idempotent(key) }));
/** The half-day promised to the residents (issue #14): morning 09:00–12:00, afternoon 14:00–17:00. */
export type VisitWindow = 'morning' | 'afternoon';
export const scheduleVisits = (day: string, visitIds: string[], window: VisitWindow, key: string) =>
  must(
    apiClient.POST('/api/v1/home-visits/schedule', {
      body: { day, visitIds, window },
      ...idempotent(key),
    }),
  );
export function transitionVisit(id: string, action: VisitTransition, key: string) {
  const init = { ...byId(id), body: {}, ...idempotent(key) };
  switch (action) {
    case 'depart':
      return must(apiClient.POST('/api/v1/home-visits/{id}/depart', init));
    case 'not-home':
      return must(apiClient.POST('/api/v1/home-visits/{id}/not-home', init));
    case 'complete':
      return must(apiClient.POST('/api/v1/home-visits/{id}/complete', init));
    case 'cancel':
      return must(apiClient.POST('/api/v1/home-visits/{id}/cancel', init));
  }
}
export const addVisitRecord = (id: string, body: NewVisitRecord, key: string) =>
  must(
    apiClient.POST('/api/v1/home-visits/{id}/records', { ...byId(id), body, ...idempotent(key) }),
  );
export const lookupResident = (idNumber: string) =>
  must(apiClient.POST('/api/v1/residents/lookup', { body: { idNumber } }));
