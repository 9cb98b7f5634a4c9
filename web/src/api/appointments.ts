/** GS-10 staff calls: a station's day, check-in, walk-in tickets, call next, ticket actions. */
import { apiClient, idempotent, must } from './client';
import type { Answer } from './contract';

export type StationDay = Answer<'/api/v1/appointments/stations/{id}/day'>;
export type Ticket = StationDay['tickets'][number];
export type DayBooking = StationDay['bookings'][number];
export type TicketStep = 'start' | 'recall' | 'skip' | 'finish';

export type StaffedStation = Answer<'/api/v1/appointments/my-stations'>[number];

/** The stations whose day the caller works (a clerk's own; every station of a region grant). */
export const fetchMyStations = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/appointments/my-stations', { signal }));

export const fetchStationDay = (id: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/appointments/stations/{id}/day', {
      params: { path: { id }, query: {} },
      signal,
    }),
  );

export const checkIn = (bookingId: string, key: string) =>
  must(
    apiClient.POST('/api/v1/appointments/bookings/{id}/check-in', {
      params: { path: { id: bookingId } },
      body: {},
      ...idempotent(key),
    }),
  );

export const walkIn = (
  stationId: string,
  body: { priority?: 'elderly' | 'disabled' | 'pregnant' },
  key: string,
) =>
  must(
    apiClient.POST('/api/v1/queue/stations/{id}/tickets', {
      params: { path: { id: stationId } },
      body,
      ...idempotent(key),
    }),
  );

export const callNext = (stationId: string, desk: string | undefined, key: string) =>
  must(
    apiClient.POST('/api/v1/queue/stations/{id}/call-next', {
      params: { path: { id: stationId } },
      body: desk ? { desk } : {},
      ...idempotent(key),
    }),
  );

export const ticketStep = (ticketId: string, step: TicketStep, key: string) => {
  const opts = { params: { path: { id: ticketId } }, ...idempotent(key) };
  switch (step) {
    case 'start':
      return must(apiClient.POST('/api/v1/queue/tickets/{id}/start', opts));
    case 'recall':
      return must(apiClient.POST('/api/v1/queue/tickets/{id}/recall', opts));
    case 'skip':
      return must(apiClient.POST('/api/v1/queue/tickets/{id}/skip', opts));
    case 'finish':
      return must(apiClient.POST('/api/v1/queue/tickets/{id}/finish', opts));
  }
};

export const linkCase = (ticketId: string, caseId: string, key: string) =>
  must(
    apiClient.POST('/api/v1/queue/tickets/{id}/case', {
      params: { path: { id: ticketId } },
      body: { caseId },
      ...idempotent(key),
    }),
  );
