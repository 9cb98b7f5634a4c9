import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';
import { ACTIVITY_ACTIONS } from './activity.workflow.ts';
import { RECORD_ACTIONS } from '../records/record.workflow.ts';
import { SIGNUP_ACTIONS } from './signup.workflow.ts';

const Instant = z.iso.datetime({ offset: true });

export const NewActivity = z
  .strictObject({
    /** An order the caller's team accepted (state accepted or in_service) … */
    orderId: z.string().uuid().optional(),
    /** … or a standing project (no order): then teamId or the project's team runs it. */
    projectId: z.string().uuid().optional(),
    teamId: z.string().uuid().optional(),
    title: freeText({ max: 100 }),
    description: freeText({ max: 2000, min: 0 }).default(''),
    place: freeText({ max: 200 }),
    /** Defaults to the order's (or the project's) region. */
    regionCode: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    startsAt: Instant,
    endsAt: Instant,
    capacity: z.number().int().min(1).max(10_000),
    skills: z
      .array(freeText({ max: 40 }))
      .max(20)
      .default([]),
    /** The account that runs check-in on the day (default: the creator). */
    leadAccountId: z.string().uuid().optional(),
  })
  .refine((b) => (b.orderId === undefined) !== (b.projectId === undefined), {
    message: 'exactly one of orderId and projectId',
    path: ['orderId'],
  })
  .refine((b) => b.orderId === undefined || b.teamId === undefined, {
    message: 'an order’s activity belongs to the accepting team',
    path: ['teamId'],
  });

export const Reason = z.strictObject({ reason: freeText({ max: 500 }) });

export const ActivityQuery = z.strictObject({
  /** open: upcoming activities open for sign-up; managed: those I lead or act for. */
  view: z.enum(['open', 'managed']).default('open'),
  orderId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Issue #16 p5: the same filters, paged by keyset (`after`: the previous page's nextCursor). */
export const ActivityPageQuery = ActivityQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const MyActivitiesQuery = z.strictObject({
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const MyActivitiesPageQuery = MyActivitiesQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const Direction = z.enum(['in', 'out']);

export const CodeQuery = z.strictObject({ direction: Direction.default('in') });

export const CodeSubmission = z.strictObject({
  direction: Direction,
  code: z.string().regex(/^\d{6}$/),
  /** When the code was typed, sent by a phone that queued the check-in during a network cut. */
  scannedAt: Instant.optional(),
});

export const LeadAttendance = z.strictObject({
  volunteerId: z.string().uuid(),
  direction: Direction,
  /** When it happened (default: now); never in the future. */
  at: Instant.optional(),
});

export const TravelBody = z.strictObject({ travelMinutes: z.number().int().min(0).max(600) });

export const ConfirmBody = z.strictObject({
  travelMinutes: z.number().int().min(0).max(600).optional(),
  evaluation: freeText({ max: 500, min: 0 }).optional(),
});

const SignupStatus = z.enum(['confirmed', 'waitlisted', 'cancelled']);
const RecordStatus = z.enum(['checked_in', 'pending_confirmation', 'confirmed', 'rejected']);

export const RecordView = z.object({
  id: z.string(),
  volunteerId: z.string(),
  activityId: z.string(),
  serviceDate: z.string(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  checkInMethod: z.enum(['code', 'lead']),
  checkOutMethod: z.enum(['code', 'lead']).nullable(),
  travelMinutes: z.number(),
  /** Counted hours in half-hour units (after travel, rounding and the daily cap). */
  halfHours: z.number(),
  hours: z.number(),
  status: RecordStatus,
  evaluation: z.string().nullable(),
  rejectReason: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** What the caller may do to the record now (records/record.workflow.ts). */
  availableActions: z.array(z.enum(RECORD_ACTIONS)),
});

export const MySignup = z.object({
  status: SignupStatus,
  /** 1 = next to be promoted; null unless waitlisted. */
  waitlistRank: z.number().nullable(),
});

export const ActivityView = z.object({
  id: z.string(),
  orderId: z.string().nullable(),
  projectId: z.string().nullable(),
  teamId: z.string(),
  teamName: z.string(),
  title: z.string(),
  description: z.string(),
  place: z.string(),
  regionCode: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  confirmedCount: z.number(),
  waitlistCount: z.number(),
  skills: z.array(z.string()),
  leadAccountId: z.string(),
  leadName: z.string(),
  status: z.enum(['open', 'cancelled', 'completed']),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  /** The caller may run the roster, the code screen and hours. */
  canManage: z.boolean(),
  mySignup: MySignup.nullable(),
  /** What the caller may do now (activity.workflow.ts): the web shows these buttons and no others. */
  availableActions: z.array(z.enum(ACTIVITY_ACTIONS)),
});

export const SignupView = z.object({
  id: z.string(),
  activityId: z.string(),
  volunteerId: z.string(),
  status: SignupStatus,
  waitlistRank: z.number().nullable(),
  createdAt: z.string(),
  promotedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

export const RosterEntry = z.object({
  signupId: z.string(),
  volunteerId: z.string(),
  volunteerNumber: z.string(),
  fullName: z.string(),
  phoneMasked: z.string().nullable(),
  status: SignupStatus,
  waitlistRank: z.number().nullable(),
  signedUpAt: z.string(),
  promotedAt: z.string().nullable(),
  record: RecordView.nullable(),
  /** What the caller (who runs the activity) may do to the sign-up now (signup.workflow.ts). */
  availableActions: z.array(z.enum(SIGNUP_ACTIONS)),
});

export const RosterView = z.object({
  activity: ActivityView,
  confirmed: z.array(RosterEntry),
  waitlist: z.array(RosterEntry),
});

export const CodeView = z.object({
  code: z.string(),
  direction: Direction,
  validUntil: z.string(),
  periodSeconds: z.number(),
  /** What the QR encodes: the volunteer's check-in page with activity, direction and code. */
  link: z.string(),
  /** The QR as an SVG data URL, ready for an <img>. */
  qrDataUrl: z.string(),
});

export const MyActivity = z.object({
  activity: ActivityView,
  signup: SignupView,
  record: RecordView.nullable(),
});

export const AttendanceResult = z.object({ record: RecordView });
