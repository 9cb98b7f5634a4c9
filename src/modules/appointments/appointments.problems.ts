import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of GS-10 appointments and the window queue. */
export const APPOINTMENT_PROBLEMS = {
  APPT_STATION_NOT_FOUND: { status: 404, zh: '没有该服务站', en: 'No such station' },
  APPT_NO_TEMPLATE: {
    status: 404,
    zh: '该服务站尚未开放预约',
    en: 'This station does not take appointments yet',
  },
  APPT_TEMPLATE_INVALID: {
    status: 400,
    zh: '预约设置不合理：时段不得重叠、开始须早于结束，提前天数不得超过可预约天数',
    en: 'The slot setup is not plausible: periods must not overlap and must start before they end, and the lead time must not exceed the horizon',
  },
  APPT_OUTSIDE_WINDOW: {
    status: 422,
    zh: '该日期不在可预约范围内',
    en: 'This date cannot be booked (outside the booking window)',
  },
  APPT_SLOT_NOT_OFFERED: {
    status: 422,
    zh: '该时段不开放预约',
    en: 'The station offers no such slot on that day',
  },
  APPT_SLOT_FULL: { status: 409, zh: '该时段已约满', en: 'This slot is fully booked' },
  APPT_ITEM_NOT_OFFERED: {
    status: 422,
    zh: '该事项不能预约办理，请选择其他事项',
    en: 'This item cannot be booked (it offers no appointment channel)',
  },
  APPT_SPAN_NOT_OFFERED: {
    status: 422,
    zh: '该事项办理时间较长，此时段之后时间不足，请选择更早的时段',
    en: 'This item takes longer than the time left after this slot; please pick an earlier slot',
  },
  APPT_ONE_PER_DAY: {
    status: 409,
    zh: '同一人每天只能预约一次',
    en: 'One booking per person per day: there is already one on that day',
  },
  APPT_RESTRICTED: {
    status: 403,
    zh: '多次预约未到，暂不能网上预约，请致电服务站预约',
    en: 'Online booking is paused after repeated no-shows; please ask the station to book by phone',
  },
  APPT_NO_RESIDENT: {
    status: 403,
    zh: '您的账号尚未关联居民身份，请到服务站办理',
    en: 'Your account is not linked to a resident record yet; please ask at a station',
  },
  APPT_RESIDENT_NOT_FOUND: { status: 404, zh: '没有该居民', en: 'No such resident' },
  APPT_BOOKING_NOT_FOUND: { status: 404, zh: '没有该预约', en: 'No such booking' },
  APPT_BOOKING_STATE: {
    status: 409,
    zh: '该预约当前状态下不能进行此操作',
    en: 'The booking’s state does not allow this',
  },
  APPT_CUTOFF_PASSED: {
    status: 409,
    zh: '已过取消截止时间，如需取消请联系服务站',
    en: 'The cancellation cut-off has passed; please call the station',
  },
  APPT_NOT_TODAY: {
    status: 409,
    zh: '只能在预约当天签到',
    en: 'A booking can only be checked in on its day',
  },
  QUEUE_TICKET_NOT_FOUND: { status: 404, zh: '没有该号票', en: 'No such ticket' },
  QUEUE_TICKET_STATE: {
    status: 409,
    zh: '该号票当前状态下不能进行此操作',
    en: 'The ticket’s state does not allow this',
  },
  QUEUE_CASE_CHANNEL: {
    status: 422,
    zh: '预约号的办件渠道须为“预约”，现场号的须为“窗口”',
    en: 'A booked ticket’s case must have the appointment channel, a walk-in’s the window channel',
  },
  QUEUE_WINDOW_NOT_FOUND: { status: 404, zh: '没有该窗口', en: 'No such window' },
  QUEUE_WINDOW_NUMBER_TAKEN: {
    status: 409,
    zh: '本站已有该编号的窗口',
    en: 'This station already has a window with that number',
  },
  QUEUE_WINDOW_TAKEN: {
    status: 409,
    zh: '该窗口已有其他工作人员在岗，请选择其他窗口',
    en: 'Another clerk already sits at this window; please pick another window',
  },
  QUEUE_WINDOW_STATE: {
    status: 409,
    zh: '该窗口当前状态下不能进行此操作',
    en: 'The window’s state does not allow this',
  },
  QUEUE_SCREEN_NOT_FOUND: {
    status: 404,
    zh: '叫号屏链接无效',
    en: 'This queue screen link is not valid',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    appointments: typeof APPOINTMENT_PROBLEMS;
  }
}

registerProblems(APPOINTMENT_PROBLEMS);
