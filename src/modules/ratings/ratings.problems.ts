import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of GS-13 好差评. */
export const RATING_PROBLEMS = {
  RATING_NOT_RATEABLE: {
    status: 409,
    zh: '该事项尚未办结，暂不能评价',
    en: 'This service is not finished yet and cannot be rated',
  },
  RATING_ALREADY_GIVEN: {
    status: 409,
    zh: '该事项已评价（含一次追加评价），不能再次评价',
    en: 'This service has already been rated (and followed up once)',
  },
  RATING_FOLLOW_UP_NEEDS_FIRST: {
    status: 409,
    zh: '请先进行首次评价，再追加评价',
    en: 'Rate first; a follow-up comes after',
  },
  RATING_REASONS_REQUIRED: {
    status: 422,
    zh: '“不满意”和“非常不满意”须选择至少一项原因',
    en: 'Choose at least one reason for a dissatisfied rating',
  },
  RATING_REASONS_NOT_ALLOWED: {
    status: 422,
    zh: '满意类评价无需选择差评原因',
    en: 'Reasons are only for dissatisfied ratings',
  },
  RATING_LINK_INVALID: {
    status: 404,
    zh: '评价链接无效或已过期',
    en: 'The rating link is not valid or has expired',
  },
  RATING_LINK_USED: {
    status: 409,
    zh: '该评价链接已使用',
    en: 'This rating link was already used',
  },
  RATING_DEVICE_INVALID: {
    status: 401,
    zh: '评价器未配对或已停用，请联系窗口工作人员',
    en: 'This rating device is not paired or was revoked; ask the clerk',
  },
  RATING_PAIR_CODE_WRONG: {
    status: 422,
    zh: '配对码不正确或已过期',
    en: 'The pairing code is wrong or has expired',
  },
  RATING_DEVICE_NOT_FOUND: { status: 404, zh: '没有该评价器', en: 'No such rating device' },
  RATING_DEVICE_NO_STATION: {
    status: 422,
    zh: '评价器须绑定到您所在的服务站',
    en: 'A rating device is bound to your own station',
  },
  RATING_DEVICE_WINDOW: {
    status: 422,
    zh: '评价器须绑定到本服务站在用的窗口',
    en: 'A rating device is bound to an open window of your own station',
  },
  RATING_DEVICE_NO_CASE: {
    status: 409,
    zh: '该窗口当前没有待评价的办件',
    en: 'No finished case is waiting at this window',
  },
  RATING_NO_PHONE: {
    status: 422,
    zh: '申请人没有登记手机号，无法发送评价短信',
    en: 'The applicant has no mobile number on file for the rating SMS',
  },
  RATING_NOT_FOUND: { status: 404, zh: '没有该评价', en: 'No such rating' },
  RATING_TICKET_NOT_FOUND: {
    status: 404,
    zh: '没有该整改工单',
    en: 'No such rectification ticket',
  },
  RATING_TICKET_STATE: {
    status: 409,
    zh: '工单当前状态不允许此操作',
    en: 'The ticket’s state does not allow this',
  },
  RATING_TICKET_FIELDS: {
    status: 422,
    zh: '请填写此步骤所需的内容（限期整改须填写整改期限）',
    en: 'Fill in what this step needs (a fix-by-date needs its date)',
  },
  RATING_APPEAL_NOT_BAD: {
    status: 409,
    zh: '只能对差评提出申诉',
    en: 'Only a dissatisfied rating can be appealed',
  },
  RATING_APPEAL_EXISTS: {
    status: 409,
    zh: '该评价已有申诉',
    en: 'This rating was already appealed',
  },
  RATING_APPEAL_NOT_FOUND: { status: 404, zh: '没有该申诉', en: 'No such appeal' },
  RATING_APPEAL_DECIDED: {
    status: 409,
    zh: '该申诉已有结论',
    en: 'This appeal was already decided',
  },
  RATING_APPEAL_OWN: {
    status: 403,
    zh: '不能裁决与本人有关的申诉',
    en: 'You may not decide an appeal about yourself',
  },
} as const satisfies Record<string, ProblemSpec>;

export type RatingProblems = typeof RATING_PROBLEMS;
declare module '../../shared/problem.ts' {
  interface ProblemTables {
    ratings: RatingProblems;
  }
}
registerProblems(RATING_PROBLEMS);
