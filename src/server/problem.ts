/**
 * Errors as RFC 9457 problem details: a stable machine-readable `code`, an HTTP status and a
 * readable message in zh-CN or en (by Accept-Language).
 */

import { ACTIVITY_PROBLEMS } from '../modules/activities/activities.problems.ts';
import { AGENT_PROBLEMS } from '../modules/agents/agents.problems.ts';
import { AUTH_PROBLEMS } from '../modules/auth/auth.problems.ts';
import { DOCUMENT_PROBLEMS } from '../modules/documents/document.problems.ts';
import { FIRST_RESPONSE_PROBLEMS } from '../modules/first-response/first-response.problems.ts';
import { ORDER_PROBLEMS } from '../modules/orders/orders.problems.ts';
import { VOLUNTEERS_PROBLEMS } from '../modules/volunteers/volunteers.problems.ts';
import { PROGRAM_PROBLEMS } from '../modules/programs/programs.problems.ts';
import { RECORDS_PROBLEMS } from '../modules/records/records.problems.ts';

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
  REFERENCE_DATA_OUT_OF_SCOPE: {
    status: 403,
    zh: '该共享数据也被您管辖范围以外的地区使用，只有管辖范围覆盖全部使用方的管理员可以修改',
    en: 'This shared reference data is also used outside your scope; only an administrator whose scope covers everyone who uses it may change it',
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
    zh: '密码至少 12 位，且新密码须与旧密码不同',
    en: 'A password needs at least 12 characters, and a new one must differ from the old one',
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
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法访问，请稍后重试',
    en: 'The database is unavailable; try again shortly',
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
  CALENDAR_OVERRIDE_NOT_FOUND: {
    status: 404,
    zh: '该日期没有调整记录',
    en: 'No working-day override for that date',
  },
  CALENDAR_RANGE_TOO_LONG: {
    status: 400,
    zh: '日期范围最长 366 天',
    en: 'The date range may span at most 366 days',
  },
  CALENDAR_RANGE_REVERSED: {
    status: 400,
    zh: '结束日期不能早于开始日期',
    en: 'The end date is before the start date',
  },
  CALENDAR_YEAR_OFFICIAL: {
    status: 409,
    zh: '该年度节假日已有官方数据，不能另行录入通知；个别日期请用单日调整',
    en: 'That year is covered by the official data; use single-date overrides for local changes',
  },
  CALENDAR_NOTICE_INVALID: {
    status: 400,
    zh: '节假日通知的日期表有误',
    en: 'The notice’s table of days is invalid',
  },
  CALENDAR_NOTICE_NOT_FOUND: {
    status: 404,
    zh: '该年度尚未录入节假日通知',
    en: 'No holiday notice entered for that year',
  },
  CATALOG_ITEM_NOT_FOUND: { status: 404, zh: '没有该服务事项', en: 'No such service item' },
  CATALOG_NOT_SERVED_HERE: {
    status: 404,
    zh: '您所在的镇街尚未开通此办事目录',
    en: 'This service catalog is not used in your town',
  },
  CATALOG_VERSION_NOT_FOUND: {
    status: 404,
    zh: '该服务事项没有这个版本',
    en: 'The service item has no such version',
  },
  CATALOG_ITEM_EXISTS: {
    status: 409,
    zh: '该事项编码已存在，请修改事项（生成新版本）',
    en: 'That item code exists; update the item to make a new version',
  },
  CATALOG_ITEM_CHANGED: {
    status: 409,
    zh: '该事项刚被他人修改，请刷新后重试',
    en: 'Someone else just changed this item; reload and try again',
  },
  CATALOG_IMPORT_REFUSED: {
    status: 422,
    zh: '导入未执行：以下行有误，请全部改正后重新导入',
    en: 'Nothing was imported: correct every row listed and import again',
  },
  CATALOG_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，请上传 .xlsx 格式的事项清单',
    en: 'The file cannot be read; upload the catalog as .xlsx',
  },
  CASE_NOT_FOUND: { status: 404, zh: '没有该办件', en: 'No such case' },
  CASE_OUTSIDE_SCOPE: {
    status: 403,
    zh: '该事项不能在本站为该居民办理，请到其户籍所在范围内的服务站办理',
    en: 'This item cannot be filed here for this resident; file it at a station within the scope named in the detail',
  },
  STATION_REQUIRED: {
    status: 400,
    zh: '请指明受理服务站（您在多个服务站任职，或当前身份不在服务站）',
    en: 'Name the accepting station (you work at several stations, or at none)',
  },
  UNKNOWN_MATERIAL: {
    status: 400,
    zh: '材料不在该事项的材料清单中',
    en: 'That material is not on the item’s list',
  },
  CASE_INVALID_TRANSITION: {
    status: 409,
    zh: '办件当前状态下不能执行此操作',
    en: 'This action is not possible in the case’s current state',
  },
  CASE_NOT_PARTY: {
    status: 403,
    zh: '您不是该办件此环节的经办方',
    en: 'You are not on the side of the case that takes this step',
  },
  CASE_CHANGED: {
    status: 409,
    zh: '办件已被他人处理，请刷新后重试',
    en: 'Someone else changed this case; reload and try again',
  },
  CASE_REASON_REQUIRED: { status: 400, zh: '此操作须填写理由', en: 'This action needs a reason' },
  CASE_RESULT_REQUIRED: {
    status: 400,
    zh: '办结须选择结果（准予/不予）并填写结果说明',
    en: 'A decision needs a result (approved / not approved) and its text',
  },
  CASE_MATERIALS_INCOMPLETE: {
    status: 400,
    zh: '仍缺少必需材料，请对照一次性告知书',
    en: 'Required materials are still missing; see the one-time notice',
  },
  CASE_NOT_ROUTED_ITEM: {
    status: 400,
    zh: '该事项在服务站即办，无需报送',
    en: 'This item is decided at the station; there is nothing to route',
  },
  CASE_POSTAL_ADDRESS_REQUIRED: {
    status: 400,
    zh: '邮寄送达须填写邮寄地址',
    en: 'Delivery by post needs a postal address',
  },
  CASE_NOT_AT_DECIDING_UNIT: {
    status: 409,
    zh: '办件尚未报送至决定单位',
    en: 'The case has not reached its deciding unit yet',
  },
  DECIDING_UNIT_MISSING: {
    status: 409,
    zh: '本镇（区）尚未设置决定单位（镇中心或区中心），请联系管理员',
    en: 'No deciding unit (town or district centre) is set up; ask an administrator',
  },
  SUPPLEMENT_NOT_IN_NOTICE: {
    status: 400,
    zh: '一次性告知书和事项材料清单中没有该材料，不能要求补正',
    en: 'That material is not in the one-time notice or the item’s list; it cannot be asked for',
  },
  SUPPLEMENT_NOT_PRESENTED: {
    status: 400,
    zh: '该材料未曾提交，不能按“有缺陷”要求重交',
    en: 'That material was never presented, so it cannot be re-requested as defective',
  },
  SUPPLEMENT_REASON_REQUIRED: {
    status: 400,
    zh: '要求重交已提交的材料须写明理由（计入二次补正率）',
    en: 'Re-requesting a presented material needs a reason (it counts in the second-request rate)',
  },
  TRACKING_NOT_FOUND: {
    status: 404,
    zh: '未找到：请核对办件编号和手机号后四位',
    en: 'Not found: check the case number and the last 4 digits of the phone',
  },
  TRACKING_RATE_LIMITED: {
    status: 429,
    zh: '查询过于频繁，请稍后再试',
    en: 'Too many lookups; try again later',
  },
  ...FIRST_RESPONSE_PROBLEMS,
  ...ORDER_PROBLEMS,
  ...VOLUNTEERS_PROBLEMS,
  ...AGENT_PROBLEMS,
  ...DOCUMENT_PROBLEMS,
  ...RECORDS_PROBLEMS,
  ...ACTIVITY_PROBLEMS,
  ...AUTH_PROBLEMS,
  ...PROGRAM_PROBLEMS,
  INTERNAL: { status: 500, zh: '服务器内部错误，已记录', en: 'Internal error; it has been logged' },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;

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
    super(PROBLEMS[code].en);
    this.code = code;
    this.status = PROBLEMS[code].status;
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
  const spec = PROBLEMS[err.code];
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
