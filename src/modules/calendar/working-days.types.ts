/** GS-8 working days: the shapes the rules in working-days.ts read and answer. */
export type IsoDate = string;
export type OverrideKind = 'workday' | 'holiday';
/**
 * Where a day's status comes from: an admin's override, the shipped notices (official), a notice an
 * admin entered, the statutory holidays computed by law (years past the data), or Monday–Friday.
 */
export type DaySource = 'override' | 'official' | 'notice' | 'statutory' | 'weekday-rule';
export type DeadlineLight = 'green' | 'yellow' | 'red' | 'paused';

export interface OfficialCalendarData {
  /** Days off in a notice, weekend days inside a break included; value "English,中文,n". */
  holidays: Readonly<Record<IsoDate, string>>;
  /** Make-up working days (调休上班), usually a Saturday or Sunday; same value format. */
  workdays: Readonly<Record<IsoDate, string>>;
}

export interface CalendarOverride {
  date: IsoDate;
  kind: OverrideKind;
}

/** One day of a State Council notice an administrator entered (a day off or a make-up working day). */
export interface NoticeDay {
  date: IsoDate;
  kind: OverrideKind;
  name: HolidayName | null;
}

/** A year's notice (国务院办公厅关于XXXX年部分节假日安排的通知): its days off and make-up days. */
export interface CalendarNotice {
  year: number;
  days: readonly NoticeDay[];
}

export interface WorkCalendar {
  /** The last year the official data covers; later years use statutory days + entered notices. */
  readonly lastOfficialYear: number;
  readonly official: OfficialCalendarData;
  /** Admin overrides; they win over everything else. */
  readonly overrides: ReadonlyMap<IsoDate, OverrideKind>;
  /** Days of the notices entered for years after the official data. */
  readonly noticeDays: ReadonlyMap<IsoDate, NoticeDay>;
  /** Years after the official data whose notice was entered: no longer provisional. */
  readonly noticeYears: ReadonlySet<number>;
}

export interface HolidayName {
  zh: string;
  en: string;
}

export interface DayInfo {
  date: IsoDate;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  working: boolean;
  source: DaySource;
  /** The festival a notice lists the day under (a holiday or its make-up working day). */
  holiday: HolidayName | null;
}

export interface CalendarWarning {
  code: 'CALENDAR_YEAR_PROVISIONAL';
  year: number;
  lastOfficialYear: number;
  zh: string;
  en: string;
}

export interface ClockPause {
  from: Date;
  /** null: still paused (awaiting a supplement, or suspended). */
  to: Date | null;
}

export interface DueDate {
  dueDate: IsoDate;
  /** Working days added because the clock was paused (see computeDueDate). */
  pausedWorkingDays: number;
  /** An open pause: the due date is the earliest it can be and moves when the pause ends. */
  paused: boolean;
  warnings: CalendarWarning[];
}
