/**
 * A resident's calls for GS-10 appointments on the shared fetch helper (types from the generated
 * API contract; no openapi-fetch in this entry). Every POST carries an Idempotency-Key.
 */
import { api } from '../api/client';
import type { Answer, Item } from '../api/contract';

export type BookableStation = Item<Answer<'/api/v1/appointments/stations'>>;
export type DaySlots = Answer<'/api/v1/appointments/stations/{id}/slots'>;
export type Booking = Item<Answer<'/api/v1/appointments/bookings/mine'>>;

export const bookableStations = (signal?: AbortSignal) =>
  api<BookableStation[]>('/appointments/stations', { signal });
export type BookableItems = Answer<'/api/v1/catalog/items'>;

export const daySlots = (
  stationId: string,
  date: string,
  itemCode: string | null,
  signal?: AbortSignal,
) =>
  api<DaySlots>(`/appointments/stations/${stationId}/slots`, {
    query: { date, ...(itemCode ? { itemCode } : {}) },
    signal,
  });
/** Catalog items that may be booked (the appointment channel), by name, pinyin or initials. */
export const bookableItems = (q: string, signal?: AbortSignal) =>
  api<BookableItems>('/catalog/items', {
    query: { channel: 'appointment', limit: 8, ...(q ? { q } : {}) },
    signal,
  });
export const myBookings = (signal?: AbortSignal) =>
  api<Booking[]>('/appointments/bookings/mine', { signal });
export const book = (
  body: { stationId: string; date: string; start: string; itemCode?: string },
  key: string,
) =>
  api<Booking>('/appointments/bookings', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': key },
  });
export const cancelBooking = (id: string, key: string) =>
  api<Booking>(`/appointments/bookings/${id}/cancel`, {
    method: 'POST',
    headers: { 'Idempotency-Key': key },
  });

/** The dates from..to (YYYY-MM-DD), at most `max`. */
export function datesBetween(from: string, to: string, max = 14): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < max;) {
    out.push(d);
    const next = new Date(`${d}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    d = next.toISOString().slice(0, 10);
  }
  return out;
}
