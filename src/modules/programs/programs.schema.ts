import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { ENROLMENT_ACTIONS } from './enrolment.workflow.ts';
import { PRIORITY_GROUPS } from './enrolment.rules.ts';

const Instant = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const RegionCode = z.string().regex(/^\d{12}$/);

export const NewClass = z.strictObject({
  name: freeText({ max: 60 }),
  capacity: z.number().int().min(1).max(2000),
  /** The hard maximum the venue allows (e.g. 45 for a class of 40). */
  hardMax: z.number().int().min(1).max(2000),
  minAge: z.number().int().min(0).max(18).nullable().default(null),
  maxAge: z.number().int().min(0).max(18).nullable().default(null),
  catchmentCodes: z.array(RegionCode).max(50).default([]),
  mode: z.enum(['first_come', 'lottery']).default('first_come'),
  opensAt: Instant,
  /** Lottery: applications are collected until then. */
  closesAt: Instant.nullable().default(null),
  offerHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
});

export const NewProgram = z.strictObject({
  organiserName: freeText({ max: 100 }),
  title: freeText({ max: 100 }),
  kind: z.enum(['summer_care', 'lecture', 'training', 'event']),
  venueName: freeText({ max: 100 }),
  regionCode: RegionCode,
  seasonStartsOn: Day,
  seasonEndsOn: Day,
  feeFen: z.number().int().min(0).max(10_000_000).default(0),
  waiverNote: freeText({ max: 500 }).nullable().default(null),
  classes: z.array(NewClass).min(1).max(50),
});
export type NewProgram = z.infer<typeof NewProgram>;

export const ProgramsQuery = z.strictObject({
  /** browse: published programs in a region (default: the caller's); managed: those I organise. */
  view: z.enum(['browse', 'managed']).default('browse'),
  regionCode: RegionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProgramsQuery = z.infer<typeof ProgramsQuery>;

export const ClassView = z.strictObject({
  id: z.string(),
  name: z.string(),
  capacity: z.number(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  catchmentCodes: z.array(z.string()),
  mode: z.enum(['first_come', 'lottery']),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  offerHours: z.number(),
  /** Places anyone may still take: 0 while a waitlist exists (freed seats go to it). */
  freePlaces: z.number(),
  waitlistLength: z.number(),
  /** Only for the organiser in scope. */
  manage: z
    .strictObject({ hardMax: z.number(), enrolled: z.number(), offered: z.number() })
    .optional(),
});

export const ProgramView = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['summer_care', 'lecture', 'training', 'event']),
  organiserName: z.string(),
  venueName: z.string(),
  regionCode: z.string(),
  seasonStartsOn: z.string(),
  seasonEndsOn: z.string(),
  feeFen: z.number(),
  waiverNote: z.string().nullable(),
  status: z.enum(['published', 'cancelled']),
  classes: z.array(ClassView),
});
export type ProgramView = z.infer<typeof ProgramView>;

export const NewChild = z.strictObject({
  realName: freeText({ max: 40 }),
  /** 18 characters; the birth date is read from it. Never answered back. */
  idNumber: z.string().min(15).max(20),
  relation: z.enum(['father', 'mother', 'grandparent', 'other_relative', 'legal_guardian']),
});

export const ChildView = z.strictObject({
  id: z.string(),
  realName: z.string(),
  idMasked: z.string(),
  birthDate: z.string(),
  relation: z.string(),
  regionCode: z.string(),
});

export const PriorityClaimBody = z.strictObject({
  group: z.enum(PRIORITY_GROUPS),
  evidence: freeText({ max: 300 }),
});

export const NewEnrolment = z.strictObject({
  childId: z.string().uuid(),
  priorityGroups: z.array(PriorityClaimBody).max(3).default([]),
});

export const EnrolmentView = z.strictObject({
  id: z.string(),
  classId: z.string(),
  childId: z.string(),
  childName: z.string(),
  status: z.enum([
    'applied',
    'enrolled',
    'waitlisted',
    'offered',
    'expired',
    'declined',
    'withdrawn',
  ]),
  priorityGroups: z.array(PriorityClaimBody),
  position: z.number().nullable(),
  appliedAt: z.string(),
  offerExpiresAt: z.string().nullable(),
  availableActions: z.array(z.enum(ENROLMENT_ACTIONS)),
});
export type EnrolmentView = z.infer<typeof EnrolmentView>;
