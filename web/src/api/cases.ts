import { API_BASE, ApiError, apiClient, idempotent, must } from './client';
import type { QueryOf } from './contract';
import type {
  CaseBox,
  CaseScan,
  CaseState,
  CatalogItem,
  NewCase,
  TransitionRequest,
} from './case-types';

const caseUrl = (id: string) => `/cases/${encodeURIComponent(id)}`;

/** Files a case at the window (GS-3, GS-5); the key makes a double click file it once. */
export const fileCase = (body: NewCase, idempotencyKey: string) =>
  must(apiClient.POST('/api/v1/cases', { body, ...idempotent(idempotencyKey) }));

export interface CaseListQuery {
  box: CaseBox;
  state?: CaseState | undefined;
  /** A case number or its beginning. */
  number?: string | undefined;
  /** The beginning of the applicant's name. */
  applicantName?: string | undefined;
  stationId?: string | undefined;
  overdue?: boolean | undefined;
  limit: number;
}

/**
 * Issue #16 p5: the cases list by keyset — `after` is the previous page's nextCursor; newest first,
 * or (overdue only) longest overdue first.
 */
export const pageCases = (
  query: CaseListQuery & { after?: string | undefined; order?: 'newest' | 'due' | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/cases/page', {
      params: {
        query: {
          ...query,
          overdue: query.overdue === undefined ? undefined : String(query.overdue),
        } as QueryOf<'/api/v1/cases/page'>,
      },
      signal,
    }),
  );

/** The supervisor's lists as one Excel file (overdue cases, pending hand-offs, figures). */
/** The supervisor's workbook in the reader's language (headers, sheet names and words). */
export const supervisionXlsxUrl = (language: string) =>
  `${API_BASE}/cases/supervision.xlsx?lang=${language.startsWith('en') ? 'en' : 'zh-CN'}`;

export const fetchCase = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal }));

export const transitionCase = (id: string, body: TransitionRequest) =>
  must(apiClient.POST('/api/v1/cases/{id}/transitions', { params: { path: { id } }, body }));

/** The region drill-down summed by the server: one row per district, town or station (#16). */
export const fetchCaseDrill = (
  query: { by: 'district' | 'town' | 'station'; regionCode?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/cases/figures/drill', {
      params: {
        query: { by: query.by, ...(query.regionCode ? { regionCode: query.regionCode } : {}) },
      },
      signal,
    }),
  );

/** The case's audit events, newest first (only admin and supervisor may read the audit log). */
export const fetchCaseEvents = (id: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/audit/events', {
      params: { query: { entityType: 'case', entityId: id, limit: 100 } },
      signal,
    }),
  );

/** The printable PDFs the server renders; plain links, opened in a new tab. */
export const receiptPdfUrl = (id: string) => `${API_BASE}${caseUrl(id)}/receipt.pdf`;
export const noticePdfUrl = (id: string) => `${API_BASE}${caseUrl(id)}/notice.pdf`;

/** Public tracking (GS-9): no login. */
/** Public tracking: the case number and the 查询码 printed on the receipt. */
export const trackCase = (number: string, code: string) =>
  must(apiClient.GET('/api/v1/track', { params: { query: { number, code } } }));

/** Searches Chinese, English, full pinyin and pinyin initials ("sbk" finds 社保卡补办). */
export const searchCatalog = (q: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/catalog/items', {
      params: { query: { q: q.trim() || undefined, limit: 30 } },
      signal,
    }),
  );

/** The current version of an item, or the one a case was filed under. */
export const fetchCatalogItem = (code: string, version?: number, signal?: AbortSignal) =>
  must<CatalogItem>(
    version === undefined
      ? apiClient.GET('/api/v1/catalog/items/{code}', { params: { path: { code } }, signal })
      : apiClient.GET('/api/v1/catalog/items/{code}/versions/{version}', {
          params: { path: { code, version } },
          signal,
        }),
  );

export const listScans = (caseId: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/cases/{id}/attachments', { params: { path: { id: caseId } }, signal }),
  );

/**
 * Uploads the scan of one material as the raw file (JPEG, PNG or PDF). Not JSON, so it does not
 * go through api(); a refusal still comes back as an ApiError with the server's localized title.
 */
export async function uploadScan(
  caseId: string,
  materialKey: string,
  file: File,
): Promise<CaseScan> {
  const url = `${API_BASE}${caseUrl(caseId)}/attachments?materialKey=${encodeURIComponent(materialKey)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': file.type,
        Accept: 'application/json',
        'Accept-Language': document.documentElement.lang || 'zh-CN',
      },
      body: file,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
  }
  if (response.ok) return (await response.json()) as CaseScan;
  const problem = (await response.json().catch(() => null)) as {
    code?: unknown;
    title?: unknown;
  } | null;
  throw new ApiError({
    status: response.status,
    code: typeof problem?.code === 'string' ? problem.code : 'HTTP_ERROR',
    title: typeof problem?.title === 'string' ? problem.title : '',
  });
}
