import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATES } from './case.workflow.ts';
import { CASE_CHANNELS, STAFF_CHANNELS } from './case.channel.ts';
import { freeText } from '../../shared/free-text.ts';
import { PhoneInput } from '../residents/residents.schema.ts';
import { PublicStationView } from '../regions/public-stations.ts';
import { CASE_NUMBER_PATTERN } from './case-number.rules.ts';

const MaterialKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,60}$/);

export const FileCaseBody = z.strictObject({
  residentId: z.string().uuid(),
  itemCode: z.string().trim().min(1).max(40),
  /** Keys of the materials the applicant presented (ticked at the window). */
  presented: z.array(MaterialKey).max(50),
  /** The accepting station; may be omitted when the caller works at exactly one station. */
  stationId: z.string().uuid().optional(),
  /** GS-10: how the matter came in; omitted: the window (or `agent` when an agent files). */
  channel: z.enum(STAFF_CHANNELS).optional(),
});

export const TransitionBody = z.strictObject({
  action: z.enum(CASE_ACTIONS),
  /** Lets two clerks not overwrite each other: the version the caller saw. */
  expectedVersion: z.number().int().min(1),
  reason: freeText({ max: 1000 }).optional(),
  /** supplement: the materials now presented. */
  presented: z.array(MaterialKey).max(50).optional(),
  /** request_supplement: which material and why it is asked for. */
  materialKey: MaterialKey.optional(),
  /**
   * The caller's view of the request; the server decides the kind from the case's material
   * history (a material presented before is a second request whatever is claimed here).
   */
  kind: z.enum(['missing', 'defective']).optional(),
  /** decide */
  result: z.enum(['approved', 'not_approved']).optional(),
  resultText: freeText({ max: 2000 }).optional(),
  /** deliver: collected at this station (default) or mailed to an address. */
  deliveryMethod: z.enum(['station', 'post']).optional(),
  /** Address and recipient's name (X-3: stored encrypted; a phone goes in recipientPhone). */
  postalAddress: freeText({ max: 300, min: 5 }).optional(),
  /** The recipient's phone for the courier: stored encrypted, shown masked (138****8000). */
  recipientPhone: PhoneInput.optional(),
});

/** GET /cases: the box, then filters that only narrow it (all optional, combined with AND). */
export const CaseListQuery = z.strictObject({
  box: z.enum(['accepted_here', 'inbox']).default('accepted_here'),
  state: z.enum(CASE_STATES).optional(),
  /** A full case number (exact) or its beginning (the town, 330106001-2026…; or an old day, 20260302). */
  number: z
    .string()
    .trim()
    .regex(
      /^(?:\d{1,8}(?:-\d{0,5})?|\d{9}(?:-\d{0,8}(?:-\d{0,7})?)?)$/,
      'a case number or its beginning (TTTTTTTTT-YYYYMMDD-NNNNNNN, or YYYYMMDD-NNNNN)',
    )
    .optional(),
  /** The applicant's name: its beginning (default) or, with applicantMatch=exact, all of it. */
  applicantName: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[^%_\\]+$/, 'no % _ or \\')
    .optional(),
  applicantMatch: z.enum(['exact', 'prefix']).default('prefix'),
  /** The accepting station. */
  stationId: z.string().uuid().optional(),
  /** true: only running cases past their due date; false: all others. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** GS-10: only cases that came in through this channel (e.g. online: filed by residents). */
  channel: z.enum(CASE_CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Issue #16 point 5: the same filters, paged by keyset (`after` is the previous page's `nextCursor`). */
export const CasePageQuery = CaseListQuery.omit({ offset: true }).extend({
  /** newest: filed newest first (the default); due: due date oldest first — with overdue=true only. */
  order: z.enum(['newest', 'due']).default('newest'),
  after: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'the nextCursor of the previous page')
    .optional(),
});

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const NoticeView = z.object({
  itemCode: z.string(),
  itemVersion: z.number(),
  complete: z.boolean(),
  missing: z.array(
    z.object({
      key: z.string(),
      name: Bilingual,
      required: z.boolean(),
      blocking: z.boolean(),
      form: z.string(),
      copies: z.number(),
      notes: z.string().optional(),
    }),
  ),
  basis: z.string(),
  procedure: z.string(),
  promisedLimitDays: z.number(),
  fee: z.object({ amountFen: z.number(), waivers: z.array(z.string()) }),
});

export const MissingNowView = z.object({
  key: z.string(),
  name: Bilingual,
  /** notice: listed by the one-time notice; missing: asked later, never presented; defective: presented before, asked again (a second request). */
  kind: z.enum(['notice', 'missing', 'defective']),
  blocking: z.boolean(),
  reason: z.string().nullable(),
  requestedAt: z.string(),
});

export const CaseDeliveryView = z.object({
  method: z.enum(['station', 'post']),
  stationId: z.string().nullable(),
  /** Shown only to staff who may see the case. */
  postalAddress: z.string().nullable(),
  recipientPhoneMasked: z.string().nullable(),
  deliveredAt: z.string(),
});

export const CaseView = z.object({
  id: z.string(),
  number: z.string(),
  item: z.object({ code: z.string(), version: z.number(), name: Bilingual }),
  applicant: z.object({ id: z.string(), fullName: z.string(), idMasked: z.string() }),
  /** The agent who filed on the applicant's behalf (GS-6), if any. */
  agent: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  homeRegionCode: z.string(),
  /** The home village's name (e.g. 三顺庄村). */
  homeRegionName: z.string(),
  acceptingStation: z.object({ id: z.string(), name: z.string() }),
  isTongban: z.boolean(),
  decidedBy: z.enum(['station', 'town_centre', 'district_department']),
  decidingStationId: z.string().nullable(),
  state: z.enum(CASE_STATES),
  firstResponderId: z.string(),
  /** 首问负责人: the staff member who first took the matter (GS-4). */
  firstResponder: z.object({ id: z.string(), displayName: z.string() }),
  presented: z.array(z.string()),
  notice: NoticeView,
  /**
   * What is missing now (GS-5): every material with an open request — from the one-time notice
   * or asked for later — until a supplement brings it. `blocking`: the case waits for it.
   */
  missingNow: z.array(MissingNowView),
  acceptedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** GS-8: the due date counts through a year whose holiday notice is not entered yet. */
  dueDateProvisional: z.boolean(),
  provisionalYears: z.array(z.number().int()),
  light: z.enum(['green', 'yellow', 'red', 'paused', 'none']),
  result: z.enum(['approved', 'not_approved']).nullable(),
  resultText: z.string().nullable(),
  version: z.number(),
  availableActions: z.array(z.enum(CASE_ACTIONS)),
  createdAt: z.string(),
  /** How the result went out, once delivered (GS-7); the phone only masked. */
  delivery: CaseDeliveryView.nullable().optional(),
  /** the 查询码 printed on the receipt; with the number it opens public tracking. */
  trackingCode: z.string().nullable(),
  /** GS-10: window, appointment, home_visit, agent, online or phone. */
  channel: z.enum(CASE_CHANNELS),
});

export const TrackQuery = z.strictObject({
  number: z.string().trim().regex(CASE_NUMBER_PATTERN),
  /** The 查询码 printed on the receipt (8 digits; a space or dash between the groups is fine). */
  code: z
    .string()
    .trim()
    .regex(/^\d{4}[\s-]?\d{4}$/),
});

export const TrackView = z.object({
  number: z.string(),
  item: Bilingual,
  state: z.enum(CASE_STATES),
  station: z.string(),
  dueDate: z.string().nullable(),
  /** GS-8: the due date counts through a year whose holiday notice is not entered yet. */
  dueDateProvisional: z.boolean(),
  provisionalYears: z.array(z.number().int()),
  /** What the applicant still has to bring (the open blocking requests) while a supplement is awaited. */
  missing: z.array(Bilingual),
  result: z.enum(['approved', 'not_approved']).nullable(),
  /**
   * Issue #11: the stations of the case's town where a supplement can be handed in (or the result
   * asked after), the applicant's own village station first: name, address, phone, opening hours.
   */
  townStations: z.array(PublicStationView),
});

/** Issue #11 "my records": one of the caller's own cases, in the words of public tracking. */
export const MyCaseView = z.object({
  number: z.string(),
  item: Bilingual,
  state: z.enum(CASE_STATES),
  result: z.enum(['approved', 'not_approved']).nullable(),
  station: z.string(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
  dueDate: z.string().nullable(),
  dueDateProvisional: z.boolean(),
  provisionalYears: z.array(z.number().int()),
  light: z.enum(['green', 'yellow', 'red', 'paused', 'none']),
  /** Open material requests (GS-5): what the resident still has to bring, and why when asked again. */
  openRequests: z.array(
    z.object({
      name: Bilingual,
      kind: z.enum(['notice', 'missing', 'defective']),
      blocking: z.boolean(),
      reason: z.string().nullable(),
      requestedAt: z.string(),
    }),
  ),
});

export const MyCasesView = z.object({
  /** false: the account is not linked to a resident record, so it has no cases of its own. */
  linked: z.boolean(),
  cases: z.array(MyCaseView),
});
