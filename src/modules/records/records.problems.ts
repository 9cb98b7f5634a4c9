import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of VS-8 … VS-10 (records, certificates, stars, figures) (registered with the kernel below). */
export const RECORDS_PROBLEMS = {
  VS_VOLUNTEER_NOT_FOUND: { status: 404, zh: '没有该志愿者', en: 'No such volunteer' },
  VS_TEAM_NOT_FOUND: { status: 404, zh: '没有该志愿服务队伍', en: 'No such volunteer team' },
  VS_NOT_TEAM_ISSUER: {
    status: 403,
    zh: '只有记录该服务的组织（队长或其上级队伍负责人、所辖志愿服务工作人员）可以办理',
    en: 'Only the organisation holding the record (its leader, a parent team’s leader or staff in scope) may do this',
  },
  VS_RECORD_NOT_MEMBER: {
    status: 409,
    zh: '该志愿者不是本队伍成员，也没有本队伍记录的服务',
    en: 'The volunteer is not a member of this team and has no service recorded by it',
  },
  CERT_NO_RECORDS: {
    status: 409,
    zh: '本组织没有该志愿者已确认的服务记录，不能出具证明',
    en: 'This organisation holds no confirmed service record of this volunteer; no certificate can be issued',
  },
  CERT_NOT_FOUND: { status: 404, zh: '没有该证明', en: 'No such certificate' },
  CERT_ALREADY_REVOKED: {
    status: 409,
    zh: '该证明已撤销',
    en: 'This certificate is already revoked',
  },
  CERT_VERIFY_NOT_FOUND: {
    status: 404,
    zh: '未查到该编号的志愿服务证明，请核对编号',
    en: 'No certificate with this number; check the number',
  },
  CERT_VERIFY_RATE_LIMITED: {
    status: 429,
    zh: '查询过于频繁，请稍后再试',
    en: 'Too many lookups; try again later',
  },
  STAR_PACK_NOT_FOUND: { status: 404, zh: '没有该星级规则', en: 'No such star rule pack' },
  FIGURES_PERIOD_INVALID: {
    status: 400,
    zh: '统计期间无效：开始日期须不晚于结束日期，且不超过 3 年',
    en: 'Invalid period: from must not be after to, and at most 3 years',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    records: typeof RECORDS_PROBLEMS;
  }
}

registerProblems(RECORDS_PROBLEMS);
