import { apiClient, must } from './client';
import type { Answer, Item } from './contract';

/** Shapes of the working-day calendar API (src/modules/calendar/calendar.schema.ts, GS-8). */
export type CalendarDays = Answer<'/api/v1/calendar/days'>;
export type CalendarDay = Item<CalendarDays['days']>;
export type DaySource = CalendarDay['source'];
export type CalendarWarning = Item<CalendarDays['warnings']>;
export type OverrideList = Answer<'/api/v1/calendar/overrides'>;
export type CalendarOverride = Item<OverrideList['overrides']>;
export type OverrideKind = CalendarOverride['kind'];
export type DueDatePreview = Answer<'/api/v1/calendar/due-date'>;
export type CalendarNotice = Answer<'/api/v1/calendar/years/{year}/notice'>;
export type NoticeEntered = Answer<'/api/v1/calendar/years/{year}/notice', 'put'>;

export const fetchCalendarDays = (from: string, to: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/calendar/days', { params: { query: { from, to } }, signal }));

export const fetchOverrides = (year: number, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/calendar/overrides', { params: { query: { year } }, signal }));

export const saveOverride = (date: string, body: { kind: OverrideKind; note: string }) =>
  must(apiClient.PUT('/api/v1/calendar/overrides/{date}', { params: { path: { date } }, body }));

export const removeOverride = (date: string) =>
  must(apiClient.DELETE('/api/v1/calendar/overrides/{date}', { params: { path: { date } } }));

export const previewDueDate = (from: string, days: number) =>
  must(apiClient.GET('/api/v1/calendar/due-date', { params: { query: { from, days } } }));

export const fetchNotice = (year: number, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/calendar/years/{year}/notice', { params: { path: { year } }, signal }),
  );

/** Replaces the year's notice with a CSV table (date,kind[,name] a line). */
export const enterNotice = (year: number, body: { note: string; csv: string }) =>
  must(apiClient.PUT('/api/v1/calendar/years/{year}/notice', { params: { path: { year } }, body }));
