import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of webhooks (issue #15 point 6, X-9). */
export const WEBHOOK_PROBLEMS = {
  WEBHOOK_NOT_FOUND: {
    status: 404,
    zh: '没有该订阅',
    en: 'No such webhook subscriber',
  },
  WEBHOOK_URL_INVALID: {
    status: 400,
    zh: '地址须为 https://（开发环境可用 http://localhost）',
    en: 'The URL must be https:// (http://localhost only outside production)',
  },
  WEBHOOK_REGION_NOT_TOWN: {
    status: 404,
    zh: '订阅须属于一个乡镇（区划代码）',
    en: 'A subscriber belongs to one town (its region code)',
  },
  WEBHOOK_REVOKED: {
    status: 409,
    zh: '该订阅已停用',
    en: 'The subscriber has been revoked',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    webhooks: typeof WEBHOOK_PROBLEMS;
  }
}

registerProblems(WEBHOOK_PROBLEMS);
