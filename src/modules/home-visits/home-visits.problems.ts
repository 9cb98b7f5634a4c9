import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of home visits (上门服务, GS-10). */
export const HOME_VISIT_PROBLEMS = {
  VISIT_NOT_FOUND: { status: 404, zh: '没有该上门服务', en: 'No such home visit' },
  VISIT_ROUTE_NOT_FOUND: { status: 404, zh: '没有该上门路线', en: 'No such visit route' },
  VISIT_RECORD_NOT_FOUND: { status: 404, zh: '没有该上门记录', en: 'No such visit record' },
  VISIT_STATE: {
    status: 409,
    zh: '该上门服务当前的状态不允许此操作',
    en: 'The visit’s status does not allow this',
  },
  VISIT_NOT_VISITING_UNIT: {
    status: 403,
    zh: '只有负责上门的服务站人员可以办理',
    en: 'Only staff of the visiting unit may do this',
  },
  VISIT_PREFERRED_DATES_INVALID: {
    status: 400,
    zh: '期望上门日期须为今天或以后，且不重复',
    en: 'Preferred dates must be today or later, without repeats',
  },
  VISIT_NO_STATION: {
    status: 422,
    zh: '您所在的村（社区）还没有便民服务站，请致电镇中心申请上门服务',
    en: 'Your village has no service station yet; call the town centre to ask for a home visit',
  },
  VISIT_ALREADY_REQUESTED: {
    status: 409,
    zh: '您已有一个尚未完成的上门服务申请，请等待服务站安排',
    en: 'You already have a home-visit request in progress; the station will schedule it',
  },
  VISIT_DAY_IN_PAST: {
    status: 422,
    zh: '不能安排到过去的日期',
    en: 'A visit cannot be scheduled on a past day',
  },
  VISIT_ROUTE_ORDER_INVALID: {
    status: 422,
    zh: '路线顺序须包含该路线的每一站且各一次',
    en: 'The order must name every stop of the route exactly once',
  },
  VISIT_CASE_MISMATCH: {
    status: 422,
    zh: '所关联的办件须为该居民的上门办理办件',
    en: 'The case must be this resident’s, filed with the home-visit channel',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    homeVisits: typeof HOME_VISIT_PROBLEMS;
  }
}

registerProblems(HOME_VISIT_PROBLEMS);
