import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of the working-day calendar and its yearly notices. */
export const CALENDAR_PROBLEMS = {
  CALENDAR_OVERRIDE_NOT_FOUND: {
    status: 404,
    zh: '该日期没有调整记录',
    en: 'No working-day override for that date',
  },
  CALENDAR_RANGE_TOO_LONG: {
    status: 400,
    zh: '日期范围最长 366 天',
    en: 'The date range may span at most 366 days',
  },
  CALENDAR_RANGE_REVERSED: {
    status: 400,
    zh: '结束日期不能早于开始日期',
    en: 'The end date is before the start date',
  },
  CALENDAR_YEAR_OFFICIAL: {
    status: 409,
    zh: '该年度节假日已有官方数据，不能另行录入通知；个别日期请用单日调整',
    en: 'That year is covered by the official data; use single-date overrides for local changes',
  },
  CALENDAR_NOTICE_INVALID: {
    status: 400,
    zh: '节假日通知的日期表有误',
    en: 'The notice’s table of days is invalid',
  },
  CALENDAR_NOTICE_NOT_FOUND: {
    status: 404,
    zh: '该年度尚未录入节假日通知',
    en: 'No holiday notice entered for that year',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    calendar: typeof CALENDAR_PROBLEMS;
  }
}

registerProblems(CALENDAR_PROBLEMS);
