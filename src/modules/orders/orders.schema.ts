import { z } from 'zod';
import { DECLINE_REASONS } from './order.rules.ts';
import { NEED_ACTIONS, ORDER_ACTIONS, ORDER_STATES } from './order.workflow.ts';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';

const RegionCode = z.string().regex(/^\d{12}(\d{3})?$/);
const Iso = z.iso.datetime({ offset: true });
const Phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile (11 digits) or a landline number');
const Text = (max: number) => z.string().trim().min(1).max(max);

const NeedFields = {
  /** The village/community (or grid) where the service is wanted. */
  regionCode: RegionCode,
  /** From the menu: the project; the category then comes from the project. */
  projectId: z.string().uuid().optional(),
  categoryCode: z.string().trim().min(1).max(40).optional(),
  description: freeText({ max: 2000 }),
  place: freeText({ max: 200 }),
  wantedFrom: Iso.optional(),
  wantedTo: Iso.optional(),
  contactName: Text(50),
  contactPhone: Phone,
};

export const NewNeed = z.strictObject(NeedFields);
export const NewNeedOnBehalf = z.strictObject({
  ...NeedFields,
  /** May be left out for a registered resident (residentId) with a phone on record: that is used. */
  contactPhone: Phone.optional(),
  channel: z.enum(['phone', 'wechat', 'walk_in']),
  /** A registered resident; when they have an account they follow and rate it themselves. */
  residentId: z.string().uuid().optional(),
});

export const NeedQuery = z.strictObject({
  status: z.enum(['submitted', 'accepted', 'rejected']).optional(),
  categoryCode: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Issue #16 p5: the same filters, paged by keyset (`after`: the previous page's nextCursor). */
export const NeedPageQuery = NeedQuery.omit({ offset: true }).extend({ after: AfterCursor });

export const AcceptNeed = z.strictObject({ title: freeText({ max: 200 }).optional() });
export const RejectNeed = z.strictObject({ reason: freeText({ max: 500 }) });
export const MergeNeeds = z.strictObject({
  needIds: z.array(z.string().uuid()).min(2).max(100),
  title: freeText({ max: 200 }),
  description: freeText({ max: 2000 }).optional(),
  place: freeText({ max: 200 }).optional(),
});

export const OrderQuery = z.strictObject({
  state: z.enum(ORDER_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Issue #16 p5: the same filters, paged by keyset (`after`: the previous page's nextCursor). */
export const OrderPageQuery = OrderQuery.omit({ offset: true }).extend({ after: AfterCursor });
const WindowHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 14);
export const DirectOrder = z.strictObject({
  teamId: z.string().uuid(),
  windowHours: WindowHours.optional(),
});
export const OpenOrder = z.strictObject({ windowHours: WindowHours.optional() });
export const ReassignOrder = z.strictObject({
  /** Straight to another team (directed), or back to the centre when omitted. */
  teamId: z.string().uuid().optional(),
  note: freeText({ max: 500 }),
  windowHours: WindowHours.optional(),
});
export const TeamChoice = z.strictObject({
  /** Which of the leader's teams acts (needed only when they lead several eligible teams). */
  teamId: z.string().uuid().optional(),
});
export const DeclineOrder = z.strictObject({
  teamId: z.string().uuid().optional(),
  reasonCode: z.enum(DECLINE_REASONS),
  note: freeText({ max: 500 }).optional(),
});
export const CompleteOrder = z.strictObject({ note: freeText({ max: 500 }).optional() });
export const CancelOrder = z.strictObject({ reason: freeText({ max: 500 }) });
export const NewRating = z.strictObject({
  stars: z.number().int().min(1).max(5),
  comment: freeText({ max: 1000, min: 0 }).default(''),
});
export const RatingQuery = z.strictObject({
  regionCode: RegionCode.optional(),
  minRatings: z.coerce.number().int().min(1).max(1000).default(3),
});
export const MenuQuery = z.strictObject({ regionCode: RegionCode });

/* ---------- views ---------- */

export const ActionView = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const NeedView = z.object({
  id: z.string(),
  needNumber: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  categoryCode: z.string(),
  categoryName: z.string().nullable(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  description: z.string(),
  place: z.string(),
  wantedFrom: z.string().nullable(),
  wantedTo: z.string().nullable(),
  contactName: z.string(),
  /** Masked (138****5678) for staff; the requester sees it masked too. */
  contactPhoneMasked: z.string(),
  channel: z.enum(['self', 'phone', 'wechat', 'walk_in']),
  hasAccount: z.boolean(),
  /** No account to notify: staff call them back at each step. */
  toCallBack: z.boolean(),
  recordedBy: z.string().nullable(),
  status: z.enum(['submitted', 'accepted', 'rejected']),
  rejectReason: z.string().nullable(),
  orderId: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  /** What the caller may do with the need now (order.workflow.ts): the web shows exactly these. */
  availableActions: z.array(z.enum(NEED_ACTIONS)),
});

export const MyNeedView = NeedView.extend({
  order: z
    .object({
      id: z.string(),
      orderNumber: z.string(),
      title: z.string(),
      state: z.enum(ORDER_STATES),
      teamName: z.string().nullable(),
      completedAt: z.string().nullable(),
      timeline: z.array(ActionView),
    })
    .nullable(),
  ratingOpen: z.boolean(),
  rating: z.object({ stars: z.number(), comment: z.string(), createdAt: z.string() }).nullable(),
});

/** A need as a team sees it: the contact only once their team holds the order. */
export const TeamNeedView = z.object({
  id: z.string(),
  needNumber: z.string(),
  description: z.string(),
  place: z.string(),
  wantedFrom: z.string().nullable(),
  wantedTo: z.string().nullable(),
  contactVisible: z.boolean(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
});

const TeamRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const OrderView = z.object({
  id: z.string(),
  orderNumber: z.string(),
  title: z.string(),
  description: z.string(),
  categoryCode: z.string(),
  categoryName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  place: z.string(),
  wantedFrom: z.string().nullable(),
  wantedTo: z.string().nullable(),
  state: z.enum(ORDER_STATES),
  version: z.number(),
  directedTeam: TeamRef,
  team: TeamRef,
  grabRegionCode: z.string().nullable(),
  escalationLevel: z.number(),
  windowEndsAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  needCount: z.number(),
  /** Needs whose requesters have no account (phone/WeChat): call them back. */
  toCallBack: z.number(),
  /** What the caller may do with the order now (order.workflow.ts): the web shows exactly these. */
  availableActions: z.array(z.enum(ORDER_ACTIONS)),
});

export const OrderDetailView = OrderView.extend({
  /** For centre staff: the linked needs (contact masked). */
  needs: z.array(NeedView),
  /** For team leaders: the needs with the contact hidden until their team holds the order. */
  teamNeeds: z.array(TeamNeedView),
  timeline: z.array(ActionView),
  /** What the caller may do now, as flags: the same answer as `availableActions`. */
  can: z.object({
    direct: z.boolean(),
    open: z.boolean(),
    reassign: z.boolean(),
    cancel: z.boolean(),
    complete: z.boolean(),
    accept: z.boolean(),
    decline: z.boolean(),
    grab: z.boolean(),
  }),
  /** The caller's teams that may accept/grab/decline it. */
  myTeams: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const InboxItemView = OrderView.extend({
  box: z.enum(['directed', 'open', 'held', 'done']),
  teamNeeds: z.array(TeamNeedView),
  myTeams: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const SuggestionView = z.object({
  formula: z.string(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      teamName: z.string(),
      regionCode: z.string(),
      categoryCode: z.string().nullable(),
      total: z.number(),
      category: z.number(),
      distance: z.number(),
      load: z.number(),
      steps: z.number(),
      currentLoad: z.number(),
    }),
  ),
});

export const RatingView = z.object({
  id: z.string(),
  needId: z.string(),
  orderId: z.string(),
  teamId: z.string(),
  stars: z.number(),
  comment: z.string(),
  onBehalf: z.boolean(),
  createdAt: z.string(),
});

export const TeamRankingView = z.object({
  rule: z.string(),
  minRatings: z.number(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      teamName: z.string(),
      regionCode: z.string(),
      categoryCode: z.string().nullable(),
      average: z.number(),
      count: z.number(),
      fiveStar: z.boolean(),
    }),
  ),
});

export const MenuView = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      colour: z.string().nullable(),
    }),
  ),
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      categoryCode: z.string(),
      regionCode: z.string(),
      schedule: z.string(),
    }),
  ),
});
