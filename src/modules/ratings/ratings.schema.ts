/** API shapes of GS-13 好差评. */
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';
import { REASON_CODES, RATING_LEVELS } from './ratings.rules.ts';
import { TICKET_ACTIONS } from './ticket.workflow.ts';

const Month = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const IdParams = z.object({ id: z.string().uuid() });
export const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

export const RatingBody = z.strictObject({
  level: z.union(
    RATING_LEVELS.map((l) => z.literal(l)) as [
      z.ZodLiteral<5>,
      z.ZodLiteral<4>,
      z.ZodLiteral<3>,
      z.ZodLiteral<2>,
      z.ZodLiteral<1>,
    ],
  ),
  reasons: z.array(z.enum(REASON_CODES)).max(REASON_CODES.length).default([]),
  comment: freeText({ max: 500 }).optional(),
  followUp: z.boolean().default(false),
});

export const RatingCreated = z.object({
  id: z.string(),
  kind: z.enum(['first', 'follow_up']),
  ticketId: z.string().nullable(),
});

const Names = z.object({ zh: z.string(), en: z.string() });

export const LinkView = z.object({
  subjectType: z.string(),
  number: z.string(),
  itemName: Names.nullable(),
  completedAt: z.string(),
  next: z.enum(['first', 'follow_up']).nullable(),
  expiresAt: z.string(),
  levels: z.array(
    z.object({ level: z.number(), zh: z.string(), en: z.string(), code: z.string() }),
  ),
});

export const LinkBody = z.strictObject({
  subjectType: z.enum(['case', 'inquiry']),
  subjectId: z.string().uuid(),
  channel: z.enum(['sms', 'qr']),
});
export const LinkCreated = z.object({
  id: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  smsTo: z.string().nullable(),
});

export const MineRatingBody = RatingBody.extend({
  subjectType: z.enum(['case', 'inquiry', 'home_visit']),
  subjectId: z.string().uuid(),
});

export const DeviceBody = z.strictObject({
  name: freeText({ max: 40 }),
  /** The window it stands at (issue #14); without it the device is bound to the station. */
  windowId: z.string().uuid().optional(),
});
export const DeviceCreated = z.object({
  id: z.string(),
  pairCode: z.string(),
  pairExpiresAt: z.string(),
  stationName: z.string(),
  windowName: z.string().nullable(),
});
export const PairBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export const Paired = z.object({
  deviceId: z.string(),
  token: z.string(),
  stationName: z.string(),
});
export const DeviceView = z.object({
  id: z.string(),
  name: z.string(),
  stationName: z.string(),
  windowName: z.string().nullable(),
  pairedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  pairExpiresAt: z.string().nullable(),
  availableActions: z.array(z.enum(['revoke'])),
});
export const DeviceCurrent = z.object({
  deviceName: z.string(),
  stationName: z.string(),
  windowName: z.string().nullable(),
  case: z
    .object({
      id: z.string(),
      number: z.string(),
      itemName: Names.nullable(),
      staffName: z.string().nullable(),
    })
    .nullable(),
});
export const DeviceRateBody = RatingBody.omit({ followUp: true }).extend({
  caseId: z.string().uuid(),
});
export const DeviceHeaders = z.object({ 'x-rating-device': z.string().max(100).optional() });

export const RatingView = z.object({
  id: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  number: z.string(),
  itemCode: z.string().nullable(),
  kind: z.enum(['first', 'follow_up']),
  level: z.number(),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  channel: z.string(),
  channelCode: z.string(),
  serviceChannel: z.string().nullable(),
  regionCode: z.string(),
  stationName: z.string().nullable(),
  staffName: z.string().nullable(),
  agentName: z.string().nullable(),
  completedAt: z.string(),
  ratedAt: z.string(),
  excluded: z.boolean(),
  appeal: z
    .object({
      id: z.string(),
      state: z.string(),
      reason: z.string(),
      decisionNote: z.string().nullable(),
    })
    .nullable(),
  ticket: z.object({ id: z.string(), state: z.string() }).nullable(),
  /** Only for those who call back, never for the rated staff member. */
  rater: z.object({ name: z.string(), phoneMasked: z.string().nullable() }).nullable(),
  availableActions: z.array(z.enum(['appeal'])),
});
export const RatingListQuery = z.strictObject({
  bad: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const RatingPageQuery = RatingListQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const TicketView = z.object({
  id: z.string(),
  state: z.string(),
  classification: z.string().nullable(),
  complex: z.boolean(),
  callbackDue: z.string(),
  dueDate: z.string(),
  fixDueDate: z.string().nullable(),
  calledBackAt: z.string().nullable(),
  callbackNote: z.string().nullable(),
  verifyNote: z.string().nullable(),
  outcome: z.string().nullable(),
  residentReply: z.string().nullable(),
  residentSatisfied: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
  overdue: z.boolean(),
  callbackOverdue: z.boolean(),
  createdAt: z.string(),
  rating: RatingView,
  availableActions: z.array(z.enum(TICKET_ACTIONS)),
});
export const TicketListQuery = z.strictObject({
  open: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const TicketPageQuery = TicketListQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});
export const TicketStepBody = z.strictObject({
  action: z.enum(TICKET_ACTIONS),
  version: z.number().int().min(1),
  note: freeText({ max: 500 }).optional(),
  classification: z.enum(['fix_now', 'fix_by_date', 'explain']).optional(),
  fixDueDate: z.iso.date().optional(),
  complex: z.boolean().optional(),
  outcome: freeText({ max: 1000 }).optional(),
  reply: freeText({ max: 500 }).optional(),
  satisfied: z.boolean().optional(),
});

export const AppealBody = z.strictObject({ reason: freeText({ max: 500 }) });
export const AppealDecisionBody = z.strictObject({
  decision: z.enum(['uphold', 'reject']),
  note: freeText({ max: 500 }),
});
export const AppealView = z.object({
  id: z.string(),
  state: z.string(),
  reason: z.string(),
  appellantName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  rating: RatingView,
  availableActions: z.array(z.enum(['uphold', 'reject'])),
});
export const AppealListQuery = z.strictObject({
  pending: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AppealPageQuery = AppealListQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const MetricsQuery = z.strictObject({
  month: Month,
  group: z.enum(['staff', 'station', 'town', 'channel']).default('station'),
});
const MetricsRow = z.object({
  key: z.string(),
  completed: z.number(),
  rated: z.number(),
  activeRate: z.number().nullable(),
  satisfied: z.number(),
  satisfaction: z.number().nullable(),
  bad: z.number(),
  rectified: z.number(),
  rectificationRate: z.number().nullable(),
  realNameBad: z.number(),
  realNameCalledBack: z.number(),
  callbackRate: z.number().nullable(),
  averageLevel: z.number().nullable(),
});
export const MetricsView = z.object({
  month: z.string(),
  group: z.string(),
  totals: MetricsRow.nullable(),
  rows: z.array(MetricsRow.extend({ label: z.string() })),
  ranking: z.array(MetricsRow.extend({ label: z.string(), rank: z.number() })),
  inquiries: z.object({
    total: z.number(),
    responseRate: z.number().nullable(),
    resolutionRate: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
  }),
});
export const ExportQuery = z.strictObject({ month: Month });
export const ExportXlsxQuery = z.strictObject({
  month: Month,
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
const Cell = z.union([z.string(), z.number()]).nullable();
export const ExportView = z.object({
  month: z.string(),
  records: z.array(z.record(z.string(), Cell)),
});

const ItemName = z.object({ zh: z.string(), en: z.string() }).nullable();
/** GS-13: the resident's own side — services to rate, ratings given and their tickets. */
export const MyRatingsView = z.object({
  toRate: z.array(
    z.object({
      subjectType: z.enum(['case', 'inquiry', 'home_visit']),
      subjectId: z.string(),
      number: z.string(),
      itemName: ItemName,
      completedAt: z.string(),
    }),
  ),
  rated: z.array(
    z.object({
      id: z.string(),
      subjectType: z.enum(['case', 'inquiry', 'home_visit']),
      subjectId: z.string(),
      number: z.string(),
      itemName: ItemName,
      kind: z.enum(['first', 'follow_up']),
      level: z.number(),
      reasons: z.array(z.string()),
      comment: z.string().nullable(),
      ratedAt: z.string(),
      followUpAllowed: z.boolean(),
      ticket: z
        .object({
          state: z.string(),
          classification: z.string().nullable(),
          outcome: z.string().nullable(),
          calledBackAt: z.string().nullable(),
          closedAt: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});
