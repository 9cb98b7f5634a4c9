import { z } from 'zod';
import { AfterCursor } from '../../shared/keyset.ts';
import { freeText } from '../../shared/free-text.ts';

/** The receiver, reason and deadline of a hand-off (of any matter). */
const HANDOFF_TO = {
  /** The receiver: staff whose scope covers the matter (or name a post instead). */
  toAccountId: z.string().uuid().optional(),
  /** GS-11: a post (AB岗) instead of a person: it lands with whoever holds the post now. */
  toPostId: z.string().uuid().optional(),
  reason: freeText({ max: 1000 }),
  /** The hand-off's own deadline in working days (default 1). */
  dueDays: z.number().int().min(1).max(20).optional(),
};
const oneReceiver = (b: { toAccountId?: string | undefined; toPostId?: string | undefined }) =>
  (b.toAccountId === undefined) !== (b.toPostId === undefined);
const ONE_RECEIVER = { message: 'name exactly one receiver: toAccountId or toPostId' };

export const NewHandoff = z
  .strictObject({
    entityType: z.enum(['case', 'inquiry']),
    entityId: z.string().uuid(),
    ...HANDOFF_TO,
  })
  .refine(oneReceiver, ONE_RECEIVER);

/** A hand-off of a matter recorded in the same request (the refusal's inquiry, issue #14). */
export const HandoffTo = z.strictObject(HANDOFF_TO).refine(oneReceiver, ONE_RECEIVER);

export const DeclineHandoff = z.strictObject({
  reason: freeText({ max: 1000 }),
});

export const HandoffQuery = z.strictObject({
  /** incoming: handed to me; outgoing: handed on by me; overdue: pending past the deadline. */
  box: z.enum(['incoming', 'outgoing', 'overdue']).default('incoming'),
  status: z.enum(['pending', 'accepted', 'declined']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Issue #16 p5: the same box and filter, paged by keyset. */
export const HandoffPageQuery = HandoffQuery.omit({ offset: true }).extend({ after: AfterCursor });

const Person = z.object({ id: z.string(), displayName: z.string() });

export const HandoffView = z.object({
  id: z.string(),
  entityType: z.enum(['case', 'inquiry']),
  entityId: z.string(),
  regionCode: z.string(),
  firstResponderId: z.string(),
  from: Person,
  to: Person,
  /**
   * GS-11: the post it was addressed to. While pending the hand-off follows the post's holder
   * (`to` moves); once accepted the post handles the matter: whoever holds it now may act on it.
   * `holderNow`: A, or B while A is away; null when nobody holds it now.
   */
  toPost: z
    .object({
      id: z.string(),
      name: z.string(),
      holderNow: z
        .object({ id: z.string(), displayName: z.string(), slot: z.enum(['a', 'b']) })
        .nullable(),
    })
    .nullable(),
  reason: z.string(),
  dueDate: z.string(),
  /** GS-8: the deadline counts through a year whose holiday notice is not entered yet. */
  dueDateProvisional: z.boolean(),
  provisionalYears: z.array(z.number().int()),
  status: z.enum(['pending', 'accepted', 'declined']),
  declineReason: z.string().nullable(),
  /** Pending past its due date (at the server's now). */
  overdue: z.boolean(),
  /** Who answers for the matter as far as this hand-off goes (the first responder while pending). */
  accountableId: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
