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

export type StationWindow = StationDay['windows'][number];

/** Call next to a window (she sits down there if not yet), or to a desk name without windows. */
export const callNext = (
  stationId: string,
  to: { windowId: string } | { desk: string },
  key: string,
) =>
  must(
    apiClient.POST('/api/v1/queue/stations/{id}/call-next', {
      params: { path: { id: stationId } },
      body: to,
      ...idempotent(key),
    }),
  );

/** Issue #14: a station's windows and who sits at each today. */
export const fetchWindows = (stationId: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/queue/stations/{id}/windows', {
      params: { path: { id: stationId } },
      signal,
    }),
  );

/** Issue #14: sit down at a window for today. */
export const sitAtWindow = (windowId: string, key: string) =>
  must(
    apiClient.POST('/api/v1/queue/windows/{id}/sit', {
      params: { path: { id: windowId } },
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
