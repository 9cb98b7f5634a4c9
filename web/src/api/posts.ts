import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/** GS-11 AB posts (src/modules/posts): posts, absences, the coverage calendar. */
export type Post = Item<Answer<'/api/v1/posts'>>;
export type Absence = Item<Answer<'/api/v1/posts/absences'>>;
export type Coverage = Answer<'/api/v1/posts/coverage'>;
export type NewPost = BodyOf<'/api/v1/posts'>;
export type NewAbsence = BodyOf<'/api/v1/posts/absences'>;
export type AbsenceKind = NewAbsence['kind'];
/** The query as sent: no station means every station in reach. */
function paged(query: {
  stationId?: string | undefined;
  limit: number;
  after?: string | undefined;
}) {
  return {
    limit: query.limit,
    ...(query.stationId ? { stationId: query.stationId } : {}),
    ...(query.after !== undefined ? { after: query.after } : {}),
  };
}
export const ABSENCE_KINDS = [
  'planned_leave',
  'absent_today',
  'training',
  'other',
] as const satisfies readonly AbsenceKind[];

/** Every post in reach, for the hand-off dialog's picker (posts are a few per station). */
export const listPosts = (stationId: string | undefined, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/posts', { params: { query: stationId ? { stationId } : {} }, signal }),
  );
/** Issue #16 p5: the posts (of one station, or in reach) by keyset — `after` is the previous page's nextCursor. */
export const pagePosts = (
  query: { stationId?: string | undefined; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/posts/page', { params: { query: paged(query) }, signal }));
export const createPost = (body: NewPost, key: string) =>
  must(apiClient.POST('/api/v1/posts', { body, ...idempotent(key) }));
export const listCandidates = (stationId: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/posts/candidates', { params: { query: { stationId } }, signal }));
/** Issue #16 p5: the absences by keyset — `after` is the previous page's nextCursor. */
export const pageAbsences = (
  query: { stationId?: string | undefined; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(apiClient.GET('/api/v1/posts/absences/page', { params: { query: paged(query) }, signal }));
export const recordAbsence = (body: NewAbsence, key: string) =>
  must(apiClient.POST('/api/v1/posts/absences', { body, ...idempotent(key) }));
export const cancelAbsence = (id: string) =>
  must(apiClient.POST('/api/v1/posts/absences/{id}/cancel', { params: { path: { id } } }));
/** `from` omitted: this week (the server's clock, China time). */
export const getCoverage = (stationId: string, from: string | undefined, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/posts/coverage', {
      params: { query: { stationId, days: 7, ...(from ? { from } : {}) } },
      signal,
    }),
  );
