/** API shapes of home visits (上门服务, GS-10). */
import { z } from 'zod';
import { VISIT_WINDOWS } from './visit-window.ts';
import { freeText } from '../../shared/free-text.ts';
import { HOME_VISIT_ACTIONS, HOME_VISIT_STATUSES } from './home-visit.workflow.ts';
import { RECORD_TEMPLATES, RecordFlag } from './visit-record.templates.ts';

const Day = z.iso.date();
const Mobile = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'mainland mobile');

export const VisitParams = z.object({ id: z.string().uuid() });

export const NewHomeVisit = z.strictObject({
  residentId: z.string().uuid(),
  /** Who asked: the resident, a relative, the village agent, or staff taking a phone call. */
  requestedBy: z.enum(['resident', 'relative', 'agent', 'staff']),
  /** The relation of whoever asked for the resident (a relative: 女儿, 儿媳…). */
  requesterRelation: freeText({ max: 20 }).optional(),
  reason: z.enum(['elderly', 'disabled', 'ill']),
  itemCode: z.string().trim().min(1).max(40).optional(),
  preferredDates: z.array(Day).max(7).default([]),
  contactPhone: Mobile.optional(),
  note: freeText({ max: 500 }).optional(),
  /** The serving unit: one of the caller's stations; omitted, the caller's only one. */
  stationId: z.string().uuid().optional(),
});

export const VisitQuery = z.strictObject({
  status: z.enum(HOME_VISIT_STATUSES).optional(),
  day: Day.optional(),
});

export const RecordSummary = z.object({
  id: z.string(),
  template: z.enum(RECORD_TEMPLATES),
  authorName: z.string(),
  createdAt: z.string(),
  /** The values and flags: given to the author and the resident; others reveal with a reason. */
  values: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  flags: z.array(RecordFlag).nullable(),
  revealable: z.boolean(),
});

export const HomeVisitView = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  requestedBy: z.enum(['resident', 'relative', 'agent', 'staff']),
  requesterRelation: z.string().nullable(),
  reason: z.enum(['elderly', 'disabled', 'ill']),
  itemCode: z.string().nullable(),
  preferredDates: z.array(z.string()),
  contactPhoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(HOME_VISIT_STATUSES),
  routeId: z.string().nullable(),
  day: z.string().nullable(),
  /** Scheduled: the half-day promised to the resident ('HH:MM', China time). */
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  stop: z.number().nullable(),
  caseId: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  visitedAt: z.string().nullable(),
  createdAt: z.string(),
  availableActions: z.array(z.enum(HOME_VISIT_ACTIONS)),
  /** Only for the visiting unit's staff: the records of the visit (never another unit's). */
  records: z.array(RecordSummary),
});
export type HomeVisitView = z.infer<typeof HomeVisitView>;

/** Issue #14: a resident (or a relative on their account) asks for a visit from the phone pages. */
export const MyVisitRequest = z.strictObject({
  requestedBy: z.enum(['resident', 'relative']),
  /** The relation of the relative asking (女儿, 儿媳…). */
  requesterRelation: freeText({ max: 20 }).optional(),
  reason: z.enum(['elderly', 'disabled', 'ill']),
  preferredDates: z.array(Day).max(7).default([]),
  contactPhone: Mobile.optional(),
  note: freeText({ max: 500 }).optional(),
});

/** Issue #14: the resident's own visit, with the structured records made on it (China times). */
export const MyVisitView = z.object({
  id: z.string(),
  stationName: z.string(),
  reason: z.enum(['elderly', 'disabled', 'ill']),
  status: z.enum(HOME_VISIT_STATUSES),
  preferredDates: z.array(z.string()),
  /** Scheduled: the day and the promised window ('HH:MM', China time). */
  day: z.string().nullable(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  visitedAt: z.string().nullable(),
  createdAt: z.string(),
  /** From the transition table, as the applicant: `cancel` while requested or scheduled. */
  availableActions: z.array(z.enum(HOME_VISIT_ACTIONS)),
  /** Cancelled: the reason given (the resident's, or the station's note). */
  outcomeNote: z.string().nullable(),
  records: z.array(
    z.object({
      id: z.string(),
      template: z.enum(RECORD_TEMPLATES),
      createdAt: z.string(),
      values: z.record(z.string(), z.union([z.string(), z.number()])),
      flags: z.array(RecordFlag),
    }),
  ),
});

/** Issue #14: the resident cancels their own visit before it starts, saying why. */
export const CancelMyVisit = z.strictObject({ reason: freeText({ max: 200, min: 2 }) });

export const ScheduleVisits = z.strictObject({
  day: Day,
  /** Issue #14: the window promised to the residents (morning 09:00–12:00, afternoon 14:00–17:00). */
  window: z.enum(VISIT_WINDOWS).default('morning'),
  visitIds: z.array(z.string().uuid()).min(1).max(100),
});

export const RouteView = z.object({
  id: z.string(),
  stationId: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  day: z.string(),
  stops: z.array(HomeVisitView),
});
export type RouteView = z.infer<typeof RouteView>;

export const RouteQuery = z.strictObject({ day: Day });

export const RouteOrder = z.strictObject({
  visitIds: z.array(z.string().uuid()).min(1).max(100),
});

export const CompleteVisit = z.strictObject({
  /** The case filed on the spot (POST /cases with channel home_visit), if one was. */
  caseId: z.string().uuid().optional(),
  note: freeText({ max: 500 }).optional(),
});
export const VisitNote = z.strictObject({ note: freeText({ max: 500 }).optional() });

export const RevealRecord = z.strictObject({ reason: freeText({ max: 500, min: 4 }) });
export const RevealedRecord = z.object({
  id: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  flags: z.array(RecordFlag),
});

/** The resident's own records (light entry). */
export const MyRecordView = z.object({
  id: z.string(),
  template: z.enum(RECORD_TEMPLATES),
  stationName: z.string(),
  createdAt: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  flags: z.array(RecordFlag),
});
