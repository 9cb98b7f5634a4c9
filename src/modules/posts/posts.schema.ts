import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { isValidIsoDate } from '../calendar/working-days.ts';
import { OpeningHoursSchema } from '../regions/regions.schema.ts';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isValidIsoDate, 'not a date');
/** A China date (a whole day) or a China date-time to the minute. */
const ChinaWhen = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/, 'YYYY-MM-DD or YYYY-MM-DDTHH:MM')
  .refine((v) => isValidIsoDate(v.slice(0, 10)), 'not a date');

export const NewPost = z.strictObject({
  stationId: z.string().uuid(),
  name: freeText({ max: 40 }),
  /** The post's own hours; omitted or null: the station's opening hours. */
  openingHours: OpeningHoursSchema.nullable().optional(),
  aAccountId: z.string().uuid(),
  bAccountId: z.string().uuid(),
});

export const PostPatch = z
  .strictObject({
    /** The version the editor saw (optimistic concurrency). */
    version: z.number().int().min(1),
    name: freeText({ max: 40 }).optional(),
    openingHours: OpeningHoursSchema.nullable().optional(),
    aAccountId: z.string().uuid().optional(),
    bAccountId: z.string().uuid().optional(),
  })
  .refine((b) => Object.keys(b).length > 1, 'nothing to change');

export const PostQuery = z.strictObject({ stationId: z.string().uuid().optional() });

export const ABSENCE_KINDS = ['planned_leave', 'absent_today', 'training', 'other'] as const;

export const NewAbsence = z.strictObject({
  /** Whose absence; omitted: the caller's own. */
  accountId: z.string().uuid().optional(),
  kind: z.enum(ABSENCE_KINDS),
  /**
   * China time. A date alone is a whole day (`to` inclusive); a date-time is exact (`to`
   * exclusive). `absent_today` may omit both: from now to the end of today.
   */
  from: ChinaWhen.optional(),
  to: ChinaWhen.optional(),
  note: freeText({ max: 200 }).optional(),
});

export const AbsenceQuery = z.strictObject({
  stationId: z.string().uuid().optional(),
  /** Absences that have not ended by this China date (default today). */
  from: Day.optional(),
});

export const CoverageQuery = z.strictObject({
  stationId: z.string().uuid(),
  /** The first day shown; omitted: Monday of this week (China time, the server's clock). */
  from: Day.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});

const Person = z.object({ id: z.string(), displayName: z.string() });
const Slot = z.enum(['a', 'b', 'nobody']);

export const PostView = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  /** The hours the post keeps (its own or the station's). */
  openingHours: OpeningHoursSchema,
  ownHours: z.boolean(),
  a: Person,
  b: Person,
  /** Who holds the post now (the server's clock). */
  holderNow: z.object({ slot: Slot, accountId: z.string().nullable() }),
  version: z.number().int(),
  availableActions: z.array(z.enum(['edit'])),
});
export type PostView = z.infer<typeof PostView>;

export const AbsenceView = z.object({
  id: z.string(),
  account: Person,
  kind: z.enum(ABSENCE_KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
  status: z.enum(['active', 'cancelled']),
  recordedBy: z.string(),
  createdAt: z.string(),
  availableActions: z.array(z.enum(['cancel'])),
});
export type AbsenceView = z.infer<typeof AbsenceView>;

export const CoverageView = z.object({
  stationId: z.string(),
  from: z.string(),
  to: z.string(),
  posts: z.array(z.object({ id: z.string(), name: z.string(), a: Person, b: Person })),
  days: z.array(
    z.object({
      date: z.string(),
      working: z.boolean(),
      posts: z.array(
        z.object({
          postId: z.string(),
          slots: z.array(
            z.object({
              from: z.string(),
              to: z.string(),
              holder: Slot,
              accountId: z.string().nullable(),
              gap: z.boolean(),
            }),
          ),
        }),
      ),
    }),
  ),
  /** Hours with nobody, joined per post and day. */
  gaps: z.array(
    z.object({
      postId: z.string(),
      date: z.string(),
      from: z.string(),
      to: z.string(),
      warned: z.boolean(),
    }),
  ),
});
