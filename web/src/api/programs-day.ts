import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/**
 * CP-3/CP-4 the class day for the organiser's door screen and roster (src/modules/programs,
 * programs-day.routes.ts). Shapes named from the generated API contract.
 */
export type ClassDay = Answer<'/api/v1/programs/classes/{id}/days/{day}'>;
export type DayChild = Item<ClassDay['children']>;
export type DayStaff = Item<ClassDay['staff']>;
export type PickupPerson = Item<DayChild['pickupPersons']>;
export type AbsenceKind = BodyOf<'/api/v1/programs/attendance/{id}/absent'>['kind'];
export type ReleaseBody = BodyOf<'/api/v1/programs/attendance/{id}/release'>;
export type Proposal = Item<Answer<'/api/v1/programs/proposals'>>;
export type ReleaseLogEntry = Item<Answer<'/api/v1/programs/classes/{id}/days/{day}/releases'>>;

export const ABSENCE_KINDS = [
  'sick',
  'informed',
  'unexcused',
] as const satisfies readonly AbsenceKind[];

const byId = (id: string) => ({ params: { path: { id } } });
const dayOf = (id: string, day: string) => ({ params: { path: { id, day } } });

export const getClassDay = (classId: string, day: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/programs/classes/{id}/days/{day}', { ...dayOf(classId, day), signal }),
  );
export const getReleaseLog = (classId: string, day: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/programs/classes/{id}/days/{day}/releases', {
      ...dayOf(classId, day),
      signal,
    }),
  );
export const signInChild = (attendanceId: string, key: string) =>
  must(
    apiClient.POST('/api/v1/programs/attendance/{id}/sign-in', {
      ...byId(attendanceId),
      ...idempotent(key),
    }),
  );
export const markChildAbsent = (attendanceId: string, kind: AbsenceKind, key: string) =>
  must(
    apiClient.POST('/api/v1/programs/attendance/{id}/absent', {
      ...byId(attendanceId),
      body: { kind },
      ...idempotent(key),
    }),
  );
export const releaseChild = (attendanceId: string, body: ReleaseBody, key: string) =>
  must(
    apiClient.POST('/api/v1/programs/attendance/{id}/release', {
      ...byId(attendanceId),
      body,
      ...idempotent(key),
    }),
  );
export const listClassProposals = (classId: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/programs/proposals', { params: { query: { classId } }, signal }));
export const decideProposal = (id: string, decision: 'confirm' | 'dismiss', key: string) =>
  must(
    decision === 'confirm'
      ? apiClient.POST('/api/v1/programs/proposals/{id}/confirm', {
          ...byId(id),
          ...idempotent(key),
        })
      : apiClient.POST('/api/v1/programs/proposals/{id}/dismiss', {
          ...byId(id),
          ...idempotent(key),
        }),
  );
export const addToRoster = (classId: string, day: string, volunteerId: string, key: string) =>
  must(
    apiClient.POST('/api/v1/programs/classes/{id}/days/{day}/roster', {
      ...dayOf(classId, day),
      body: { volunteerId },
      ...idempotent(key),
    }),
  );
export const clockStaff = (rosterId: string, what: 'in' | 'out', key: string) =>
  must(
    what === 'in'
      ? apiClient.POST('/api/v1/programs/roster/{id}/check-in', {
          ...byId(rosterId),
          ...idempotent(key),
        })
      : apiClient.POST('/api/v1/programs/roster/{id}/check-out', {
          ...byId(rosterId),
          ...idempotent(key),
        }),
  );
export const confirmHours = (classId: string, day: string, key: string) =>
  must(
    apiClient.POST('/api/v1/programs/classes/{id}/days/{day}/confirm-hours', {
      ...dayOf(classId, day),
      ...idempotent(key),
    }),
  );

export type VolunteerCandidate = Item<Answer<'/api/v1/programs/volunteers'>>;
/** CP-4 the roster's lookup: volunteers of teams in my scope by name, phone tail or team. */
export const findVolunteers = (q: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/programs/volunteers', { params: { query: { q } }, signal }));
