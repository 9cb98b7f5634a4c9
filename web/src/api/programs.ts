import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/**
 * CP-1/CP-2 community programs for the organiser's pages (src/modules/programs). The shapes are
 * named from the generated API contract (issue #13).
 */
export type Program = Answer<'/api/v1/programs/{id}'>;
export type ProgramClass = Item<Program['classes']>;
export type NewProgram = BodyOf<'/api/v1/programs'>;
export type NewClass = Item<NewProgram['classes']>;
export type ProgramKind = Program['kind'];
export type Enrolment = Item<Answer<'/api/v1/programs/classes/{id}/enrolments'>>;
export type EnrolmentStatus = Enrolment['status'];
export type PriorityGroup = Item<Enrolment['priorityGroups']>['group'];
/** What the caller may do now (the server's enrolment.workflow.ts): show these buttons only. */
export type EnrolmentAction = Item<Enrolment['availableActions']>;

export const PROGRAM_KINDS = [
  'summer_care',
  'lecture',
  'training',
  'event',
] as const satisfies readonly ProgramKind[];

const byId = (id: string) => ({ params: { path: { id } } });

/** The organiser's home: the classes of my first 200 programs, summed up (not a list page). */
export const listManagedPrograms = (signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/programs', {
      params: { query: { view: 'managed', limit: 200 } },
      signal,
    }),
  );
/** Issue #16 p5: the programs I manage by keyset — `after` is the previous page's nextCursor. */
export const pageManagedPrograms = (
  query: { limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/programs/page', {
      params: { query: { view: 'managed', ...query } },
      signal,
    }),
  );
export const getProgram = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/programs/{id}', { ...byId(id), signal }));
export const createProgram = (body: NewProgram, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/programs', { body, ...idempotent(idempotencyKey) }));
export const classEnrolments = (classId: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/programs/classes/{id}/enrolments', { ...byId(classId), signal }));
export const withdrawEnrolment = (id: string, reason: string | undefined, idempotencyKey: string) =>
  must(
    apiClient.POST('/api/v1/programs/enrolments/{id}/withdraw', {
      ...byId(id),
      body: reason ? { reason } : {},
      ...idempotent(idempotencyKey),
    }),
  );

/** CP-1: the 小区 a community lists (default: my own region), in the organiser's order. */
export type NeighbourhoodList = Answer<'/api/v1/programs/neighbourhoods'>;
export type NeighbourhoodsBody = BodyOf<'/api/v1/programs/neighbourhoods/{regionCode}', 'put'>;
export const listNeighbourhoods = (regionCode: string | undefined, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/programs/neighbourhoods', {
      params: { query: regionCode ? { regionCode } : {} },
      signal,
    }),
  );
/** Replaces the list; a rename names the old and the new name (children and catchments follow). */
export const saveNeighbourhoods = (regionCode: string, body: NeighbourhoodsBody) =>
  must(
    apiClient.PUT('/api/v1/programs/neighbourhoods/{regionCode}', {
      params: { path: { regionCode } },
      body,
    }),
  );
