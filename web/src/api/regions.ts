import { apiClient, must } from './client';
import type { Region, RegionDetail, StationKind } from './types';

/** Region data changes rarely: keep each answer for the life of the page. */
const childrenCache = new Map<string, Promise<Region[]>>();
const detailCache = new Map<string, Promise<RegionDetail>>();

function cached<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = load();
  cache.set(key, promise);
  promise.catch(() => cache.delete(key));
  return promise;
}

/** Children of a region; the top level when parent is null. */
export const fetchRegionChildren = (parent: string | null) =>
  cached(childrenCache, parent ?? '', () =>
    must(apiClient.GET('/api/v1/regions', { params: { query: { parent: parent ?? undefined } } })),
  );

/** A region's ancestors (root first) and its children. */
export const fetchRegion = (code: string) =>
  cached(detailCache, code, () =>
    must(apiClient.GET('/api/v1/regions/{code}', { params: { path: { code } } })),
  );

export interface StationQuery {
  regionCode?: string | undefined;
  kind?: StationKind | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export const fetchStations = (query: StationQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/stations', { params: { query }, signal }));

/** Issue #16 p5: the same list by keyset — `after` is the previous page's nextCursor. */
export const pageStations = (
  query: Omit<StationQuery, 'offset'> & { after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/stations/page', { params: { query }, signal }));
