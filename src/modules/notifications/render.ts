/**
 * The server's renderer of notifications (issue #11): one function per kind per language, for
 * clients that cannot render from i18n keys (SMS text, the API's `text`). The web renders the same
 * kinds from web/src/i18n/notifications.*.json. Pure.
 */
import type { NotificationKind, NotificationParamsByKind } from './kinds.ts';

export type Lang = 'zh-CN' | 'en';
export interface RenderedText {
  subject: string;
  body: string;
}
type Templates = {
  [K in NotificationKind]: (p: NotificationParamsByKind[K]) => RenderedText;
};

const OUTCOME = {
  'zh-CN': { closed: '已归档', refused: '不予受理', withdrawn: '已撤回' },
  en: { closed: 'closed', refused: 'refused', withdrawn: 'withdrawn' },
} as const;

/** The old bilingual string "中文 / English": the half in the reader's language. */
function legacyHalf(text: string, lang: Lang): string {
  const i = text.indexOf(' / ');
  if (i < 0) return text;
  return lang === 'en' ? text.slice(i + 3) : text.slice(0, i);
}

const ZH: Templates = {
  case_closed: (p) => ({
    subject: `办件 ${p.caseNumber} ${OUTCOME['zh-CN'][p.outcome]}`,
    body: `您首问受理的办件 ${p.caseNumber} ${OUTCOME['zh-CN'][p.outcome]}。`,
  }),
  inquiry_closed: (p) => ({
    subject: `咨询已办结：${p.label}`,
    body: `您首问登记的咨询“${p.label}”已办结。`,
  }),
  handoff_received: (p) => ({
    subject: `转办待接收：${p.label}`,
    body: `${p.from} 转办给您，请在 ${p.dueDate} 前接收或退回。`,
  }),
  handoff_declined: (p) => ({
    subject: '转办被退回',
    body: `${p.by} 退回了转办：${p.reason}`,
  }),
  case_overdue: (p) => ({
    subject: `办件 ${p.caseNumber} 已超期`,
    body: `办件 ${p.caseNumber} 应于 ${p.dueDate} 办结，现已超期，已升级督办。`,
  }),
  rating_ticket_overdue: (p) => ({
    subject: `差评整改超期：${p.number}`,
    body: `办件 ${p.number} 的差评整改工单应于 ${p.dueDate} 完成，现已超期，已升级督办。`,
  }),
  handoff_overdue: (p) => ({
    subject: '转交事项超期未接收',
    body: `一项转交事项应于 ${p.dueDate} 前接收，现已超期，已升级督办。`,
  }),
  vs_order_directed: (p) => ({
    subject: `新的派单：${p.title}`,
    body: `中心将订单“${p.title}”（${p.orderNumber}）派给您的队伍，请在时限内接单或说明原因退回。`,
  }),
  vs_order_reassigned: (p) => ({
    subject: `订单已改派：${p.title}`,
    body: `中心已收回订单“${p.title}”（${p.orderNumber}）：${p.note}`,
  }),
  vs_order_cancelled: (p) => ({
    subject: `服务订单已取消：${p.title}`,
    body: `“${p.title}”（${p.orderNumber}）已取消：${p.reason}`,
  }),
  vs_order_taken: (p) => ({
    subject: `志愿队伍已接单：${p.title}`,
    body: `“${p.team}”已接下“${p.title}”（${p.orderNumber}），将与您联系。`,
  }),
  vs_order_completed: (p) => ({
    subject: `服务已完成，请评价：${p.title}`,
    body: `“${p.title}”（${p.orderNumber}）已完成，请在“我的点单”中为服务打分（1–5 星）。`,
  }),
  vs_order_window_expired: (p) => ({
    subject: `派单超时，已转为抢单：${p.title}`,
    body: `“${p.title}”（${p.orderNumber}）未在时限内接单，现已开放抢单。`,
  }),
  vs_order_opened: (p) => ({
    subject: `派单超时转抢单：${p.title}`,
    body: `“${p.title}”（${p.place}）可由本区域内同类别队伍抢单。`,
  }),
  vs_order_escalated: (p) => ({
    subject: `订单无人接单，已升级到本级：${p.title}`,
    body: `“${p.title}”（${p.place}）可由本区域内同类别队伍抢单。`,
  }),
  vs_need_accepted: (p) => ({
    subject: `您的需求 ${p.needNumber} 已受理`,
    body: `已纳入服务订单“${p.title}”（${p.orderNumber}），正在安排志愿队伍。`,
  }),
  vs_need_rejected: (p) => ({
    subject: `您的需求 ${p.needNumber} 未被受理`,
    body: `原因：${p.reason}`,
  }),
  vs_activity_cancelled: (p) => ({
    subject: `活动已取消：${p.activity}`,
    body: `您报名的活动「${p.activity}」已取消：${p.reason}`,
  }),
  vs_signup_promoted: (p) => ({
    subject: `候补转正：${p.activity}`,
    body: `有人取消报名，您已从候补转为正式参加「${p.activity}」。`,
  }),
  vs_hours_confirmed: (p) => ({
    subject: `服务时长已确认：${p.activity}`,
    body: `服务时长 ${p.hours} 小时已确认（${p.activity}）`,
  }),
  vs_hours_rejected: (p) => ({
    subject: `服务记录未被确认：${p.activity}`,
    body: `服务记录未被确认：${p.reason}（${p.activity}）`,
  }),
  vs_join_requested: (p) => ({
    subject: `入队申请：${p.team}`,
    body: `志愿者 ${p.volunteerName}（${p.volunteerNumber}）申请加入 ${p.team}，请审核。`,
  }),
  vs_join_approved: (p) => ({
    subject: `已加入 ${p.team}`,
    body: `您加入 ${p.team} 的申请已通过。`,
  }),
  vs_join_rejected: (p) => ({
    subject: `入队申请未通过：${p.team}`,
    body: `您加入 ${p.team} 的申请未通过${p.note ? `：${p.note}` : '。'}`,
  }),
  cp_enrolment_withdrawn: (p) => ({
    subject: `${p.child} 已退出 ${p.className}`,
    body: `因迟接 ${p.late} 次、无故缺勤 ${p.unexcused} 次，经工作人员确认，${p.child} 已退出 ${p.className}，名额已转给候补家庭。`,
  }),
  post_coverage_gap: (p) => ({
    subject: `岗位无人在岗预警：${p.station} ${p.post}`,
    body: `${p.day} ${p.from}–${p.to}，${p.station} ${p.post} 的A岗、B岗均不在岗${p.notice === 'morning' ? '（今日提醒）' : '（提前一天提醒）'}，请安排顶岗。`,
  }),
  appt_reminder: (p) => ({
    subject: `明天 ${p.time} 在${p.station}有预约`,
    body: `提醒：您预约了 ${p.date} ${p.time} 在${p.station}办事，请按时到站取号；如不能前往，请在截止时间前取消。`,
  }),
  rating_invite: (p) => ({
    subject: `请评价：${p.number}`,
    body: `您的 ${p.number} 已办结，请在“我的待评价服务”中对本次服务进行评价。`,
  }),
  home_visit_scheduled: (p) => ({
    subject: `上门服务已安排：${p.date} ${p.from}–${p.to}`,
    body: `${p.station}将于 ${p.date} ${p.from}–${p.to} 上门服务，请家中留人；如需改期请联系服务站。`,
  }),
  home_visit_done: (p) => ({
    subject: `上门服务已完成（${p.date}）`,
    body: `${p.station}已于 ${p.date} 完成上门服务，服务记录可在“我的上门服务”中查看。`,
  }),
  home_visit_cancelled: (p) => ({
    subject: `${p.village}居民取消了上门服务`,
    body: `${p.village}的一位居民取消了上门服务申请，原因：${p.reason}。该户已移出上门路线。`,
  }),
  legacy: (p) => ({ subject: legacyHalf(p.subject, 'zh-CN'), body: legacyHalf(p.body, 'zh-CN') }),
};

const EN: Templates = {
  case_closed: (p) => ({
    subject: `Case ${p.caseNumber} ${OUTCOME.en[p.outcome]}`,
    body: `The case you first responded to, ${p.caseNumber}, was ${OUTCOME.en[p.outcome]}.`,
  }),
  inquiry_closed: (p) => ({
    subject: `Inquiry closed: ${p.label}`,
    body: `The inquiry you first responded to, “${p.label}”, was closed.`,
  }),
  handoff_received: (p) => ({
    subject: `Hand-off to accept: ${p.label}`,
    body: `${p.from} handed this to you; accept or decline by ${p.dueDate}.`,
  }),
  handoff_declined: (p) => ({
    subject: 'Hand-off declined',
    body: `${p.by} declined the hand-off: ${p.reason}`,
  }),
  case_overdue: (p) => ({
    subject: `Case ${p.caseNumber} is overdue`,
    body: `Case ${p.caseNumber} was due on ${p.dueDate} and is overdue; it has been escalated.`,
  }),
  rating_ticket_overdue: (p) => ({
    subject: `Rectification overdue: ${p.number}`,
    body: `The rectification ticket of the dissatisfied rating of ${p.number} was due on ${p.dueDate} and is overdue; it has been escalated.`,
  }),
  handoff_overdue: (p) => ({
    subject: 'A hand-off is overdue',
    body: `A hand-off due to be taken up by ${p.dueDate} is overdue; it has been escalated.`,
  }),
  vs_order_directed: (p) => ({
    subject: `New order: ${p.title}`,
    body: `The centre directed “${p.title}” (${p.orderNumber}) to your team; accept it or decline with a reason in time.`,
  }),
  vs_order_reassigned: (p) => ({
    subject: `Order reassigned: ${p.title}`,
    body: `The centre took “${p.title}” (${p.orderNumber}) back: ${p.note}`,
  }),
  vs_order_cancelled: (p) => ({
    subject: `Order cancelled: ${p.title}`,
    body: `“${p.title}” (${p.orderNumber}) was cancelled: ${p.reason}`,
  }),
  vs_order_taken: (p) => ({
    subject: `A team took your order: ${p.title}`,
    body: `“${p.team}” took “${p.title}” (${p.orderNumber}) and will contact you.`,
  }),
  vs_order_completed: (p) => ({
    subject: `Service done — please rate: ${p.title}`,
    body: `“${p.title}” (${p.orderNumber}) is done; please rate it (1–5 stars) under “My orders”.`,
  }),
  vs_order_window_expired: (p) => ({
    subject: `Order opened for grabbing: ${p.title}`,
    body: `“${p.title}” (${p.orderNumber}) was not accepted in time and is now open for grabbing.`,
  }),
  vs_order_opened: (p) => ({
    subject: `Order now open: ${p.title}`,
    body: `“${p.title}” (${p.place}) may now be grabbed by teams of its category in your region.`,
  }),
  vs_order_escalated: (p) => ({
    subject: `Order escalated to your level: ${p.title}`,
    body: `“${p.title}” (${p.place}) may now be grabbed by teams of its category in your region.`,
  }),
  vs_need_accepted: (p) => ({
    subject: `Your request ${p.needNumber} was accepted`,
    body: `It is part of the order “${p.title}” (${p.orderNumber}); a team is being arranged.`,
  }),
  vs_need_rejected: (p) => ({
    subject: `Your request ${p.needNumber} was not accepted`,
    body: `Reason: ${p.reason}`,
  }),
  vs_activity_cancelled: (p) => ({
    subject: `Activity cancelled: ${p.activity}`,
    body: `The activity “${p.activity}” you signed up for was cancelled: ${p.reason}`,
  }),
  vs_signup_promoted: (p) => ({
    subject: `Off the waitlist: ${p.activity}`,
    body: `A place came free: you are now confirmed for “${p.activity}”.`,
  }),
  vs_hours_confirmed: (p) => ({
    subject: `Service hours confirmed: ${p.activity}`,
    body: `${p.hours} h of service confirmed (${p.activity})`,
  }),
  vs_hours_rejected: (p) => ({
    subject: `Service record not confirmed: ${p.activity}`,
    body: `Service record not confirmed: ${p.reason} (${p.activity})`,
  }),
  vs_join_requested: (p) => ({
    subject: `Join request: ${p.team}`,
    body: `Volunteer ${p.volunteerNumber} asks to join ${p.team}.`,
  }),
  vs_join_approved: (p) => ({
    subject: `You joined ${p.team}`,
    body: `Your request to join ${p.team} was approved.`,
  }),
  vs_join_rejected: (p) => ({
    subject: `Join request not approved: ${p.team}`,
    body: `Your request to join ${p.team} was not approved${p.note ? `: ${p.note}` : '.'}`,
  }),
  cp_enrolment_withdrawn: (p) => ({
    subject: `${p.child} withdrawn from ${p.className}`,
    body: `After ${p.late} late pickups and ${p.unexcused} unexcused absences, staff confirmed ${p.child}'s withdrawal from ${p.className}; the place went to the waitlist.`,
  }),
  post_coverage_gap: (p) => ({
    subject: `Post uncovered: ${p.post}, ${p.station}`,
    body: `On ${p.day} ${p.from}–${p.to} neither the A nor the B holder of ${p.post} at ${p.station} is in${p.notice === 'morning' ? ' (today)' : ' (a day ahead)'}; please arrange cover.`,
  }),
  appt_reminder: (p) => ({
    subject: `Appointment tomorrow at ${p.time}, ${p.station}`,
    body: `Reminder: you have an appointment at ${p.station} on ${p.date} at ${p.time}. Please arrive on time and take a ticket; if you cannot come, cancel before the cut-off.`,
  }),
  rating_invite: (p) => ({
    subject: `Please rate: ${p.number}`,
    body: `${p.number} is finished. Please rate the service under "My services to rate".`,
  }),
  home_visit_scheduled: (p) => ({
    subject: `Home visit scheduled: ${p.date}, ${p.from}–${p.to}`,
    body: `${p.station} will visit you at home on ${p.date} between ${p.from} and ${p.to}; please have someone at home. To change the date, contact the station.`,
  }),
  home_visit_done: (p) => ({
    subject: `Home visit done (${p.date})`,
    body: `${p.station} made the home visit on ${p.date}; its record is on your “My home visits” page.`,
  }),
  home_visit_cancelled: (p) => ({
    subject: `A resident of ${p.village} cancelled a home visit`,
    body: `A resident of ${p.village} cancelled their home-visit request. Reason: ${p.reason}. The stop has left its route.`,
  }),
  legacy: (p) => ({ subject: legacyHalf(p.subject, 'en'), body: legacyHalf(p.body, 'en') }),
};

const TEMPLATES: Record<Lang, Templates> = { 'zh-CN': ZH, en: EN };

/** Renders one stored notification in a language; an unknown kind falls back to its raw kind. */
export function renderNotification(kind: string, params: unknown, lang: Lang): RenderedText {
  const t = (TEMPLATES[lang] as Record<string, ((p: unknown) => RenderedText) | undefined>)[kind];
  if (!t) return { subject: kind, body: '' };
  return t(params);
}

/** The request's language: `?lang=` first, then Accept-Language; Chinese by default. */
export function langOf(query: string | undefined, acceptLanguage: string | undefined): Lang {
  const pick = query ?? acceptLanguage ?? '';
  return /^\s*en\b/i.test(pick) ? 'en' : 'zh-CN';
}
