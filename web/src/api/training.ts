import { API_BASE, apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, QueryOf } from './contract';

/** GS-12 training and competence (src/modules/training), named from the generated contract. */
export type TrainingSession = Answer<'/api/v1/training/sessions', 'post'>;
export type NewTrainingSession = BodyOf<'/api/v1/training/sessions'>;
export type Competence = Answer<'/api/v1/training/competences', 'post'>;
export type NewCompetence = BodyOf<'/api/v1/training/competences'>;
export type Requirement = Answer<'/api/v1/training/requirements/{itemCode}', 'put'>;
export type CompetenceQuery = Pick<
  QueryOf<'/api/v1/training/competences/page'>,
  'accountId' | 'itemCode' | 'townCode'
>;
export type TrainingFigures = Answer<'/api/v1/training/figures'>;
export type TrainingFiguresQuery = QueryOf<'/api/v1/training/figures'>;

/** Issue #16 p5: the sessions by keyset — `after` is the previous page's nextCursor. */
export const pageTrainingSessions = (
  query: { limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/training/sessions/page', { params: { query }, signal }));

export const createTrainingSession = (body: NewTrainingSession, key: string) =>
  must(apiClient.POST('/api/v1/training/sessions', { body, ...idempotent(key) }));

export const recordAttendance = (id: string, accountId: string, present: boolean, key: string) =>
  must(
    apiClient.POST('/api/v1/training/sessions/{id}/attendance', {
      params: { path: { id } },
      body: { entries: [{ accountId, present }] },
      ...idempotent(key),
    }),
  );

/** Issue #16 p5: the competences by keyset — `after` is the previous page's nextCursor. */
export const pageCompetences = (
  query: CompetenceQuery & { limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/training/competences/page', { params: { query }, signal }));

export const grantCompetence = (body: NewCompetence, key: string) =>
  must(apiClient.POST('/api/v1/training/competences', { body, ...idempotent(key) }));

export const renewCompetence = (id: string, expiresOn: string, version: number, key: string) =>
  must(
    apiClient.POST('/api/v1/training/competences/{id}/renew', {
      params: { path: { id } },
      body: { expiresOn, version },
      ...idempotent(key),
    }),
  );

export const revokeCompetence = (id: string, reason: string, version: number, key: string) =>
  must(
    apiClient.POST('/api/v1/training/competences/{id}/revoke', {
      params: { path: { id } },
      body: { reason, version },
      ...idempotent(key),
    }),
  );

export const listRequirements = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/training/requirements', { params: { query: {} }, signal }));

export const setRequirement = (itemCode: string, required: boolean) =>
  must(
    apiClient.PUT('/api/v1/training/requirements/{itemCode}', {
      params: { path: { itemCode } },
      body: { required },
    }),
  );

export const trainingFigures = (query: TrainingFiguresQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/training/figures', { params: { query }, signal }));

/** The figures as Excel in the reader's language (a plain link: the session cookie). */
export function trainingFiguresXlsxUrl(query: TrainingFiguresQuery, language: string): string {
  const q = new URLSearchParams({ from: query.from, to: query.to });
  if (query.townCode) q.set('townCode', query.townCode);
  q.set('lang', language.startsWith('en') ? 'en' : 'zh-CN');
  return `${API_BASE}/training/figures.xlsx?${q.toString()}`;
}
