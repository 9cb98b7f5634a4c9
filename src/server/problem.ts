/**
 * Errors as RFC 9457 problem details: a stable machine-readable `code`, an HTTP status and a
 * readable message in zh-CN or en (by Accept-Language).
 */

export type Locale = 'zh-CN' | 'en';

interface ProblemSpec {
  status: number;
  zh: string;
  en: string;
}

export const PROBLEMS = {
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
  CROSS_SITE_REQUEST: { status: 403, zh: '拒绝跨站请求', en: 'Cross-site request refused' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  LOGIN_RATE_LIMITED: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed logins; try again later',
  },
  WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '新密码至少 10 位，且须与旧密码不同',
    en: 'The new password needs at least 10 characters and must differ from the old one',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'That username is taken' },
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
  ID_NUMBER_FORMAT: {
    status: 400,
    zh: '身份证号应为 18 位，末位可为 X',
    en: 'An ID number has 18 characters; the last may be X',
  },
  ID_NUMBER_CHECK_DIGIT: {
    status: 400,
    zh: '身份证号校验位不正确',
    en: 'The ID number check digit is wrong',
  },
  ID_NUMBER_BIRTH_DATE: {
    status: 400,
    zh: '身份证号中的出生日期不合理',
    en: 'The birth date in the ID number is not plausible',
  },
  RESIDENT_EXISTS: {
    status: 409,
    zh: '该身份证号的居民已登记',
    en: 'A resident with this ID number is already registered',
  },
  RESIDENT_REGISTERED_ELSEWHERE: {
    status: 409,
    zh: '该居民已在其他乡镇登记；如已迁入本镇，请联系区政务服务中心办理户籍地变更',
    en: 'This person is registered in another town; if they moved here, ask the district centre to change their home region',
  },
  RESIDENT_NOT_FOUND: { status: 404, zh: '未找到该居民', en: 'No resident found' },
  UNKNOWN_REGION: { status: 400, zh: '区划代码不存在', en: 'Unknown region code' },
  REGION_NOT_VILLAGE: {
    status: 400,
    zh: '户籍地须为村/社区一级区划',
    en: 'The home region must be a village or community',
  },
  REGION_EXISTS: { status: 409, zh: '该区划代码已存在', en: 'That region code already exists' },
  REGION_INVALID: { status: 400, zh: '区划数据无效', en: 'Invalid region data' },
  UNKNOWN_STATION: { status: 400, zh: '服务站不存在', en: 'Unknown station' },
  STATION_CODE_TAKEN: { status: 409, zh: '服务站编码已被使用', en: 'That station code is taken' },
  STATION_KIND_MISMATCH: {
    status: 400,
    zh: '服务站类型与所在区划级别不符',
    en: 'The station kind does not fit the region level',
  },
  UNKNOWN_ROLE: { status: 400, zh: '未知角色', en: 'Unknown role' },
  INTERNAL: { status: 500, zh: '服务器内部错误，已记录', en: 'Internal error; it has been logged' },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ProblemCode,
    opts: { detail?: string; errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(PROBLEMS[code].en);
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
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
}

export function problemBody(err: AppError, locale: Locale, requestId?: string): ProblemBody {
  const spec = PROBLEMS[err.code];
  return {
    type: `https://doorstep.invalid/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
    title: locale === 'en' ? spec.en : spec.zh,
    status: err.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(err.errors ? { errors: err.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
