/**
 * Issue #14 point 3 (GS-10) 不打烊: the calls of the resident's online filing, on the typed client —
 * the items offered online (the catalog, pinyin search), one item's materials, the stations of its
 * 通办 scope, the filing itself (Idempotency-Key) and each material's photo (the raw image).
 */
import { apiClient, idempotent, must } from '../api/client';
import type { Answer, BodyOf } from '../api/contract';

export type OnlineItems = Answer<'/api/v1/catalog/items'>;
export type OnlineItem = Answer<'/api/v1/catalog/items/{code}'>;
export type OnlineStations = Answer<'/api/v1/cases/online/stations'>;
export type OnlineFiled = Answer<'/api/v1/cases/online', 'post'>;
export type OnlineFiling = BodyOf<'/api/v1/cases/online', 'post'>;

export const onlineItems = (q: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/catalog/items', {
      params: { query: { channel: 'online', limit: 50, ...(q ? { q } : {}) } },
      signal,
    }),
  );

export const onlineItem = (code: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/catalog/items/{code}', { params: { path: { code } }, signal }));

export const onlineStations = (itemCode: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/cases/online/stations', { params: { query: { itemCode } }, signal }));

export const fileOnline = (body: OnlineFiling, key: string) =>
  must(apiClient.POST('/api/v1/cases/online', { body, ...idempotent(key) }));

/** One photo as the raw file (not JSON): the body goes out as it is, with the image's type. */
export const uploadPhoto = (id: string, materialKey: string, file: Blob) =>
  must(
    apiClient.POST('/api/v1/cases/online/{id}/photos', {
      params: { path: { id }, query: { materialKey } },
      body: file as never,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { 'Content-Type': file.type },
    }),
  );
