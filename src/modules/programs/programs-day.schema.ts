/** API shapes of CP-3 attendance and safe pickup, CP-4 volunteer staffing. */
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { ATTENDANCE_ACTIONS } from './attendance.workflow.ts';

const Day = z.iso.date();
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const ClassDayParams = z.object({ id: z.string().uuid(), day: Day });

export const ClassDaySettings = z.strictObject({
  dayStarts: Time,
  dayEnds: Time,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  daysOff: z.array(Day).max(200).default([]),
  lateGraceMinutes: z.number().int().min(0).max(240).default(15),
  /** Late pickups plus unexcused absences before withdrawal is proposed. */
  strikeLimit: z.number().int().min(1).max(50).default(3),
  /** At most this many present children per present staff member (1:10 by default). */
  childrenPerStaff: z.number().int().min(1).max(100).default(10),
});
export type ClassDaySettings = z.infer<typeof ClassDaySettings>;

export const ClassDaySettingsView = ClassDaySettings.extend({ classId: z.string() });

export const PickupCodeView = z.strictObject({
  programId: z.string(),
  programTitle: z.string(),
  venueName: z.string(),
  classId: z.string(),
  className: z.string(),
  day: z.string(),
  /** The session's times that day (instants; shown in China time). */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The guardian's slip. */
  code: z.string(),
  /** The child's tag (the code's first two characters). */
  tag: z.string(),
});

export const NewPickupPerson = z.strictObject({
  /** authorised: may take the child home; blocked: must never be given the child. */
  kind: z.enum(['authorised', 'blocked']),
  name: freeText({ max: 40 }),
  relation: freeText({ max: 20 }),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, 'mainland mobile')
    .optional(),
  /** A reference to a photo the guardian uploaded (attachments). */
  photoRef: z.string().uuid().optional(),
  validFrom: Day.optional(),
  validUntil: Day.optional(),
  /** Today only (overrides validFrom/validUntil). */
  todayOnly: z.boolean().default(false),
});

export const PickupPersonView = z.strictObject({
  id: z.string(),
  childId: z.string(),
  kind: z.enum(['authorised', 'blocked']),
  name: z.string(),
  relation: z.string(),
  phoneMasked: z.string().nullable(),
  photoRef: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  revoked: z.boolean(),
});
export type PickupPersonView = z.infer<typeof PickupPersonView>;

export const AttendanceStatusEnum = z.enum([
  'expected',
  'present',
  'released',
  'absent',
  'auto_closed',
]);
export const AbsenceKindEnum = z.enum(['sick', 'informed', 'unexcused']);

export const AttendanceView = z.strictObject({
  id: z.string(),
  sessionId: z.string(),
  classId: z.string(),
  className: z.string(),
  childId: z.string(),
  childName: z.string(),
  day: z.string(),
  status: AttendanceStatusEnum,
  absenceKind: AbsenceKindEnum.nullable(),
  signedInAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  /** To whom the child was handed (name and relation as the guardian listed them). */
  releasedTo: z.strictObject({ name: z.string(), relation: z.string() }).nullable(),
  late: z.boolean(),
  /** Closed by the day-end sweep: signed in, never signed out. */
  flagged: z.boolean(),
  availableActions: z.array(z.enum(ATTENDANCE_ACTIONS)),
});
export type AttendanceView = z.infer<typeof AttendanceView>;

export const MarkAbsence = z.strictObject({ kind: AbsenceKindEnum });
export const ReportAbsence = z.strictObject({
  classId: z.string().uuid(),
  day: Day,
  kind: z.enum(['sick', 'informed']),
});

export const ReleaseBody = z.strictObject({
  /** The day's code from the guardian's slip, or the 2-character tag. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{2,12}$/, 'the code or the tag'),
  /** The authorised person (from the child's list) the child is handed to. */
  personId: z.string().uuid(),
  /** The name the person at the door gives. */
  presentedName: freeText({ max: 40 }),
});

export const ReleaseLogView = z.strictObject({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  outcome: z.enum(['released', 'refused']),
  refusal: z.string().nullable(),
  presentedBy: z.string(),
  staffName: z.string(),
  at: z.string(),
});

export const NewRosterEntry = z.strictObject({ volunteerId: z.string().uuid() });

/** CP-4 the roster's lookup: name, phone's last four digits or team name (≥ 1 character). */
export const VolunteerLookupQuery = z.strictObject({
  q: z.string().trim().min(1).max(30),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const VolunteerCandidate = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** As stored: 138****0002, never the full number. */
  phoneMasked: z.string().nullable(),
  teams: z.array(z.string()),
});
export type VolunteerCandidate = z.infer<typeof VolunteerCandidate>;

export const StaffView = z.strictObject({
  id: z.string(),
  sessionId: z.string(),
  volunteerId: z.string(),
  name: z.string(),
  team: z.string(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  hours: z.number().nullable(),
  /** Never checked out: the day-end sweep closed it at the session's end (hours once confirmed). */
  flagged: z.boolean(),
  availableActions: z.array(z.enum(['check_in', 'check_out'])),
});
export type StaffView = z.infer<typeof StaffView>;

export const RatioWarningView = z.strictObject({
  from: z.string(),
  to: z.string(),
  staff: z.number(),
  children: z.number(),
});

export const ProposalView = z.strictObject({
  id: z.string(),
  enrolmentId: z.string(),
  childName: z.string(),
  classId: z.string(),
  lateCount: z.number(),
  absenceCount: z.number(),
  status: z.enum(['proposed', 'confirmed', 'dismissed']),
  createdAt: z.string(),
  availableActions: z.array(z.enum(['confirm', 'dismiss'])),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const ClassDayView = z.strictObject({
  classId: z.string(),
  className: z.string(),
  programId: z.string(),
  day: z.string(),
  sessionId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['open', 'closed']),
  /** The caller's standing: the organiser manages roster and hours; rostered staff run the door. */
  party: z.enum(['organiser', 'rostered']),
  children: z.array(
    AttendanceView.extend({
      /** Who may collect the child today (phones masked). */
      pickupPersons: z.array(PickupPersonView),
    }),
  ),
  staff: z.array(StaffView),
  ratio: z.strictObject({
    childrenPerStaff: z.number(),
    warnings: z.array(RatioWarningView),
  }),
  hoursConfirmedAt: z.string().nullable(),
  availableActions: z.array(z.enum(['add_staff', 'confirm_hours'])),
});
export type ClassDayView = z.infer<typeof ClassDayView>;
