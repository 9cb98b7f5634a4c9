import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of the outbox and the messages staff see (issue #15 point 5, X-5). */
export const NOTIFICATION_PROBLEMS = {
  OUTBOX_TEMPLATE_INVALID: {
    status: 422,
    zh: '消息不符合模板要求（变量过长、缺失或超出短信条数），未写入',
    en: 'The message does not fit its template (a variable too long or missing, or too many segments); nothing was queued',
  },
  OUTBOX_MESSAGE_NOT_FOUND: {
    status: 404,
    zh: '没有该消息',
    en: 'No such message',
  },
  OUTBOX_RESEND_NOT_ALLOWED: {
    status: 409,
    zh: '该消息仍在发送中或已送达，不能重发',
    en: 'The message is still being sent or was delivered: it cannot be resent',
  },
  OUTBOX_QUERY_REQUIRED: {
    status: 400,
    zh: '请指定办件（caseId）或居民（residentId）',
    en: 'Name a case (caseId) or a resident (residentId)',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    notifications: typeof NOTIFICATION_PROBLEMS;
  }
}

registerProblems(NOTIFICATION_PROBLEMS);
