import { api, API_BASE, ApiError } from './client';
import type {
  CaseBox,
  CaseScan,
  CaseState,
  CaseView,
  CatalogItem,
  CatalogItemSummary,
  NewCase,
  StationFigures,
  TrackView,
  TransitionRequest,
} from './case-types';
import type { AuditEvent } from './types';

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const caseUrl = (id: string) => `/cases/${encodeURIComponent(id)}`;

/** Files a case at the window (GS-3, GS-5); the key makes a double click file it once. */
export const fileCase = (body: NewCase, idempotencyKey: string) =>
  api<CaseView>('/cases', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

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
  offset: number;
}

export const listCases = (query: CaseListQuery, signal?: AbortSignal) =>
  api<CaseView[]>('/cases', {
    query: { ...query, overdue: query.overdue === undefined ? undefined : String(query.overdue) },
    ...withSignal(signal),
  });

/** The supervisor's lists as one Excel file (overdue cases, pending hand-offs, figures). */
/** The supervisor's workbook in the reader's language (headers, sheet names and words). */
export const supervisionXlsxUrl = (language: string) =>
  `${API_BASE}/cases/supervision.xlsx?lang=${language.startsWith('en') ? 'en' : 'zh-CN'}`;

export const fetchCase = (id: string, signal?: AbortSignal) =>
  api<CaseView>(caseUrl(id), withSignal(signal));

export const transitionCase = (id: string, body: TransitionRequest) =>
  api<CaseView>(`${caseUrl(id)}/transitions`, { method: 'POST', body });

/** Per accepting station in the caller's reach: filed, open, overdue, 通办, second requests. */
export const fetchCaseFigures = (signal?: AbortSignal) =>
  api<StationFigures[]>('/cases/figures', withSignal(signal));

/** The case's audit events, newest first (only admin and supervisor may read the audit log). */
export const fetchCaseEvents = (id: string, signal?: AbortSignal) =>
  api<AuditEvent[]>('/audit/events', {
    query: { entityType: 'case', entityId: id, limit: 100 },
    ...withSignal(signal),
  });

/** The printable PDFs the server renders; plain links, opened in a new tab. */
export const receiptPdfUrl = (id: string) => `${API_BASE}${caseUrl(id)}/receipt.pdf`;
export const noticePdfUrl = (id: string) => `${API_BASE}${caseUrl(id)}/notice.pdf`;

/** Public tracking (GS-9): no login. */
/** Public tracking: the case number and the 查询码 printed on the receipt. */
export const trackCase = (number: string, code: string) =>
  api<TrackView>('/track', { query: { number, code } });

/** Searches Chinese, English, full pinyin and pinyin initials ("sbk" finds 社保卡补办). */
export const searchCatalog = (q: string, signal?: AbortSignal) =>
  api<{ total: number; items: CatalogItemSummary[] }>('/catalog/items', {
    query: { q: q.trim() || undefined, limit: 30 },
    ...withSignal(signal),
  });

/** The current version of an item, or the one a case was filed under. */
export const fetchCatalogItem = (code: string, version?: number, signal?: AbortSignal) =>
  api<CatalogItem>(
    version === undefined
      ? `/catalog/items/${encodeURIComponent(code)}`
      : `/catalog/items/${encodeURIComponent(code)}/versions/${version}`,
    withSignal(signal),
  );

export const listScans = (caseId: string, signal?: AbortSignal) =>
  api<CaseScan[]>(`${caseUrl(caseId)}/attachments`, withSignal(signal));

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
