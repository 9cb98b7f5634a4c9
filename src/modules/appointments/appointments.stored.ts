/** Stored shapes of the appointments module's JSON columns (parsed on the way out, see db/json-column.ts). */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const StoredPeriod = z.object({ start: z.string(), end: z.string() });
export const StoredWeekly = z.record(z.string(), z.array(StoredPeriod));
export const StoredException = z.object({
  date: z.string(),
  kind: z.enum(['closed', 'hours']),
  periods: z.array(StoredPeriod).optional(),
  note: z.string().optional(),
});
export const StoredItemMinutes = z.record(z.string(), z.number());

export type Period = z.infer<typeof StoredPeriod>;
export type WeeklyPeriods = z.infer<typeof StoredWeekly>;
export type DateException = z.infer<typeof StoredException>;

export function parseWeekly(text: string): WeeklyPeriods {
  return parseJsonColumn(StoredWeekly, text, 'appt_templates.weekly');
}
export function parseExceptions(text: string): DateException[] {
  return parseJsonColumn(z.array(StoredException), text, 'appt_templates.exceptions');
}
export function parseItemMinutes(text: string): Record<string, number> {
  return parseJsonColumn(StoredItemMinutes, text, 'appt_templates.item_minutes');
}
