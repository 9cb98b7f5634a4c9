import { api } from './client';
import type { BilingualText } from './catalog-types';

/** Shapes of the working-day calendar API (src/modules/calendar/calendar.schema.ts, GS-8). */
export type OverrideKind = 'workday' | 'holiday';
export type DaySource = 'official' | 'notice' | 'statutory' | 'override' | 'weekday-rule';

export interface CalendarOverride {
  date: string;
  kind: OverrideKind;
  note: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface CalendarWarning {
  code: 'CALENDAR_YEAR_PROVISIONAL';
  year: number;
  lastOfficialYear: number;
  zh: string;
  en: string;
}

export interface CalendarDay {
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  working: boolean;
  source: DaySource;
  holiday: BilingualText | null;
}

export interface CalendarDays {
  from: string;
  to: string;
  lastOfficialYear: number;
  days: CalendarDay[];
  warnings: CalendarWarning[];
}

export interface OverrideList {
  lastOfficialYear: number;
  overrides: CalendarOverride[];
}

export interface DueDatePreview {
  from: string;
  days: number;
  acceptedAt: string;
  dueDate: string;
  /** GS-8: the count passes through a year whose holiday notice is not entered yet. */
  dueDateProvisional: boolean;
  provisionalYears: number[];
  warnings: CalendarWarning[];
}

/** A year's State Council holiday notice as entered (years after the official data). */
export interface CalendarNotice {
  year: number;
  note: string;
  enteredBy: string | null;
  enteredAt: string;
  days: { date: string; kind: OverrideKind; name: BilingualText | null }[];
}

export interface NoticeEntered extends CalendarNotice {
  recomputedDueDates: { caseId: string; number: string; from: string; to: string }[];
}

const overridePath = (date: string) => `/calendar/overrides/${encodeURIComponent(date)}`;

export const fetchCalendarDays = (from: string, to: string, signal?: AbortSignal) =>
  api<CalendarDays>('/calendar/days', { query: { from, to }, ...(signal ? { signal } : {}) });

export const fetchOverrides = (year: number, signal?: AbortSignal) =>
  api<OverrideList>('/calendar/overrides', { query: { year }, ...(signal ? { signal } : {}) });

export const saveOverride = (date: string, body: { kind: OverrideKind; note: string }) =>
  api<CalendarOverride>(overridePath(date), { method: 'PUT', body });

export const removeOverride = (date: string) =>
  api<undefined>(overridePath(date), { method: 'DELETE' });

export const previewDueDate = (from: string, days: number) =>
  api<DueDatePreview>('/calendar/due-date', { query: { from, days } });

export const fetchNotice = (year: number, signal?: AbortSignal) =>
  api<CalendarNotice>(`/calendar/years/${year}/notice`, signal ? { signal } : {});

/** Replaces the year's notice with a CSV table (date,kind[,name] a line). */
export const enterNotice = (year: number, body: { note: string; csv: string }) =>
  api<NoticeEntered>(`/calendar/years/${year}/notice`, { method: 'PUT', body });
