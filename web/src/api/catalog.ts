import { api, API_BASE, ApiError, apiClient, idempotent, must, type FieldProblem } from './client';
import type {
  CatalogCategory,
  CatalogFileFormat,
  CatalogImportResult,
  CatalogItem,
  CatalogTier,
} from './catalog-types';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface CatalogQuery {
  q?: string | undefined;
  category?: CatalogCategory | undefined;
  tier?: CatalogTier | undefined;
  town?: string | undefined;
  limit: number;
  offset: number;
}

export const listCatalog = (query: CatalogQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/catalog/items', { params: { query }, signal }));

export const fetchCatalogItem = (code: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/catalog/items/{code}', { params: { path: { code } }, signal }));

/** One version: what a case filed under it uses. */
export const fetchCatalogVersion = (code: string, version: number, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/catalog/items/{code}/versions/{version}', {
      params: { path: { code, version } },
      signal,
    }),
  );

/** A shared item, or with a town that town's own item (issue #15 point 9). */
export const createCatalogItem = (item: CatalogItem, idempotencyKey: string, town?: string) =>
  must(
    apiClient.POST('/api/v1/catalog/items', {
      params: { query: { town } },
      body: item,
      ...idempotent(idempotencyKey),
    }),
  );

/** A new version (the same version again when nothing changed). */
export const updateCatalogItem = (item: CatalogItem) =>
  must(
    apiClient.PUT('/api/v1/catalog/items/{code}', {
      params: { path: { code: item.code } },
      body: item,
    }),
  );

export const importCatalogJson = (items: unknown[], town?: string) =>
  // The import route reads JSON or .xlsx itself: no body schema, so it goes through api().
  api<CatalogImportResult>('/catalog/import', {
    method: 'POST',
    query: town ? { format: 'json', town } : { format: 'json' },
    body: { items },
  });

// --- Binary bodies: the export download and the .xlsx upload (api() speaks JSON only) ---

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    path: typeof e.path === 'string' ? e.path : '',
    message: typeof e.message === 'string' ? e.message : '',
  }));
}

/** The same ApiError api() makes, for the calls that do not go through it. */
async function errorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isRecord(body) && typeof body.code === 'string')
    return new ApiError({
      status: response.status,
      code: body.code,
      title: typeof body.title === 'string' ? body.title : '',
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors: fieldProblems(body.errors),
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    });
  return new ApiError({ status: response.status, code: 'HTTP_ERROR', title: '' });
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', document.documentElement.lang || 'zh-CN');
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${url}`, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** The filename in a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(disposition);
  return plain?.[1] ?? plain?.[2] ?? fallback;
}

export interface DownloadedFile {
  filename: string;
  blob: Blob;
}

/**
 * The current version of every shared item as JSON or Excel; with a town, its 实施清单 (the shared
 * items and the town's own, issue #15 point 9).
 */
export async function exportCatalog(
  format: CatalogFileFormat,
  town?: string,
): Promise<DownloadedFile> {
  const which = town ? `&town=${encodeURIComponent(town)}` : '';
  const response = await send(`/catalog/export?format=${format}${which}`, {
    headers: { Accept: format === 'xlsx' ? XLSX_CONTENT_TYPE : 'application/json' },
  });
  return {
    filename: filenameOf(response.headers.get('content-disposition'), `doorstep-catalog.${format}`),
    blob: await response.blob(),
  };
}

/** Imports an Excel workbook as it is: the raw bytes with the .xlsx content type. */
export async function importCatalogXlsx(
  bytes: ArrayBuffer,
  town?: string,
): Promise<CatalogImportResult> {
  const which = town ? `&town=${encodeURIComponent(town)}` : '';
  const response = await send(`/catalog/import?format=xlsx${which}`, {
    method: 'POST',
    headers: { 'Content-Type': XLSX_CONTENT_TYPE, Accept: 'application/json' },
    body: bytes,
  });
  return (await response.json()) as CatalogImportResult;
}
