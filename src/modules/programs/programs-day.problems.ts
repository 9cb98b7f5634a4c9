import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of CP-3 attendance and safe pickup, CP-4 volunteer staffing. */
export const PROGRAM_DAY_PROBLEMS = {
  CP_SCHEDULE_INVALID: {
    status: 400,
    zh: '班级作息不合理：结束时间须晚于开始时间，上课日为周一至周日，停课日须在项目期内',
    en: 'The class day is not plausible: it ends after it starts, weekdays 1–7, days off inside the season',
  },
  CP_NO_SESSION: { status: 404, zh: '该班级当天不上课', en: 'The class does not meet on that day' },
  CP_ATTENDANCE_NOT_FOUND: { status: 404, zh: '没有该考勤记录', en: 'No such attendance' },
  CP_ATTENDANCE_STATE: {
    status: 409,
    zh: '该儿童当天的状态不允许此操作',
    en: 'The child’s status today does not allow this',
  },
  CP_SESSION_CLOSED: {
    status: 409,
    zh: '当天已结束，考勤已关闭',
    en: 'The day is over and its attendance closed',
  },
  CP_NOT_ENROLLED: {
    status: 409,
    zh: '该儿童未在该班级就读',
    en: 'The child is not enrolled in this class',
  },
  CP_PICKUP_CODE_WRONG: {
    status: 422,
    zh: '接送码不正确，不能接走儿童（已记录）',
    en: 'Wrong pickup code: the child may not leave (logged)',
  },
  CP_PICKUP_NOT_AUTHORISED: {
    status: 422,
    zh: '此人不在监护人授权的接送人名单中（已记录）',
    en: 'This person is not on the guardian’s list of authorised pickup persons (logged)',
  },
  CP_PICKUP_BLOCKED: {
    status: 422,
    zh: '监护人已声明此人不得接走儿童（已记录）',
    en: 'The guardian has stated that this person may not take the child (logged)',
  },
  CP_PICKUP_EXPIRED: {
    status: 422,
    zh: '此接送人的授权不在有效期内（已记录）',
    en: 'This person’s authorisation is not valid today (logged)',
  },
  CP_PICKUP_PERSON_NOT_FOUND: { status: 404, zh: '没有该接送人', en: 'No such pickup person' },
  CP_PICKUP_WINDOW_INVALID: {
    status: 400,
    zh: '授权有效期不合理：结束日期不得早于开始日期',
    en: 'The validity window ends before it starts',
  },
  CP_PROPOSAL_NOT_FOUND: { status: 404, zh: '没有该退班建议', en: 'No such withdrawal proposal' },
  CP_PROPOSAL_DECIDED: {
    status: 409,
    zh: '该退班建议已处理',
    en: 'This withdrawal proposal has already been decided',
  },
  CP_VOLUNTEER_NOT_FOUND: {
    status: 404,
    zh: '没有该志愿者，或其不属于您辖区内任何已批准的队伍',
    en: 'No such volunteer, or they belong to no approved team in your area',
  },
  CP_LOOKUP_QUERY: {
    status: 400,
    zh: '请输入姓名、手机号后四位或队伍名称',
    en: 'Type a name, the last four digits of a phone number or a team name',
  },
  CP_ROSTER_DUPLICATE: {
    status: 409,
    zh: '该志愿者已在当天的排班中',
    en: 'This volunteer is already on the day’s roster',
  },
  CP_ROSTER_NOT_FOUND: { status: 404, zh: '没有该排班', en: 'No such roster entry' },
  CP_STAFF_STATE: {
    status: 409,
    zh: '该排班当前不能签到/签退',
    en: 'This roster entry cannot check in or out now',
  },
  CP_HOURS_CONFIRMED: {
    status: 409,
    zh: '当天的志愿服务时长已确认',
    en: 'The day’s volunteer hours are already confirmed',
  },
  CP_HOURS_TOO_EARLY: {
    status: 409,
    zh: '当天尚未结束或仍有志愿者未签退，暂不能确认时长',
    en: 'The session has not ended, or a volunteer has not checked out: hours cannot be confirmed yet',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    programsDay: typeof PROGRAM_DAY_PROBLEMS;
  }
}

registerProblems(PROGRAM_DAY_PROBLEMS);
