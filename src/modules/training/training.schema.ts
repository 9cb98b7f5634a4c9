import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';
import { CatalogCodeSchema } from '../catalog/catalog.schema.ts';
import { COMPETENCE_STATUSES } from './competence.rules.ts';
import { isChinaDate } from './competence.rules.ts';

/** A catalog item code (DX-SB-001), as the catalog defines it. */
const ItemCode = CatalogCodeSchema;
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isChinaDate, 'not a calendar date');
const TownCode = z.string().regex(/^\d{9}000$/);

export const NewTrainingSession = z.strictObject({
  /** town_centre: village staff come to the town centre; point_to_point: centre staff visit a station. */
  kind: z.enum(['town_centre', 'point_to_point']),
  /** The town centre, or the village station visited. */
  stationId: z.string().uuid(),
  heldOn: Day,
  trainerName: freeText({ min: 1, max: 60 }),
  /** Catalog items the session covered (may be empty when the topic is general). */
  topicItems: z.array(ItemCode).max(50),
  topicText: freeText({ max: 500 }),
  /** Staff invited; all start as present (the officer marks the absent ones). */
  attendeeIds: z.array(z.string().uuid()).max(200).default([]),
});

export const AttendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ accountId: z.string().uuid(), present: z.boolean() }))
    .min(1)
    .max(200),
});

export const SessionQuery = z.strictObject({
  townCode: TownCode.optional(),
  from: Day.optional(),
  to: Day.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const SessionPageQuery = SessionQuery.omit({ offset: true }).extend({ after: AfterCursor });

const Person = z.object({ id: z.string(), displayName: z.string() });
const ItemRef = z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }) });

export const TrainingSessionView = z.object({
  id: z.string(),
  kind: z.enum(['town_centre', 'point_to_point']),
  townCode: z.string(),
  station: z.object({ id: z.string(), name: z.string() }),
  heldOn: z.string(),
  trainerName: z.string(),
  topicItems: z.array(ItemRef),
  topicText: z.string(),
  attendance: z.array(
    Person.extend({ status: z.enum(['present', 'absent']), stationName: z.string().nullable() }),
  ),
  createdBy: Person,
  createdAt: z.string(),
  /** Whether attendance may be recorded now (the session has taken place). */
  attendanceOpen: z.boolean(),
});

export const NewCompetence = z.strictObject({
  accountId: z.string().uuid(),
  itemCode: ItemCode,
  certifiedOn: Day,
  expiresOn: Day,
  /** The training session it was earned at, if any. */
  sessionId: z.string().uuid().optional(),
  /** Needed only by an officer serving more than one town. */
  townCode: TownCode.optional(),
});

export const RenewCompetence = z.strictObject({
  expiresOn: Day,
  /** Optimistic lock: the version the officer saw. */
  version: z.number().int().min(1),
});

export const RevokeCompetence = z.strictObject({
  reason: freeText({ min: 2, max: 500 }),
  version: z.number().int().min(1),
});

export const CompetenceQuery = z.strictObject({
  accountId: z.string().uuid().optional(),
  itemCode: ItemCode.optional(),
  townCode: TownCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export const CompetencePageQuery = CompetenceQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const CompetenceView = z.object({
  id: z.string(),
  holder: Person.extend({ stationName: z.string().nullable() }),
  item: ItemRef,
  townCode: z.string(),
  certifiedBy: Person,
  certifiedOn: z.string(),
  expiresOn: z.string(),
  sessionId: z.string().nullable(),
  status: z.enum(COMPETENCE_STATUSES),
  expiringSoon: z.boolean(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  version: z.number().int(),
  availableActions: z.array(z.enum(['renew', 'revoke'])),
});

export const RequirementBody = z.strictObject({
  required: z.boolean(),
  townCode: TownCode.optional(),
});

export const RequirementQuery = z.strictObject({ townCode: TownCode.optional() });

export const RequirementView = z.object({
  townCode: z.string(),
  item: ItemRef,
  required: z.boolean(),
  setBy: Person,
  setAt: z.string(),
  /** Holders with a valid competence in the town today. */
  competentHolders: z.number().int(),
});

export const FiguresQuery = z.strictObject({
  townCode: TownCode.optional(),
  from: Day,
  to: Day,
});

export const FiguresWorkbookQuery = FiguresQuery.extend({
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const TrainingFigures = z.object({
  townCode: z.string(),
  from: z.string(),
  to: z.string(),
  sessions: z.number().int(),
  stations: z.array(
    z.object({
      stationId: z.string(),
      stationName: z.string(),
      staff: z.number().int(),
      staffTrained: z.number().int(),
      itemsCovered: z.number().int(),
    }),
  ),
  /** (station, required item) with no holder of a valid competence among the station's staff. */
  gaps: z.array(z.object({ stationId: z.string(), stationName: z.string(), item: ItemRef })),
});

export const CompetentColleague = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.string(),
  stationName: z.string().nullable(),
});
