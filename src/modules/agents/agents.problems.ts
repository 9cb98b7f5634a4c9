import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of 帮办代办 (GS-6): agents' authorizations. */
export const AGENT_PROBLEMS = {
  AUTHORIZATION_MISSING: {
    status: 403,
    zh: '该居民没有授权您代办，请先登记授权委托',
    en: 'The resident has not authorized you as their agent; record an authorization first',
  },
  AUTHORIZATION_EXPIRED: {
    status: 403,
    zh: '该居民对您的代办授权已过期',
    en: 'The resident’s authorization of you has expired',
  },
  AUTHORIZATION_OUT_OF_SCOPE: {
    status: 403,
    zh: '该居民的授权不包括此事项',
    en: 'The resident’s authorization does not cover this item',
  },
  AUTHORIZATION_NOT_FOUND: { status: 404, zh: '没有该授权记录', en: 'No such authorization' },
  AUTHORIZATION_REVOKED: {
    status: 409,
    zh: '该授权已撤销',
    en: 'This authorization is already revoked',
  },
  AUTHORIZATION_AGENT_INVALID: {
    status: 422,
    zh: '被授权人须为该居民所在范围内在用的代办员账号',
    en: 'The agent must be an active agent account whose scope covers the resident',
  },
  AUTHORIZATION_EXPIRY_PAST: {
    status: 400,
    zh: '授权截止日期不能早于今天',
    en: 'The authorization cannot end before today',
  },
  AUTHORIZATION_NOT_SIGNED_FORM: {
    status: 409,
    zh: '该授权的同意方式不是书面授权书，不能上传扫描件',
    en: 'This authorization’s consent was not a signed form; no scan can be attached',
  },
  AUTHORIZATION_SCAN_NOT_FOUND: {
    status: 404,
    zh: '该授权没有上传授权书扫描件',
    en: 'No scan of the signed form is stored for this authorization',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    agents: typeof AGENT_PROBLEMS;
  }
}

registerProblems(AGENT_PROBLEMS);
