/**
 * Issue #11: a notification is stored as a kind and its parameters (entity numbers, names, dates,
 * reasons), never as a finished sentence; each reader sees it in their own language (the web from
 * its i18n keys `notifications.<kind>.subject|body`, other clients from render.ts). Pure.
 */

/** The parameters of every kind. Adding a kind here without texts fails the renderer tests. */
export interface NotificationParamsByKind {
  /** A case reached closed / refused / withdrawn (GS-4: told to its first responder). */
  case_closed: { caseNumber: string; outcome: 'closed' | 'refused' | 'withdrawn' };
  inquiry_closed: { label: string };
  handoff_received: { label: string; from: string; dueDate: string };
  handoff_declined: { by: string; reason: string };
  case_overdue: { caseNumber: string; dueDate: string };
  handoff_overdue: { dueDate: string };
  vs_order_directed: { orderNumber: string; title: string };
  vs_order_reassigned: { orderNumber: string; title: string; note: string };
  vs_order_cancelled: { orderNumber: string; title: string; reason: string };
  vs_order_taken: { orderNumber: string; title: string; team: string };
  vs_order_completed: { orderNumber: string; title: string };
  vs_order_window_expired: { orderNumber: string; title: string };
  vs_order_opened: { orderNumber: string; title: string; place: string };
  vs_order_escalated: { orderNumber: string; title: string; place: string };
  vs_need_accepted: { needNumber: string; orderNumber: string; title: string };
  vs_need_rejected: { needNumber: string; reason: string };
  vs_activity_cancelled: { activity: string; reason: string };
  vs_signup_promoted: { activity: string };
  vs_hours_confirmed: { activity: string; hours: number };
  vs_hours_rejected: { activity: string; reason: string };
  vs_join_requested: { team: string; volunteerNumber: string; volunteerName: string };
  vs_join_approved: { team: string };
  vs_join_rejected: { team: string; note: string };
  /** CP-3: staff confirmed the withdrawal the strikes proposed; the seat went to the waitlist. */
  cp_enrolment_withdrawn: { child: string; className: string; late: number; unexcused: number };
  /** GS-11: an opening hour in which a post has nobody (the day before, and again that morning). */
  post_coverage_gap: {
    post: string;
    station: string;
    day: string;
    from: string;
    to: string;
    notice: 'day_before' | 'morning';
  };
  /** GS-13: a 差评's rectification ticket is past its due date (escalated once). */
  rating_ticket_overdue: { number: string; dueDate: string };
  /** GS-13: a finished service (case, home visit) invites its applicant to rate it. */
  rating_invite: { number: string };
  /** GS-10: the day before an appointment (station, China date, 'HH:MM'). */
  appt_reminder: { station: string; date: string; time: string };
  /** GS-10 issue #14: a home visit was scheduled (China date, window 'HH:MM'–'HH:MM'). */
  home_visit_scheduled: { station: string; date: string; from: string; to: string };
  /** GS-10 issue #14: the home visit was done (China date); its records are on the resident's page. */
  home_visit_done: { station: string; date: string };
  /** GS-10 issue #14: the resident cancelled their home visit (told to the visiting unit's staff). */
  home_visit_cancelled: { village: string; reason: string };
  /** A message stored before issue #11 as one bilingual string: shown as it was. */
  legacy: { subject: string; body: string; kind: string };
}

export type NotificationKind = keyof NotificationParamsByKind;

const KINDS: Record<NotificationKind, true> = {
  case_closed: true,
  inquiry_closed: true,
  handoff_received: true,
  handoff_declined: true,
  case_overdue: true,
  handoff_overdue: true,
  vs_order_directed: true,
  vs_order_reassigned: true,
  vs_order_cancelled: true,
  vs_order_taken: true,
  vs_order_completed: true,
  vs_order_window_expired: true,
  vs_order_opened: true,
  vs_order_escalated: true,
  vs_need_accepted: true,
  vs_need_rejected: true,
  vs_activity_cancelled: true,
  vs_signup_promoted: true,
  vs_hours_confirmed: true,
  vs_hours_rejected: true,
  vs_join_requested: true,
  vs_join_approved: true,
  vs_join_rejected: true,
  cp_enrolment_withdrawn: true,
  post_coverage_gap: true,
  rating_ticket_overdue: true,
  appt_reminder: true,
  rating_invite: true,
  home_visit_scheduled: true,
  home_visit_done: true,
  home_visit_cancelled: true,
  legacy: true,
};

export const NOTIFICATION_KINDS = Object.keys(KINDS) as NotificationKind[];

export function isNotificationKind(k: string): k is NotificationKind {
  return Object.prototype.hasOwnProperty.call(KINDS, k);
}

/** Example parameters for every kind (tests and the docs): one place, so a new kind needs one. */
export const SAMPLE_PARAMS: { [K in NotificationKind]: NotificationParamsByKind[K] } = {
  case_closed: { caseNumber: '20260302-00001', outcome: 'refused' },
  inquiry_closed: { label: '咨询 ZX-0001' },
  handoff_received: { label: '办件 20260302-00001', from: '王专管', dueDate: '2026-03-04' },
  handoff_declined: { by: '李主任', reason: '不属本站' },
  case_overdue: { caseNumber: '20260302-00001', dueDate: '2026-03-09' },
  handoff_overdue: { dueDate: '2026-03-04' },
  vs_order_directed: { orderNumber: 'PD-20260302-0001', title: '陪同买菜' },
  vs_order_reassigned: { orderNumber: 'PD-20260302-0001', title: '陪同买菜', note: '改派' },
  vs_order_cancelled: { orderNumber: 'PD-20260302-0001', title: '陪同买菜', reason: '已解决' },
  vs_order_taken: { orderNumber: 'PD-20260302-0001', title: '陪同买菜', team: '助老队' },
  vs_order_completed: { orderNumber: 'PD-20260302-0001', title: '陪同买菜' },
  vs_order_window_expired: { orderNumber: 'PD-20260302-0001', title: '陪同买菜' },
  vs_order_opened: { orderNumber: 'PD-20260302-0001', title: '陪同买菜', place: '三顺庄村' },
  vs_order_escalated: { orderNumber: 'PD-20260302-0001', title: '陪同买菜', place: '三顺庄村' },
  vs_need_accepted: { needNumber: 'XQ-0001', orderNumber: 'PD-20260302-0001', title: '陪同买菜' },
  vs_need_rejected: { needNumber: 'XQ-0001', reason: '超出服务范围' },
  vs_activity_cancelled: { activity: '垃圾分类宣传', reason: '天气' },
  vs_signup_promoted: { activity: '垃圾分类宣传' },
  vs_hours_confirmed: { activity: '垃圾分类宣传', hours: 1.5 },
  vs_hours_rejected: { activity: '垃圾分类宣传', reason: '未到场' },
  vs_join_requested: { team: '助老队', volunteerNumber: 'ZY-0001', volunteerName: '张三' },
  vs_join_approved: { team: '助老队' },
  vs_join_rejected: { team: '助老队', note: '' },
  cp_enrolment_withdrawn: { child: '李小明', className: '一年级班', late: 2, unexcused: 1 },
  post_coverage_gap: {
    post: '综合受理岗',
    station: '伊庄村便民服务站',
    day: '2026-03-03',
    from: '08:30',
    to: '17:00',
    notice: 'day_before',
  },
  rating_ticket_overdue: { number: '20260302-00001', dueDate: '2026-03-09' },
  appt_reminder: { station: '伊庄村便民服务站', date: '2026-03-03', time: '09:00' },
  rating_invite: { number: '20260302-00001' },
  home_visit_scheduled: {
    station: '伊庄村便民服务站',
    date: '2026-03-04',
    from: '09:00',
    to: '12:00',
  },
  home_visit_done: { station: '伊庄村便民服务站', date: '2026-03-04' },
  home_visit_cancelled: { village: '伊庄村', reason: '已自行到站办理' },
  legacy: { subject: '旧消息 / Old message', body: '正文 / Body', kind: 'vs_order_update' },
};
