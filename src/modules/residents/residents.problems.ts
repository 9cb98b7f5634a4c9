import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of residents and their ID numbers (GS-1). */
export const RESIDENT_PROBLEMS = {
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
  RESIDENT_LOGIN_PHONE_INVALID: {
    status: 400,
    zh: '请填写居民本人的 11 位手机号（用于接收登录验证码）',
    en: 'Enter the resident’s own 11-digit mobile number (it receives the login codes)',
  },
  RESIDENT_LOGIN_EXISTS: {
    status: 409,
    zh: '该居民已开通网上办理账号',
    en: 'This resident already has an online login',
  },
  RESIDENT_LINK_ACCOUNT_NOT_FOUND: { status: 404, zh: '没有该账号', en: 'No such account' },
  RESIDENT_LINK_ACCOUNT_TAKEN: {
    status: 409,
    zh: '该账号已关联其他居民',
    en: 'That account is already linked to another resident',
  },
  RESIDENT_ACCOUNT_NOT_LINKED: {
    status: 409,
    zh: '该居民尚未关联账号',
    en: 'This resident has no linked account',
  },
  RESIDENT_LOGIN_PHONE_TAKEN: {
    status: 409,
    zh: '该手机号已用于其他账号，请换一个号码',
    en: 'That mobile number already belongs to another account; use another one',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    residents: typeof RESIDENT_PROBLEMS;
  }
}

registerProblems(RESIDENT_PROBLEMS);
