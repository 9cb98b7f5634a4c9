import { z } from 'zod';
import { isValidIsoDate } from './working-days.ts';
import { freeText } from '../../shared/free-text.ts';

/** The years an override or a query may name: the official data starts in 2004. */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2100;
/** The longest range GET /calendar/days answers: a leap year. */
export const CALENDAR_MAX_RANGE_DAYS = 366;
/** The most working days a due-date preview accepts. */
export const CALENDAR_MAX_PROMISED_DAYS = 1000;

export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isValidIsoDate, 'not a calendar date')
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
  }, `a year from ${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`);

export const OverrideKindSchema = z.enum(['workday', 'holiday']);

export const OverrideBody = z.strictObject({
  kind: OverrideKindSchema,
  /** Why: e.g. the notice it comes from (国办发明电〔…〕号) or the local decision. */
  note: freeText({ max: 200 }),
});

export const OverrideView = z.object({
  date: z.string(),
  kind: OverrideKindSchema,
  note: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const CalendarWarningView = z.object({
  code: z.literal('CALENDAR_YEAR_PROVISIONAL'),
  year: z.number().int(),
  lastOfficialYear: z.number().int(),
  zh: z.string(),
  en: z.string(),
});

export const OverrideListQuery = z.strictObject({
  year: z.coerce.number().int().min(CALENDAR_FIRST_YEAR).max(CALENDAR_LAST_YEAR).optional(),
});

export const OverrideList = z.object({
  lastOfficialYear: z.number().int(),
  overrides: z.array(OverrideView),
});

export const DueDateQuery = z.strictObject({
  from: CalendarDateSchema,
  days: z.coerce.number().int().min(0).max(CALENDAR_MAX_PROMISED_DAYS),
});

export const DueDateView = z.object({
  from: z.string(),
  days: z.number().int(),
  /** Acceptance is taken as 09:00 China time on `from`. */
  acceptedAt: z.string(),
  dueDate: z.string(),
  /** The count passes through a year whose holiday notice is not entered yet. */
  dueDateProvisional: z.boolean(),
  provisionalYears: z.array(z.number().int()),
  warnings: z.array(CalendarWarningView),
});

export const DaysQuery = z.strictObject({ from: CalendarDateSchema, to: CalendarDateSchema });

export const DayView = z.object({
  date: z.string(),
  weekday: z.number().int(),
  working: z.boolean(),
  source: z.enum(['official', 'notice', 'statutory', 'override', 'weekday-rule']),
  holiday: z.object({ zh: z.string(), en: z.string() }).nullable(),
});

export const DaysView = z.object({
  from: z.string(),
  to: z.string(),
  lastOfficialYear: z.number().int(),
  days: z.array(DayView),
  warnings: z.array(CalendarWarningView),
});

export const CalendarYearParams = z.strictObject({
  year: z.coerce.number().int().min(CALENDAR_FIRST_YEAR).max(CALENDAR_LAST_YEAR),
});

export const NoticeDayBody = z.strictObject({
  date: CalendarDateSchema,
  kind: OverrideKindSchema,
  /** The festival, e.g. 春节 (optional). */
  name: z.string().trim().min(1).max(20).optional(),
});

/** A year's notice: `days` as JSON rows, or `csv` as uploaded (date,kind[,name] a line). */
export const NoticeBody = z
  .strictObject({
    /** The notice it comes from, e.g. 国办发明电〔2026〕7号. */
    note: freeText({ max: 200 }),
    days: z.array(NoticeDayBody).max(366).optional(),
    csv: z.string().max(20_000).optional(),
  })
  .refine((b) => (b.days === undefined) !== (b.csv === undefined), {
    message: 'give either days or csv',
    path: ['days'],
  });

const HolidayNameView = z.object({ zh: z.string(), en: z.string() });

export const NoticeView = z.object({
  year: z.number().int(),
  note: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string(),
  days: z.array(
    z.object({ date: z.string(), kind: OverrideKindSchema, name: HolidayNameView.nullable() }),
  ),
});

export const NoticeEnteredView = NoticeView.extend({
  /** Running cases whose due date moved with the new notice. */
  recomputedDueDates: z.array(
    z.object({ caseId: z.string(), number: z.string(), from: z.string(), to: z.string() }),
  ),
  /** Pending hand-offs whose deadline moved. */
  recomputedHandoffs: z.array(
    z.object({ handoffId: z.string(), from: z.string(), to: z.string() }),
  ),
});

export const NoticeList = z.object({
  lastOfficialYear: z.number().int(),
  notices: z.array(
    z.object({
      year: z.number().int(),
      note: z.string(),
      enteredBy: z.string().nullable(),
      enteredAt: z.string(),
      holidays: z.number().int(),
      workdays: z.number().int(),
    }),
  ),
});
