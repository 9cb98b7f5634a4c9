/**
 * A guardian's calls for the class day (CP-3, issue #13): today's pickup code of my child, the
 * persons who may (or must never) collect them, the attendance history and reporting an absence.
 * Shapes from web/src/api/contract.ts (types only); every POST carries an Idempotency-Key.
 */
import { api } from '../api/client';
import type { Answer, BodyOf, Item } from '../api/contract';

export type PickupCode = Item<Answer<'/api/v1/programs/children/{id}/pickup-codes'>>;
export type PickupPerson = Item<Answer<'/api/v1/programs/children/{id}/pickup-persons'>>;
export type NewPickupPerson = BodyOf<'/api/v1/programs/children/{id}/pickup-persons'>;
export type AttendanceDay = Item<Answer<'/api/v1/programs/children/{id}/attendance'>>;
export type NewAbsence = BodyOf<'/api/v1/programs/children/{id}/absences'>;
export type AbsenceReport = NewAbsence['kind'];

export const ABSENCE_REPORTS: readonly AbsenceReport[] = ['sick', 'informed'];

const post = <T>(path: string, body: unknown, idempotencyKey: string) =>
  api<T>(path, {
    method: 'POST',
    ...(body === undefined ? {} : { body }),
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const todaysPickupCodes = (childId: string, signal?: AbortSignal) =>
  api<PickupCode[]>(`/programs/children/${childId}/pickup-codes`, { signal });
export const pickupPersons = (childId: string, signal?: AbortSignal) =>
  api<PickupPerson[]>(`/programs/children/${childId}/pickup-persons`, { signal });
export const addPickupPerson = (childId: string, body: NewPickupPerson, key: string) =>
  post<PickupPerson>(`/programs/children/${childId}/pickup-persons`, body, key);
export const revokePickupPerson = (id: string, key: string) =>
  post<PickupPerson>(`/programs/pickup-persons/${id}/revoke`, undefined, key);
export const attendanceHistory = (childId: string, signal?: AbortSignal) =>
  api<AttendanceDay[]>(`/programs/children/${childId}/attendance`, { signal });
export const reportAbsence = (childId: string, body: NewAbsence, key: string) =>
  post<AttendanceDay>(`/programs/children/${childId}/absences`, body, key);
