import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of 首问负责 (GS-4): inquiries, hand-offs and notifications. */
export const FIRST_RESPONSE_PROBLEMS = {
  INQUIRY_NOT_FOUND: { status: 404, zh: '没有该咨询登记', en: 'No such inquiry' },
  INQUIRY_CLOSED: { status: 409, zh: '该咨询已办结', en: 'This inquiry is already closed' },
  FREE_TEXT_PERSONAL_NUMBER: {
    status: 400,
    zh: '文字说明中不得填写身份证号或手机号，请关联已登记的居民',
    en: 'Free text must not contain ID or mobile numbers; link a registered resident instead',
  },
  MATTER_NOT_HOLDER: {
    status: 403,
    zh: '只有当前经办人或首问责任人可以办理此事',
    en: 'Only the current handler or the first responder may do this',
  },
  MATTER_CLOSED: {
    status: 409,
    zh: '该事项已办结，不能再转办',
    en: 'The matter is closed; it cannot be handed off',
  },
  HANDOFF_NOT_FOUND: { status: 404, zh: '没有该转办记录', en: 'No such hand-off' },
  HANDOFF_RECEIVER_INVALID: {
    status: 422,
    zh: '接收人须为另一位在用的工作人员账号',
    en: 'The receiver must be another active staff account',
  },
  HANDOFF_RECEIVER_OUT_OF_REACH: {
    status: 422,
    zh: '接收人的管辖范围不包括该事项',
    en: 'The receiver’s scope does not cover this matter',
  },
  HANDOFF_ALREADY_PENDING: {
    status: 409,
    zh: '该事项已有待接收的转办，请等待接收或退回',
    en: 'This matter already has a pending hand-off; wait until it is accepted or declined',
  },
  HANDOFF_NOT_RECEIVER: {
    status: 403,
    zh: '只有转办接收人可以接收或退回',
    en: 'Only the receiver may accept or decline a hand-off',
  },
  HANDOFF_ALREADY_DECIDED: {
    status: 409,
    zh: '该转办已被接收或退回',
    en: 'This hand-off was already accepted or declined',
  },
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '没有该通知', en: 'No such notification' },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    firstResponse: typeof FIRST_RESPONSE_PROBLEMS;
  }
}

registerProblems(FIRST_RESPONSE_PROBLEMS);
