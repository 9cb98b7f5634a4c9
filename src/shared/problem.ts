/**
 * Errors as RFC 9457 problem details: a stable machine-readable `code`, an HTTP status and a
 * readable message in zh-CN or en (by Accept-Language).
 *
 * The kernel knows only the cross-cutting codes (CORE_PROBLEMS). Each module owns its codes in its
 * `<module>.problems.ts`, adds their type to `ProblemTables` by declaration merging, and the
 * composition root (server/problem-tables.ts) registers every table once at start-up.
 */

export type Locale = 'zh-CN' | 'en';

export interface ProblemSpec {
  status: number;
  zh: string;
  en: string;
}

export const CORE_PROBLEMS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容不符合要求', en: 'The request is not valid' },
  MALFORMED_JSON: {
    status: 400,
    zh: '请求正文不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '请以 application/json 提交',
    en: 'Send the body as application/json',
  },
  BODY_TOO_LARGE: { status: 413, zh: '请求正文过大', en: 'The request body is too large' },
  NOT_FOUND: { status: 404, zh: '找不到该资源', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '没有这个接口', en: 'No such endpoint' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first' },
  FORBIDDEN: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  OUT_OF_SCOPE: {
    status: 403,
    zh: '该记录不在您的管辖范围内',
    en: 'This record is outside your scope',
  },
  REFERENCE_DATA_OUT_OF_SCOPE: {
    status: 403,
    zh: '该共享数据也被您管辖范围以外的地区使用，只有管辖范围覆盖全部使用方的管理员可以修改',
    en: 'This shared reference data is also used outside your scope; only an administrator whose scope covers everyone who uses it may change it',
  },
  CROSS_SITE_REQUEST: { status: 403, zh: '拒绝跨站请求', en: 'Cross-site request refused' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该幂等键已用于不同的请求内容',
    en: 'This Idempotency-Key was used with a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同请求正在处理中，请稍后重试',
    en: 'The same request is still being processed; retry shortly',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    zh: '幂等键格式无效（1–200 个可见字符）',
    en: 'Idempotency-Key must be 1–200 visible characters',
  },
  IDEMPOTENCY_KEY_COMMITTED: {
    status: 409,
    zh: '使用该幂等键的请求已办理完成，但原答复已丢失；请按 resource 查看已创建的记录，勿重复提交',
    en: 'The request with this Idempotency-Key was carried out but its answer was lost; see `resource` for what it created and do not submit again',
  },
  IDEMPOTENCY_CLAIM_LOST: {
    status: 409,
    zh: '该请求处理超时，幂等键已交由重试请求处理；本次未作任何更改',
    en: 'This request took too long and its Idempotency-Key passed to a retry; nothing was changed',
  },
  CURSOR_INVALID: {
    status: 400,
    zh: '翻页标记无效，请从第一页重新查询',
    en: 'That page cursor is not valid; start again from the first page',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法访问，请稍后重试',
    en: 'The database is unavailable; try again shortly',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误，已记录', en: 'Internal error; it has been logged' },
} as const satisfies Record<string, ProblemSpec>;

/**
 * Every module's table by name. A module adds its own with
 * `declare module './problem.ts' { interface ProblemTables { cases: typeof CASE_PROBLEMS } }`.
 */
export interface ProblemTables {
  core: typeof CORE_PROBLEMS;
}

/** Any code of any registered table. */
export type ProblemCode = {
  [T in keyof ProblemTables]: keyof ProblemTables[T] & string;
}[keyof ProblemTables];

const registry = new Map<string, ProblemSpec>();

/**
 * Adds a module's codes. A code already taken by another table is a programming error, unless the
 * caller names it in `replaces` (a known duplicate, listed where the tables are assembled).
 */
export function registerProblems(
  table: Readonly<Record<string, ProblemSpec>>,
  opts: { replaces?: readonly string[] } = {},
): void {
  for (const [code, spec] of Object.entries(table)) {
    const known = registry.get(code);
    if (known && known !== spec && !opts.replaces?.includes(code))
      throw new Error(`problem code ${code} is defined twice`);
    registry.set(code, spec);
  }
}

registerProblems(CORE_PROBLEMS);

/** The status and titles of a code; throws for a code whose module table was never registered. */
export function problemSpec(code: ProblemCode): ProblemSpec {
  const spec = registry.get(code);
  if (!spec) throw new Error(`problem code ${code} is not registered (server/problem-tables.ts)`);
  return spec;
}

/** Whether a code is registered (for the start-up check and tests). */
export function isRegisteredProblem(code: string): boolean {
  return registry.has(code);
}

export interface FieldError {
  path: string;
  message: string;
  /** For schema validation: the rule that failed (zod's issue code, e.g. too_small). */
  code?: string;
}

export class AppError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The detail in words per locale (wins over `detail` when given). */
  readonly detailText: { zh: string; en: string } | undefined;
  /** Extra machine-readable members of the problem body (RFC 9457 extensions). */
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    code: ProblemCode,
    opts: {
      detail?: string;
      errors?: FieldError[];
      retryAfterSeconds?: number;
      detailText?: { zh: string; en: string };
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    const spec = problemSpec(code);
    super(spec.en);
    this.code = code;
    this.status = spec.status;
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.detailText = opts.detailText;
    this.extensions = opts.extensions;
  }
}

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export function problemBody(err: AppError, locale: Locale, requestId?: string): ProblemBody {
  const spec = problemSpec(err.code);
  const detail = err.detailText
    ? locale === 'en'
      ? err.detailText.en
      : err.detailText.zh
    : err.detail;
  return {
    ...err.extensions,
    type: `https://doorstep.invalid/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
    title: locale === 'en' ? spec.en : spec.zh,
    status: err.status,
    code: err.code,
    ...(detail ? { detail } : {}),
    ...(err.errors ? { errors: err.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
