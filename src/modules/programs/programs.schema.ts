import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';
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
  /** School grades (0 学前, 1–6 小学, 7–9 初中, 10–12 高中) on the season's first day. */
  minGrade: z.number().int().min(0).max(12).nullable().default(null),
  maxGrade: z.number().int().min(0).max(12).nullable().default(null),
  catchmentCodes: z.array(RegionCode).max(50).default([]),
  /** 小区 of the venue's community (as the organiser listed them); empty: no such limit. */
  catchmentNeighbourhoods: z
    .array(freeText({ max: 40 }))
    .max(30)
    .default([]),
  /** A child from outside those neighbourhoods: refused, or ranked after their children. */
  outsideCatchment: z.enum(['refuse', 'rank_after']).default('refuse'),
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
export const ProgramsPageQuery = ProgramsQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const ClassView = z.strictObject({
  id: z.string(),
  name: z.string(),
  capacity: z.number(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  minGrade: z.number().nullable(),
  maxGrade: z.number().nullable(),
  catchmentCodes: z.array(z.string()),
  catchmentNeighbourhoods: z.array(z.string()),
  outsideCatchment: z.enum(['refuse', 'rank_after']),
  mode: z.enum(['first_come', 'lottery']),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  offerHours: z.number(),
  /** Lottery: when the draw ran (then the class is first-come), else null. */
  drawnAt: z.string().nullable(),
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

/** A school grade as the guardian states it; the school year defaults to the current one. */
const SchoolGradeBody = z.strictObject({
  grade: z.number().int().min(0).max(12),
  /** The calendar year the school year started (2026 = 2026–27); default: today's school year. */
  schoolYear: z.number().int().min(2000).max(2100).optional(),
});

export const NewChild = z.strictObject({
  realName: freeText({ max: 40 }),
  /** 18 characters; the birth date is read from it. Never answered back. */
  idNumber: z.string().min(15).max(20),
  relation: z.enum(['father', 'mother', 'grandparent', 'other_relative', 'legal_guardian']),
  schoolGrade: SchoolGradeBody.nullable().default(null),
  /** One of the 小区 the guardian's community lists (GET /programs/neighbourhoods). */
  neighbourhood: freeText({ max: 40 }).nullable().default(null),
});

/** The guardian corrects a registered child's grade or 小区 (null clears it). */
export const ChildDetails = z.strictObject({
  schoolGrade: SchoolGradeBody.nullable().optional(),
  neighbourhood: freeText({ max: 40 }).nullable().optional(),
});

export const ChildView = z.strictObject({
  id: z.string(),
  realName: z.string(),
  idMasked: z.string(),
  birthDate: z.string(),
  relation: z.string(),
  regionCode: z.string(),
  /** As stated, with the school year it was stated for; `gradeNow` is today's grade. */
  schoolGrade: z
    .strictObject({ grade: z.number(), schoolYear: z.number(), gradeNow: z.number() })
    .nullable(),
  neighbourhood: z.string().nullable(),
});

/** The named neighbourhoods (小区) of a community, in the organiser's order. */
export const NeighbourhoodList = z.strictObject({
  regionCode: z.string(),
  names: z.array(z.string()),
});
export const NeighbourhoodsQuery = z.strictObject({ regionCode: RegionCode.optional() });
export const NeighbourhoodsBody = z.strictObject({
  names: z.array(freeText({ min: 1, max: 40 })).max(30),
  /**
   * 小区 renamed in this change (`from` listed before, `to` in `names`): the children registered in
   * `from` and the classes whose catchment names it move to `to`, so no one falls out of a class.
   */
  renames: z
    .array(
      z.strictObject({ from: freeText({ min: 1, max: 40 }), to: freeText({ min: 1, max: 40 }) }),
    )
    .max(30)
    .default([]),
});

export const PriorityClaimBody = z.strictObject({
  group: z.enum(PRIORITY_GROUPS),
  evidence: freeText({ max: 300 }),
});

export const NewEnrolment = z.strictObject({
  childId: z.string().uuid(),
  priorityGroups: z.array(PriorityClaimBody).max(3).default([]),
});

/** Siblings of one guardian apply together: all placed, all waitlisted together, or all refused. */
export const NewSiblingEnrolment = z.strictObject({
  childIds: z.array(z.string().uuid()).min(2).max(6),
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
  /** Waitlisted: the rank in the queue (1 = next; priority groups, then time or lottery order). */
  position: z.number().nullable(),
  appliedAt: z.string(),
  offerExpiresAt: z.string().nullable(),
  /** Siblings who applied together share it. */
  siblingGroup: z.string().nullable(),
  availableActions: z.array(z.enum(ENROLMENT_ACTIONS)),
});
export type EnrolmentView = z.infer<typeof EnrolmentView>;

/** The organiser moves a family to the head of the waitlist: the reason is recorded and audited. */
export const MoveUpBody = z.strictObject({ reason: freeText({ min: 2, max: 500 }) });

const DrawInput = z.strictObject({
  id: z.string(),
  siblingGroup: z.string().nullable(),
  priorityRank: z.number().int(),
});

/** CP-2 a lottery's recorded draw: the seed, the applications drawn among and the order. */
export const LotteryDrawView = z.strictObject({
  classId: z.string(),
  seed: z.number().int(),
  places: z.number().int(),
  algorithm: z.literal('mulberry32-fisher-yates-v1'),
  inputs: z.array(DrawInput),
  order: z.array(z.string()),
  enrolled: z.array(z.string()),
  waitlisted: z.array(z.string()),
  drawnAt: z.string(),
  drawnBy: z.enum(['organiser', 'sweep']),
});
export type LotteryDrawView = z.infer<typeof LotteryDrawView>;

/** The draw re-run from its recorded seed and inputs, compared with what was recorded. */
export const LotteryVerification = z.strictObject({
  classId: z.string(),
  seed: z.number().int(),
  matches: z.boolean(),
  recomputedOrder: z.array(z.string()),
  recomputedEnrolled: z.array(z.string()),
  /** The applications' statuses after the draw agree with it (enrolled / waitlisted or since moved on). */
  rowsAgree: z.boolean(),
});
