/** Request and answer schemas of GS-10 appointments and the window queue. */
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { CalendarDateSchema } from '../calendar/calendar.schema.ts';
import { HHMM } from './appointments.stored.ts';
import { PRIORITIES } from './queue.rules.ts';
import { MAX_WINDOWS } from './windows.rules.ts';

export const Time = z.string().regex(HHMM, 'HH:MM');
const Period = z.strictObject({ start: Time, end: Time });
const Periods = z.array(Period).max(6);
const Weekday = z.enum(['1', '2', '3', '4', '5', '6', '7']);

export const TemplateBody = z
  .strictObject({
    slotMinutes: z.number().int().min(5).max(240),
    capacity: z.number().int().min(1).max(50),
    weekly: z.partialRecord(Weekday, Periods),
    exceptions: z
      .array(
        z.strictObject({
          date: CalendarDateSchema,
          kind: z.enum(['closed', 'hours']),
          periods: Periods.optional(),
          note: freeText({ max: 100 }).optional(),
        }),
      )
      .max(200),
    itemMinutes: z.record(z.string().min(1).max(40), z.number().int().min(1).max(480)),
    leadWorkingDays: z.number().int().min(0).max(10),
    horizonWorkingDays: z.number().int().min(1).max(30),
    cancelCutoffHours: z.number().int().min(0).max(72),
    noShowGraceMinutes: z.number().int().min(0).max(120),
    noShowLimit: z.number().int().min(0).max(10),
    noShowWindowDays: z.number().int().min(1).max(365),
  })
  .refine((b) => b.leadWorkingDays <= b.horizonWorkingDays, {
    message: 'leadWorkingDays must not exceed horizonWorkingDays',
  });

export const TemplateView = z.object({
  stationId: z.string(),
  stationName: z.string(),
  slotMinutes: z.number(),
  capacity: z.number(),
  weekly: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  exceptions: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['closed', 'hours']),
      periods: z.array(z.object({ start: z.string(), end: z.string() })).optional(),
      note: z.string().optional(),
    }),
  ),
  itemMinutes: z.record(z.string(), z.number()),
  leadWorkingDays: z.number(),
  horizonWorkingDays: z.number(),
  cancelCutoffHours: z.number(),
  noShowGraceMinutes: z.number(),
  noShowLimit: z.number(),
  noShowWindowDays: z.number(),
  /** The queue screen's address part (staff only). */
  screenToken: z.string(),
  updatedAt: z.string(),
});

export const StationParams = z.strictObject({ id: z.string().uuid() });
export const DateQuery = z.strictObject({ date: CalendarDateSchema });
export const SlotsQuery = z.strictObject({
  date: CalendarDateSchema,
  /** The catalog item to be done: slots are then starts with room for its whole duration. */
  itemCode: z.string().min(1).max(40).optional(),
});
export const OptionalDateQuery = z.strictObject({ date: CalendarDateSchema.optional() });

export const BookableStation = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  from: z.string(),
  to: z.string(),
});

export const StaffedStationView = z.object({
  id: z.string(),
  name: z.string(),
  hasTemplate: z.boolean(),
  own: z.boolean(),
});

export const SlotView = z.object({
  start: z.string(),
  end: z.string(),
  startsAt: z.string(),
  capacity: z.number(),
  booked: z.number(),
  free: z.number(),
});
export const DaySlots = z.object({
  stationId: z.string(),
  date: z.string(),
  /** Inside the booking window for this caller. */
  bookable: z.boolean(),
  /** How long the booking takes (the item's minutes in the template, else one slot). */
  minutes: z.number(),
  /** With an item: each slot is a possible start; its end and free places cover the whole run. */
  slots: z.array(SlotView),
});

export const NewBooking = z.strictObject({
  stationId: z.string().uuid(),
  date: CalendarDateSchema,
  start: Time,
  itemCode: z.string().min(1).max(40).optional(),
  /** Staff booking for a caller (电话预约); a resident books for themselves and leaves it out. */
  residentId: z.string().uuid().optional(),
});

export const BookingView = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  residentName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  startsAt: z.string(),
  itemCode: z.string().nullable(),
  channel: z.enum(['online', 'phone']),
  status: z.enum(['booked', 'cancelled', 'checked_in', 'no_show']),
  cancelUntil: z.string(),
  ticketLabel: z.string().nullable(),
  availableActions: z.array(z.enum(['cancel', 'check_in'])),
});

export const Priority = z.enum(PRIORITIES);
export const CheckInBody = z.strictObject({ priority: Priority.optional() });
export const WalkInBody = z.strictObject({
  residentId: z.string().uuid().optional(),
  priority: Priority.optional(),
});
export const CallNextBody = z.strictObject({
  desk: freeText({ max: 20 }).optional(),
  /** The window she calls to (she sits down there if she does not yet); else her seat of today. */
  windowId: z.string().uuid().optional(),
});

export const WindowView = z.object({
  id: z.string(),
  stationId: z.string(),
  number: z.number(),
  name: z.string(),
  archived: z.boolean(),
  /** Who sits at it today (staff of the station see it). */
  sitterName: z.string().nullable(),
  mine: z.boolean(),
  availableActions: z.array(z.enum(['sit', 'leave', 'rename', 'archive'])),
});
export const NewWindowBody = z.strictObject({
  number: z.number().int().min(1).max(MAX_WINDOWS),
  name: freeText({ max: 20 }).optional(),
});
export const WindowPatchBody = z
  .strictObject({ name: freeText({ max: 20 }).optional(), archived: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.archived !== undefined, {
    message: 'name or archived',
  });
export const LinkCaseBody = z.strictObject({ caseId: z.string().uuid() });

export const TicketView = z.object({
  id: z.string(),
  stationId: z.string(),
  date: z.string(),
  lane: z.enum(['A', 'B']),
  label: z.string(),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'skipped']),
  priority: Priority.nullable(),
  bookingId: z.string().nullable(),
  residentId: z.string().nullable(),
  residentName: z.string().nullable(),
  windowStartsAt: z.string().nullable(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  desk: z.string().nullable(),
  /** The window it was called to (its number: "to window 2"). */
  windowId: z.string().nullable(),
  windowNumber: z.number().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  waitMinutes: z.number().nullable(),
  serviceMinutes: z.number().nullable(),
  caseId: z.string().nullable(),
  availableActions: z.array(z.enum(['start', 'recall', 'skip', 'finish', 'file_case'])),
});
export const CallNextView = z.object({ ticket: TicketView.nullable() });

export const StationDayView = z.object({
  stationId: z.string(),
  stationName: z.string(),
  date: z.string(),
  hasTemplate: z.boolean(),
  slots: z.array(SlotView),
  bookings: z.array(BookingView),
  tickets: z.array(TicketView),
  windows: z.array(WindowView),
  /** The window the caller sits at today, if any. */
  myWindowId: z.string().nullable(),
});

export const ScreenParams = z.strictObject({ token: z.string().min(16).max(64) });
export const ScreenView = z.object({
  stationName: z.string(),
  date: z.string(),
  calling: z.array(
    z.object({
      label: z.string(),
      desk: z.string().nullable(),
      windowNumber: z.number().nullable(),
      /** A001 请到 2号窗口 / A001 to window 2. */
      text: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
  next: z.array(z.string()),
  waiting: z.number(),
});

export type TemplateBody = z.infer<typeof TemplateBody>;
export type BookingView = z.infer<typeof BookingView>;
export type TicketView = z.infer<typeof TicketView>;
