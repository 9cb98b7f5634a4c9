import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of cases: intake, transitions, supplements, public tracking (GS-2/3/7). */
export const CASE_PROBLEMS = {
  CASE_NOT_FOUND: { status: 404, zh: '没有该办件', en: 'No such case' },
  CASE_CURSOR_INVALID: {
    status: 400,
    zh: '翻页标记无效，请从第一页重新查询',
    en: 'That page cursor is not valid; start again from the first page',
  },
  CASE_ORDER_NEEDS_OVERDUE: {
    status: 400,
    zh: '按应办结日期排序只用于超期办件列表（overdue=true）',
    en: 'Ordering by due date is for the overdue list only (overdue=true)',
  },
  CASE_OUTSIDE_SCOPE: {
    status: 403,
    zh: '该事项不能在本站为该居民办理，请到其户籍所在范围内的服务站办理',
    en: 'This item cannot be filed here for this resident; file it at a station within the scope named in the detail',
  },
  CHANNEL_NOT_OFFERED: {
    status: 422,
    zh: '该事项不提供此办理渠道，请在窗口办理或选择事项提供的渠道',
    en: 'This item is not offered through that channel; file it at the window or through a channel the item offers',
  },
  STATION_REQUIRED: {
    status: 400,
    zh: '请指明受理服务站（您在多个服务站任职，或当前身份不在服务站）',
    en: 'Name the accepting station (you work at several stations, or at none)',
  },
  UNKNOWN_MATERIAL: {
    status: 400,
    zh: '材料不在该事项的材料清单中',
    en: 'That material is not on the item’s list',
  },
  CASE_INVALID_TRANSITION: {
    status: 409,
    zh: '办件当前状态下不能执行此操作',
    en: 'This action is not possible in the case’s current state',
  },
  CASE_NOT_PARTY: {
    status: 403,
    zh: '您不是该办件此环节的经办方',
    en: 'You are not on the side of the case that takes this step',
  },
  CASE_CHANGED: {
    status: 409,
    zh: '办件已被他人处理，请刷新后重试',
    en: 'Someone else changed this case; reload and try again',
  },
  CASE_REASON_REQUIRED: { status: 400, zh: '此操作须填写理由', en: 'This action needs a reason' },
  CASE_RESULT_REQUIRED: {
    status: 400,
    zh: '办结须选择结果（准予/不予）并填写结果说明',
    en: 'A decision needs a result (approved / not approved) and its text',
  },
  CASE_MATERIALS_INCOMPLETE: {
    status: 400,
    zh: '仍缺少必需材料，请对照一次性告知书',
    en: 'Required materials are still missing; see the one-time notice',
  },
  CASE_NOT_ROUTED_ITEM: {
    status: 400,
    zh: '该事项在服务站即办，无需报送',
    en: 'This item is decided at the station; there is nothing to route',
  },
  CASE_POSTAL_ADDRESS_REQUIRED: {
    status: 400,
    zh: '邮寄送达须填写邮寄地址',
    en: 'Delivery by post needs a postal address',
  },
  CASE_NOT_AT_DECIDING_UNIT: {
    status: 409,
    zh: '办件尚未报送至决定单位',
    en: 'The case has not reached its deciding unit yet',
  },
  DECIDING_UNIT_MISSING: {
    status: 409,
    zh: '本镇（区）尚未设置决定单位（镇中心或区中心），请联系管理员',
    en: 'No deciding unit (town or district centre) is set up; ask an administrator',
  },
  SUPPLEMENT_NOT_IN_NOTICE: {
    status: 400,
    zh: '一次性告知书和事项材料清单中没有该材料，不能要求补正',
    en: 'That material is not in the one-time notice or the item’s list; it cannot be asked for',
  },
  SUPPLEMENT_NOT_PRESENTED: {
    status: 400,
    zh: '该材料未曾提交，不能按“有缺陷”要求重交',
    en: 'That material was never presented, so it cannot be re-requested as defective',
  },
  SUPPLEMENT_REASON_REQUIRED: {
    status: 400,
    zh: '要求重交已提交的材料须写明理由（计入二次补正率）',
    en: 'Re-requesting a presented material needs a reason (it counts in the second-request rate)',
  },
  RESIDENT_NOT_LINKED: {
    status: 403,
    zh: '您的账号尚未关联居民信息，请携带身份证到任一服务站办理关联后再网上办理',
    en: 'Your account is not linked to a resident record yet; a station can link it (bring your ID card)',
  },
  TRACKING_NOT_FOUND: {
    status: 404,
    zh: '未找到：请核对办件编号和手机号后四位',
    en: 'Not found: check the case number and the last 4 digits of the phone',
  },
  TRACKING_RATE_LIMITED: {
    status: 429,
    zh: '查询过于频繁，请稍后再试',
    en: 'Too many lookups; try again later',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    cases: typeof CASE_PROBLEMS;
  }
}

registerProblems(CASE_PROBLEMS);
