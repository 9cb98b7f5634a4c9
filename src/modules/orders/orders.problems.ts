import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of VS-3/4/5/7 (needs, orders, dispatch, grabbing, ratings) (registered with the kernel below). */
export const ORDER_PROBLEMS = {
  VS_NEED_NOT_FOUND: { status: 404, zh: '没有该需求', en: 'No such need' },
  VS_ORDER_NOT_FOUND: { status: 404, zh: '没有该订单', en: 'No such order' },
  VS_ORDER_TEAM_NOT_FOUND: { status: 404, zh: '没有该志愿队伍', en: 'No such team' },
  VS_NEED_CATEGORY_INVALID: {
    status: 422,
    zh: '没有该服务类别或该类别已停用',
    en: 'No such service category, or it is inactive',
  },
  VS_PROJECT_NOT_ON_MENU: {
    status: 422,
    zh: '该项目不在本地的服务菜单上',
    en: 'This project is not on the local service menu',
  },
  VS_REGION_NOT_FOUND: { status: 422, zh: '没有该地区', en: 'No such region' },
  VS_WANTED_WINDOW_INVALID: {
    status: 422,
    zh: '期望服务时间的结束须晚于开始',
    en: 'The wanted time window must end after it starts',
  },
  VS_WANTED_IN_PAST: {
    status: 422,
    zh: '期望服务时间已过（按北京时间），请选今天或以后的时间',
    en: 'The wanted service time is in the past (China time); pick today or a later time',
  },
  VS_CONTACT_PHONE_REQUIRED: {
    status: 422,
    zh: '请填写联系电话（该群众没有登记电话）',
    en: 'Enter a contact phone (the resident has no phone on record)',
  },
  VS_NEED_ALREADY_REVIEWED: {
    status: 409,
    zh: '该需求已审核（已受理或已退回）',
    en: 'This need was already reviewed (accepted or rejected)',
  },
  VS_MERGE_INVALID: {
    status: 422,
    zh: '合并的需求须为同一服务类别、同一镇街、均待审核，且至少两条',
    en: 'Needs to merge must be at least two, submitted, of one category and in one town',
  },
  VS_ORDER_STATE_CONFLICT: {
    status: 409,
    zh: '订单当前状态不允许此操作（可能已被他人处理），请刷新',
    en: 'The order’s current state does not allow this (someone may have acted first); refresh',
  },
  ORDER_ALREADY_TAKEN: {
    status: 409,
    zh: '该订单已被其他队伍接单',
    en: 'Another team has already taken this order',
  },
  VS_ORDER_NOT_TEAM_LEADER: {
    status: 403,
    zh: '只有该队伍（或其上级队伍）的队长可以这样做',
    en: 'Only the leader of this team (or of its parent team) may do this',
  },
  VS_TEAM_NOT_ELIGIBLE: {
    status: 422,
    zh: '该队伍不能接此订单（须为服务类别相同、在抢单范围内的在用队伍）',
    en: 'This team may not take the order (it must be active, of the order’s category and inside the grab area)',
  },
  VS_DECLINE_NOTE_REQUIRED: {
    status: 422,
    zh: '选择“其他”原因时须填写说明',
    en: 'A note is required when the reason is “other”',
  },
  VS_RATING_NOT_OPEN: {
    status: 409,
    zh: '订单完成后才能评价',
    en: 'Rating opens when the order is completed',
  },
  VS_RATING_EXISTS: { status: 409, zh: '该需求已评价过', en: 'This need has already been rated' },
  VS_NOT_REQUESTER: {
    status: 403,
    zh: '只有提出需求的群众可以评价（工作人员可为无账号的来电群众代录）',
    en: 'Only the requester may rate (staff may record it for requesters without an account)',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    orders: typeof ORDER_PROBLEMS;
  }
}

registerProblems(ORDER_PROBLEMS);
