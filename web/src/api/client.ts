/**
 * The typed API client: openapi-fetch over the generated contract (issue #12), JSON in, JSON out,
 * problem+json turned into an ApiError. The session is an httpOnly cookie, so every call goes with
 * credentials 'same-origin'; Accept-Language follows the UI so problem titles come back in it.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi';

export interface FieldProblem {
  path: string;
  message: string;
}

/** Codes the client itself produces when there is no problem+json body to read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'HTTP_ERROR';

export class ApiError extends Error {
  readonly status: number;
  /** The server's stable code (e.g. RESIDENT_NOT_FOUND) or a ClientErrorCode. */
  readonly code: string;
  /** Localized by the server from Accept-Language; empty for client-side errors. */
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /**
   * The problem's extension members (RFC 9457): everything in the body besides the standard ones,
   * e.g. COMPETENCE_REQUIRED's `competentColleagues` and `suggestedHandoff`. Empty when none.
   */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    errors?: FieldProblem[] | undefined;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
    extensions?: Record<string, unknown> | undefined;
  }) {
    super(init.title || init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extensions = init.extensions ?? {};
  }
}

/** Members every problem body has; the rest are extensions. */
const STANDARD_PROBLEM_MEMBERS = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'errors',
  'requestId',
]);

function problemExtensions(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(([key]) => !STANDARD_PROBLEM_MEMBERS.has(key)),
  );
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when any request answers 401 UNAUTHENTICATED (e.g. the session expired). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

let currentLanguage = 'zh-CN';

/** The UI language, sent as Accept-Language so problem titles come back in it. */
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export const API_BASE = '/api/v1';

function buildUrl(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    path: typeof e.path === 'string' ? e.path : '',
    message: typeof e.message === 'string' ? e.message : '',
  }));
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return problemToApiError(response, body);
}

/** The ApiError for a refusal whose body (problem+json, or anything else) was already read. */
export function problemToApiError(response: Response, body: unknown): ApiError {
  const retryHeader = response.headers.get('retry-after');
  const retryAfterSeconds =
    retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  if (isRecord(body) && typeof body.code === 'string') {
    return new ApiError({
      status: response.status,
      code: body.code,
      title: typeof body.title === 'string' ? body.title : '',
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors: readFieldProblems(body.errors),
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
      retryAfterSeconds,
      extensions: problemExtensions(body),
    });
  }
  return new ApiError({
    status: response.status,
    code: 'HTTP_ERROR',
    title: '',
    retryAfterSeconds,
  });
}

/** Calls the API; resolves with the parsed JSON (undefined for 204) or rejects with an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage,
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
  }
  if (!response.ok) throw announce(await toApiError(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Tells the listeners when the session is gone; returns the error to throw. */
function announce(error: ApiError): ApiError {
  if (error.status === 401 && error.code === 'UNAUTHENTICATED') {
    for (const listener of unauthenticatedListeners) listener(error);
  }
  return error;
}

/** Query strings as api() writes them: undefined, null and '' are left out. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      params.set(key, String(value));
    else params.set(key, JSON.stringify(value));
  }
  return params.toString();
}

const acceptHeaders: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    request.headers.set('Accept-Language', currentLanguage);
    return request;
  },
};

/** The typed client: paths, parameters, bodies and answers checked against the contract. */
export const apiClient = createClient<paths>({
  // A full URL: openapi-fetch builds a Request, which needs one outside a page (tests).
  baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
  credentials: 'same-origin',
  querySerializer: serializeQuery,
  // Looked up on each call, so a test (or a service worker shim) may replace fetch.
  fetch: (request) => fetch(request),
});
apiClient.use(acceptHeaders);

/**
 * Awaits an apiClient call: its data, or an ApiError (NETWORK_ERROR when the network is cut,
 * the server's problem+json otherwise). An aborted call rejects with the AbortError as before.
 */
export async function must<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
  }
  if (!result.response.ok) throw announce(problemToApiError(result.response, result.error));
  return result.data as T;
}

/** The Idempotency-Key header of a creating POST. */
export const idempotent = (key: string) => ({ headers: { 'Idempotency-Key': key } });
