import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/**
 * Problem codes of Open311 GeoReport v2 (issue #15 point 7, X-9). On /open311/v2 they are answered
 * in Open311's error envelope (open311-format.ts); on the staff API (/api/v1/open311/keys) as
 * problem+json like every other module.
 */
export const OPEN311_PROBLEMS = {
  OPEN311_JURISDICTION_REQUIRED: {
    status: 400,
    zh: '请提供 jurisdiction_id（所属乡镇的区划代码）',
    en: 'jurisdiction_id (the town’s region code) is required',
  },
  OPEN311_JURISDICTION_NOT_FOUND: {
    status: 404,
    zh: '没有该辖区（jurisdiction_id 须为乡镇级区划代码）',
    en: 'No such jurisdiction (jurisdiction_id must be a town’s region code)',
  },
  OPEN311_SERVICE_NOT_FOUND: {
    status: 404,
    zh: '本辖区没有该服务（service_code）',
    en: 'No such service (service_code) in this jurisdiction',
  },
  OPEN311_REQUEST_NOT_FOUND: {
    status: 404,
    zh: '没有该服务请求',
    en: 'No such service request',
  },
  OPEN311_FORMAT_UNKNOWN: {
    status: 404,
    zh: '请以 .json 或 .xml 结尾请求',
    en: 'End the path with .json or .xml',
  },
  OPEN311_API_KEY_INVALID: {
    status: 403,
    zh: 'api_key 无效或已停用',
    en: 'The api_key is not valid or has been revoked',
  },
  OPEN311_API_KEY_OTHER_JURISDICTION: {
    status: 403,
    zh: '该 api_key 只能在其所属辖区提交请求',
    en: 'This api_key may only file requests in its own jurisdiction',
  },
  OPEN311_FIELD_INVALID: {
    status: 400,
    zh: '请求字段缺失或不符合要求',
    en: 'A field of the request is missing or not valid',
  },
  OPEN311_REQUEST_IN_PROGRESS: {
    status: 409,
    zh: '相同的请求正在处理中，请稍后重试',
    en: 'The same request is still being processed; retry shortly',
  },
  OPEN311_KEY_NOT_FOUND: { status: 404, zh: '没有该 Open311 密钥', en: 'No such Open311 key' },
  OPEN311_KEY_REVOKED: {
    status: 409,
    zh: '该 Open311 密钥已停用',
    en: 'This Open311 key is already revoked',
  },
  OPEN311_ACTING_ACCOUNT_INVALID: {
    status: 422,
    zh: '受理账号须为在用的工作人员，并在该乡镇的服务站兼有咨询登记和代为点单的角色',
    en: 'The acting account must be an active staff account holding, at a station of the town, a role that records inquiries and orders on a resident’s behalf',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    open311: typeof OPEN311_PROBLEMS;
  }
}

registerProblems(OPEN311_PROBLEMS);
