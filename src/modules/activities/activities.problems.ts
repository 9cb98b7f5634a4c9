import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of VS-6 serving: activities, sign-ups, check-in codes and hours (registered with the kernel below). */
export const ACTIVITY_PROBLEMS = {
  VS_ACTIVITY_NOT_FOUND: { status: 404, zh: '没有该志愿活动', en: 'No such activity' },
  VS_ORDER_NOT_SERVABLE: {
    status: 409,
    zh: '只有本队已接单（或服务中）的订单可以安排活动',
    en: 'Activities can be created only for an order your team has accepted (or is serving)',
  },
  VS_PROJECT_NOT_FOUND: { status: 404, zh: '没有该志愿服务项目', en: 'No such project' },
  VS_TEAM_NOT_LED: {
    status: 403,
    zh: '您不是该队伍的负责人，也不是该地区的文明实践中心人员',
    en: 'You neither lead this team nor serve as volunteer staff for its region',
  },
  VS_ACTIVITY_LEAD_INVALID: {
    status: 422,
    zh: '活动负责人须为在用的志愿队长或文明实践中心人员账号',
    en: 'The activity lead must be an active team leader or volunteer staff account',
  },
  VS_ACTIVITY_TIME_INVALID: {
    status: 400,
    zh: '结束时间须晚于开始时间，活动不超过 24 小时',
    en: 'The end must be after the start, and an activity lasts at most 24 hours',
  },
  VS_ACTIVITY_NOT_OPEN: {
    status: 409,
    zh: '该活动已取消或已结束',
    en: 'This activity is cancelled or finished',
  },
  VS_ACTIVITY_STARTED: {
    status: 409,
    zh: '活动已开始，不能再报名',
    en: 'The activity has started; sign-up is closed',
  },
  VS_NOT_A_VOLUNTEER: {
    status: 403,
    zh: '您的账号没有关联在册的志愿者，或志愿者已暂停',
    en: 'Your account is not linked to an active registered volunteer',
  },
  VS_SIGNUP_DUPLICATE: {
    status: 409,
    zh: '您已报名该活动',
    en: 'You have already signed up for this activity',
  },
  VS_SIGNUP_OVERLAP: {
    status: 409,
    zh: '与您已确认报名的另一活动时间冲突',
    en: 'This overlaps another activity you are confirmed for',
  },
  VS_SIGNUP_NOT_FOUND: {
    status: 404,
    zh: '您没有该活动的有效报名',
    en: 'You have no live sign-up for this activity',
  },
  VS_CODE_WRONG: { status: 422, zh: '签到码不正确', en: 'The code is wrong' },
  VS_CODE_STALE: {
    status: 422,
    zh: '签到码已过期，请扫描屏幕上最新的码',
    en: 'The code has expired; scan the code now on the screen',
  },
  VS_SCAN_TIME_INVALID: {
    status: 422,
    zh: '签到时间晚于现在，请检查手机时间后重新签到',
    en: 'The check-in time is in the future; check the phone’s clock and check in again',
  },
  VS_SCAN_TOO_OLD: {
    status: 422,
    zh: '断网时的签到已超过 12 小时，请联系活动负责人补录',
    en: 'This check-in was made offline more than 12 hours ago; ask the activity lead to record it',
  },
  VS_CODE_ALREADY_USED: {
    status: 409,
    zh: '您已用签到码完成过这一步',
    en: 'You have already done this step with a code',
  },
  VS_ATTENDANCE_CLOSED: {
    status: 409,
    zh: '不在签到/签退时间内（开始前 1 小时至结束；签退至结束后 2 小时）',
    en: 'Outside the check-in/out time (from 1 h before the start to the end; check-out until 2 h after)',
  },
  VS_NOT_CONFIRMED_SIGNUP: {
    status: 409,
    zh: '只有报名已确认的志愿者可以签到',
    en: 'Only volunteers with a confirmed sign-up may check in',
  },
  VS_ALREADY_CHECKED_IN: {
    status: 409,
    zh: '该志愿者已签到',
    en: 'This volunteer has already checked in',
  },
  VS_NOT_CHECKED_IN: {
    status: 409,
    zh: '尚未签到，或已签退',
    en: 'Not checked in, or already checked out',
  },
  VS_HOURS_OVERLAP: {
    status: 409,
    zh: '该时段与该志愿者的另一条服务记录重叠',
    en: 'This overlaps another service record of the same volunteer',
  },
  VS_RECORD_NOT_FOUND: { status: 404, zh: '没有该服务记录', en: 'No such service record' },
  VS_RECORD_NOT_PENDING: {
    status: 409,
    zh: '该服务记录不在待确认状态',
    en: 'This service record is not awaiting confirmation',
  },
  VS_ATTENDANCE_TIME_INVALID: {
    status: 400,
    zh: '时间不合理（签退须晚于签到，且不得晚于现在）',
    en: 'The time is not plausible (check-out after check-in, and not in the future)',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    activities: typeof ACTIVITY_PROBLEMS;
  }
}

registerProblems(ACTIVITY_PROBLEMS);
