import { API_BASE, apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item, QueryOf } from './contract';

/**
 * VS-8 … VS-10: records, certificates, stars and figures (src/modules/records). The shapes are
 * named from the generated API contract (issue #12); `npm run gen:api` refreshes it.
 */

export type VolunteerRecord = Answer<'/api/v1/vs/records/{volunteerId}'>;
export type StarView = VolunteerRecord['stars'];
export type ServiceLine = Item<VolunteerRecord['services']>;
export type RecordEntry = Item<VolunteerRecord['training']>;
export type CertificateSummary = Item<Answer<'/api/v1/vs/certificates'>>;
export type CertificateView = Answer<'/api/v1/vs/certificates/{id}'>;
export type CertificateSnapshot = Answer<'/api/v1/vs/certificates/preview'>;
export type Candidate = Item<Answer<'/api/v1/vs/certificates/candidates'>>;
export type VerifyView = Answer<'/api/v1/public/certificates/{number}'>;
export type Figures = Answer<'/api/v1/vs/figures'>;
export type FigureBlock = Item<Figures['children']>;

export const myRecord = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/me/record', { signal }));

export const volunteerRecord = (volunteerId: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/records/{volunteerId}', {
      params: { path: { volunteerId } },
      signal,
    }),
  );

export const addRecordEntry = (
  volunteerId: string,
  body: BodyOf<'/api/v1/vs/records/{volunteerId}/entries'>,
) =>
  must(
    apiClient.POST('/api/v1/vs/records/{volunteerId}/entries', {
      params: { path: { volunteerId } },
      body,
    }),
  );

/** Issue #16 p5: the certificate candidates by keyset (name, then volunteer and team). */
export const pageCertificateCandidates = (
  query: { q?: string | undefined; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/vs/certificates/candidates/page', { params: { query }, signal }));

export const previewCertificate = (volunteerId: string, teamId: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/certificates/preview', {
      params: { query: { volunteerId, teamId } },
      signal,
    }),
  );

export const issueCertificate = (volunteerId: string, teamId: string, idempotencyKey: string) =>
  must(
    apiClient.POST('/api/v1/vs/certificates', {
      body: { volunteerId, teamId },
      ...idempotent(idempotencyKey),
    }),
  );

/** Issue #16 p5: the certificates by keyset — `after` is the previous page's nextCursor. */
export const pageCertificates = (after: string | undefined, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/vs/certificates/page', {
      params: { query: { limit: 20, after } },
      signal,
    }),
  );

export const revokeCertificate = (id: string, reason: string) =>
  must(
    apiClient.POST('/api/v1/vs/certificates/{id}/revoke', {
      params: { path: { id } },
      body: { reason },
    }),
  );

export const certificatePdfUrl = (id: string) =>
  `${API_BASE}/vs/certificates/${id}/certificate.pdf`;

export const verifyCertificate = (number: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/public/certificates/{number}', {
      params: { path: { number } },
      signal,
    }),
  );

export const regionFigures = (query: QueryOf<'/api/v1/vs/figures'>, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/figures', { params: { query }, signal }));
