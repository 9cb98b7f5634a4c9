import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/**
 * VS-6 serving: activities, sign-up and waitlist, rotating check-in codes, hours
 * (src/modules/activities). The shapes are named from the generated API contract (issue #12).
 */

export type Activity = Answer<'/api/v1/vs/activities/{id}'>;
export type NewActivity = BodyOf<'/api/v1/vs/activities'>;
export type Signup = Answer<'/api/v1/vs/activities/{id}/signup', 'post'>;
export type Roster = Answer<'/api/v1/vs/activities/{id}/roster'>;
export type RosterEntry = Item<Roster['confirmed']>;
export type CheckInCode = Answer<'/api/v1/vs/activities/{id}/code'>;
export type MyActivity = Item<Answer<'/api/v1/vs/my-activities'>>;
export type ServiceRecord = Answer<'/api/v1/vs/service-records/{id}/confirm', 'post'>;

export type Direction = BodyOf<'/api/v1/vs/activities/{id}/check'>['direction'];
export type SignupStatus = Signup['status'];
export type RecordStatus = ServiceRecord['status'];
/** What the caller may do now (the server's activity.workflow.ts): show these buttons only. */
export type ActivityAction = Item<Activity['availableActions']>;
/** src/modules/activities/signup.workflow.ts */
export type SignupAction = Item<RosterEntry['availableActions']>;
/** src/modules/records/record.workflow.ts */
export type RecordAction = Item<ServiceRecord['availableActions']>;

const byId = (id: string) => ({ params: { path: { id } } });

/** Issue #16 p5: the same lists by keyset — `after` is the previous page's nextCursor. */
export const pageActivities = (
  view: 'open' | 'managed',
  after: string | undefined,
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/vs/activities/page', {
      params: { query: { view, limit: 20, after } },
      signal,
    }),
  );
export const getActivity = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/activities/{id}', { ...byId(id), signal }));
export const createActivity = (body: NewActivity, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/vs/activities', { body, ...idempotent(idempotencyKey) }));
export const cancelActivity = (id: string, reason: string) =>
  must(apiClient.POST('/api/v1/vs/activities/{id}/cancel', { ...byId(id), body: { reason } }));
export const getRoster = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/activities/{id}/roster', { ...byId(id), signal }));
export const getCode = (id: string, direction: Direction, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/activities/{id}/code', {
      params: { path: { id }, query: { direction } },
      signal,
    }),
  );
export const signUp = (id: string) =>
  must(apiClient.POST('/api/v1/vs/activities/{id}/signup', byId(id)));
export const cancelSignup = (id: string) =>
  must(apiClient.POST('/api/v1/vs/activities/{id}/signup/cancel', byId(id)));
export const submitCode = (id: string, direction: Direction, code: string) =>
  must(
    apiClient.POST('/api/v1/vs/activities/{id}/check', {
      ...byId(id),
      body: { direction, code },
    }),
  );
export const recordAttendance = (id: string, volunteerId: string, direction: Direction) =>
  must(
    apiClient.POST('/api/v1/vs/activities/{id}/attendance', {
      ...byId(id),
      body: { volunteerId, direction },
    }),
  );
/** Issue #16 p5: my sign-ups by keyset. */
export const pageMyActivities = (
  when: 'upcoming' | 'past' | 'all',
  after: string | undefined,
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/vs/my-activities/page', {
      params: { query: { when, limit: 20, after } },
      signal,
    }),
  );
export const setTravel = (recordId: string, travelMinutes: number) =>
  must(
    apiClient.POST('/api/v1/vs/service-records/{id}/travel', {
      ...byId(recordId),
      body: { travelMinutes },
    }),
  );
export const confirmHours = (recordId: string, travelMinutes?: number) =>
  must(
    apiClient.POST('/api/v1/vs/service-records/{id}/confirm', {
      ...byId(recordId),
      body: travelMinutes === undefined ? {} : { travelMinutes },
    }),
  );
export const rejectHours = (recordId: string, reason: string) =>
  must(
    apiClient.POST('/api/v1/vs/service-records/{id}/reject', {
      ...byId(recordId),
      body: { reason },
    }),
  );

/** Issue #15 p4: volunteers the lead may sign up by hand (e.g. without a phone), by name or number. */
export const findSignupCandidates = (id: string, q: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/activities/{id}/signup-candidates', {
      params: { path: { id }, query: { q, limit: 20 } },
      signal,
    }),
  );
/** Issue #15 p4: the lead signs up a volunteer (same places and waitlist as their own sign-up). */
export const signUpOther = (id: string, volunteerId: string, idempotencyKey: string) =>
  must(
    apiClient.POST('/api/v1/vs/activities/{id}/signups', {
      params: { path: { id } },
      body: { volunteerId },
      ...idempotent(idempotencyKey),
    }),
  );
