/**
 * Volunteers, teams, categories, resources and projects (VS-1, VS-2). The shapes are named from
 * the generated API contract (issue #12); `npm run gen:api` refreshes it.
 */
import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item, QueryOf } from './contract';

export type MyVolunteer = Answer<'/api/v1/volunteers/me'>;
export type Volunteer = Item<Answer<'/api/v1/volunteers'>>;
export type Availability = Volunteer['availability'];
export type DayPart = Item<Availability['parts']>;
export type Registration = BodyOf<'/api/v1/volunteers/me'>;
export type GuardianConsentInput = NonNullable<Registration['guardianConsent']>;
export type ConsentMethod = GuardianConsentInput['method'];

export type Membership = Item<MyVolunteer['memberships']>;
export type MemberStatus = Membership['status'];
/** What the caller may do to a join request (src/modules/volunteers/join-request.workflow.ts). */
export type JoinAction = Item<Membership['availableActions']>;

export type Category = Item<Answer<'/api/v1/vs/categories'>>;
export type Team = Item<Answer<'/api/v1/vs/teams'>>;
export type TeamKind = Team['kind'];
export type NewTeam = BodyOf<'/api/v1/vs/teams'>;
export type Member = Item<Answer<'/api/v1/vs/teams/{id}/members'>>;

export type Resource = Item<Answer<'/api/v1/vs/resources'>>;
export type ResourceKind = Resource['kind'];
export type NewResource = BodyOf<'/api/v1/vs/resources'>;

export type Project = Item<Answer<'/api/v1/vs/projects'>>;
export type NewProject = BodyOf<'/api/v1/vs/projects'>;

export interface ListFilter {
  regionCode?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  includeInactive?: 'true' | undefined;
}

/** Issue #16 p5: a `/page` route's paging — `after` is the previous page's nextCursor. */
export interface Paging {
  limit: number;
  after?: string | undefined;
}

const byId = (id: string) => ({ params: { path: { id } } });

export const fetchMyVolunteer = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/volunteers/me', { signal }));
export const registerSelf = (body: Registration, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/volunteers/me', { body, ...idempotent(idempotencyKey) }));
export const registerOnBehalf = (body: BodyOf<'/api/v1/volunteers'>, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/volunteers', { body, ...idempotent(idempotencyKey) }));
export const listVolunteers = (
  query: { q?: string | undefined; skill?: string | undefined; limit: number; offset: number },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/volunteers', {
      params: { query: query },
      signal,
    }),
  );
/** Issue #16 p5: the same registry by keyset — `after` is the previous page's nextCursor. */
export const pageVolunteers = (
  query: {
    q?: string | undefined;
    skill?: string | undefined;
    limit: number;
    after?: string | undefined;
  },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/volunteers/page', { params: { query }, signal }));
export const updateVolunteer = (id: string, body: BodyOf<'/api/v1/volunteers/{id}', 'patch'>) =>
  must(apiClient.PATCH('/api/v1/volunteers/{id}', { ...byId(id), body }));

export const listCategories = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/categories', { signal }));

export const listTeams = (query: QueryOf<'/api/v1/vs/teams'>, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/teams', { params: { query }, signal }));
/** Issue #16 p5: the teams by keyset (region, then creation) — the team tree a page at a time. */
export const pageTeams = (
  query: Omit<QueryOf<'/api/v1/vs/teams/page'>, 'limit' | 'after'> & Paging,
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/vs/teams/page', { params: { query }, signal }));
export const createTeam = (body: NewTeam, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/vs/teams', { body, ...idempotent(idempotencyKey) }));
export const updateTeam = (id: string, body: BodyOf<'/api/v1/vs/teams/{id}', 'patch'>) =>
  must(apiClient.PATCH('/api/v1/vs/teams/{id}', { ...byId(id), body }));
export const requestJoin = (teamId: string, note?: string) =>
  must(
    apiClient.POST('/api/v1/vs/teams/{id}/join-requests', {
      ...byId(teamId),
      body: note ? { note } : {},
    }),
  );
/** Issue #16 p5: the pending join requests I may decide, by keyset (oldest first). */
export const pageJoinRequests = (query: Paging, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/join-requests/page', {
      params: { query: { status: 'pending', ...query } },
      signal,
    }),
  );
export const withdrawJoin = (id: string) =>
  must(apiClient.POST('/api/v1/vs/join-requests/{id}/withdrawal', byId(id)));
export const decideJoin = (id: string, decision: 'approve' | 'reject', note?: string) =>
  must(
    apiClient.POST('/api/v1/vs/join-requests/{id}/decision', {
      ...byId(id),
      body: { decision, ...(note ? { note } : {}) },
    }),
  );
/** Issue #16 p5: a team's approved members by keyset (oldest request first). */
export const pageMembers = (teamId: string, query: Paging, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/teams/{id}/members/page', {
      params: { path: { id: teamId }, query: { status: 'approved', ...query } },
      signal,
    }),
  );

/** Issue #16 p5: the resource list by keyset (active first, then region, name). */
export const pageResources = (filter: ListFilter & Paging, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/resources/page', { params: { query: filter }, signal }));
export const createResource = (body: NewResource, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/vs/resources', { body, ...idempotent(idempotencyKey) }));
export const updateResource = (id: string, body: BodyOf<'/api/v1/vs/resources/{id}', 'patch'>) =>
  must(apiClient.PATCH('/api/v1/vs/resources/{id}', { ...byId(id), body }));

/** Issue #16 p5: the project list by keyset (active first, then region, name). */
export const pageProjects = (filter: ListFilter & Paging, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/projects/page', { params: { query: filter }, signal }));
export const createProject = (body: NewProject, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/vs/projects', { body, ...idempotent(idempotencyKey) }));
export const updateProject = (id: string, body: BodyOf<'/api/v1/vs/projects/{id}', 'patch'>) =>
  must(apiClient.PATCH('/api/v1/vs/projects/{id}', { ...byId(id), body }));
/** Issue #15: claim the record staff registered with my (verified) phone. */
export const claimMyVolunteer = () => must(apiClient.POST('/api/v1/volunteers/me/claim'));
