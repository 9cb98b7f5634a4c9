import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of GS-11 AB posts. */
export const POSTS_PROBLEMS = {
  POST_NOT_FOUND: { status: 404, zh: '没有该岗位', en: 'No such post' },
  POST_ABSENCE_NOT_FOUND: { status: 404, zh: '没有该请假记录', en: 'No such absence' },
  STATION_NOT_FOUND_FOR_POST: { status: 404, zh: '没有该服务站', en: 'No such station' },
  POST_HOLDERS_SAME: {
    status: 422,
    zh: 'A岗与B岗不能是同一人',
    en: 'The A and B holders must be two different people',
  },
  POST_HOLDER_NOT_AT_STATION: {
    status: 422,
    zh: 'A岗、B岗须为在该服务站有授权的在岗工作人员',
    en: 'Both holders must be active staff with a grant at this station',
  },
  POST_NAME_TAKEN: {
    status: 409,
    zh: '该服务站已有同名岗位',
    en: 'This station already has a post of that name',
  },
  POST_VERSION_CONFLICT: {
    status: 409,
    zh: '岗位已被他人修改，请刷新后重试',
    en: 'The post was changed by someone else; reload and try again',
  },
  POST_ABSENCE_INVALID: {
    status: 422,
    zh: '请假时间不合理：结束须晚于开始，最长 90 天，且不能早于今天',
    en: 'The absence is not plausible: it ends after it starts, lasts at most 90 days and does not end in the past',
  },
  POST_ABSENCE_NOT_YOURS: {
    status: 403,
    zh: '专管员只能为自己登记请假；为他人登记需监督员或镇中心人员',
    en: 'A clerk records only her own absence; a supervisor or the town centre records anyone’s',
  },
  POST_ABSENCE_CANCELLED: {
    status: 409,
    zh: '该请假已撤销',
    en: 'This absence was already cancelled',
  },
  POST_RANGE_TOO_LONG: {
    status: 422,
    zh: '覆盖日历一次最多查看 31 天',
    en: 'The coverage calendar shows at most 31 days at a time',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    posts: typeof POSTS_PROBLEMS;
  }
}

registerProblems(POSTS_PROBLEMS);
