import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of GS-12 training and competence. */
export const TRAINING_PROBLEMS = {
  COMPETENCE_REQUIRED: {
    status: 403,
    zh: '本镇要求具备该事项的业务资质后才能受理',
    en: 'This town requires a certified competence for this item before you can accept it',
  },
  TRAINING_SESSION_NOT_FOUND: { status: 404, zh: '没有该培训记录', en: 'No such training session' },
  TRAINING_PLACE_INVALID: {
    status: 422,
    zh: '培训地点须为您所在镇的服务站：镇中心培训选镇中心，点对点培训选村级服务站',
    en: 'The place must be a station of your town: the town centre for a centre session, a village station for a point-to-point visit',
  },
  TRAINING_DATE_INVALID: {
    status: 400,
    zh: '培训日期不存在或超出一年以后',
    en: 'The session date does not exist or is more than a year ahead',
  },
  TRAINING_SESSION_NOT_HELD: {
    status: 409,
    zh: '培训尚未举行，不能登记出勤',
    en: 'The session has not taken place yet; attendance cannot be recorded',
  },
  TRAINING_ATTENDEE_INVALID: {
    status: 422,
    zh: '参训人员须为本镇在用的专管员、代办员或镇中心人员账号',
    en: 'Attendees must be active clerks, agents or town centre officers of the town',
  },
  TRAINING_TOWN_REQUIRED: {
    status: 400,
    zh: '您负责多个镇，请指明镇',
    en: 'You serve more than one town; name the town',
  },
  COMPETENCE_NOT_FOUND: { status: 404, zh: '没有该资质记录', en: 'No such competence' },
  COMPETENCE_EXISTS: {
    status: 409,
    zh: '此人已有该事项的资质记录，请续期',
    en: 'This person already has a competence record for this item; renew it instead',
  },
  COMPETENCE_HOLDER_INVALID: {
    status: 422,
    zh: '资质持有人须为本镇在用的专管员、代办员或镇中心人员账号',
    en: 'The holder must be an active clerk, agent or town centre officer of the town',
  },
  COMPETENCE_DATES_INVALID: {
    status: 400,
    zh: '资质日期不合规',
    en: 'The competence dates are not acceptable',
  },
  COMPETENCE_ACTION_NOT_ALLOWED: {
    status: 409,
    zh: '该资质当前状态下不能执行此操作',
    en: 'This competence does not allow that action in its current status',
  },
  COMPETENCE_CHANGED: {
    status: 409,
    zh: '该资质已被他人修改，请刷新后重试',
    en: 'Someone else changed this competence; reload and try again',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    training: typeof TRAINING_PROBLEMS;
  }
}

registerProblems(TRAINING_PROBLEMS);
