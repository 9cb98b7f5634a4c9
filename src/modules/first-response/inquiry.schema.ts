import { z } from 'zod';
import { AfterCursor } from '../../shared/keyset.ts';
import { freeText } from '../../shared/free-text.ts';
import { HandoffTo, HandoffView } from './handoff.schema.ts';

export const NewInquiry = z.strictObject({
  channel: z.enum(['walk_in', 'phone']),
  /** The registered resident who asked, when known. */
  residentId: z.string().uuid().optional(),
  /** Who asked, in words, when not a registered resident — never ID or mobile numbers. */
  callerDescription: freeText({ max: 200 }).optional(),
  question: freeText({ max: 2000 }),
  /** The catalog item the question was about, if any. */
  itemCode: z.string().trim().min(1).max(40).optional(),
  answer: freeText({ max: 4000 }),
  /** The station it was asked at; may be omitted when the caller works at exactly one. */
  stationId: z.string().uuid().optional(),
  /** The case it led to, if one was filed. */
  caseId: z.string().uuid().optional(),
});

export const CloseInquiry = z.strictObject({
  /** The case it led to, if one was filed since. */
  caseId: z.string().uuid().optional(),
  note: freeText({ max: 1000 }).optional(),
});

export const InquiryQuery = z.strictObject({
  /** Only those I first responded to or handle now. */
  mine: z.enum(['true', 'false']).default('false'),
  stationId: z.string().uuid().optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Issue #16 p5: the same filters, paged by keyset. */
export const InquiryPageQuery = InquiryQuery.omit({ offset: true }).extend({ after: AfterCursor });

const Person = z.object({ id: z.string(), displayName: z.string() });

export const InquiryView = z.object({
  id: z.string(),
  channel: z.enum(['walk_in', 'phone']),
  resident: z.object({ id: z.string(), fullName: z.string(), idMasked: z.string() }).nullable(),
  callerDescription: z.string().nullable(),
  question: z.string(),
  itemCode: z.string().nullable(),
  answer: z.string(),
  station: z.object({ id: z.string(), name: z.string() }),
  regionCode: z.string(),
  /** 首问责任人: whoever recorded it, permanently. */
  firstResponder: Person,
  /** Who handles it now: the receiver of the last accepted hand-off, else the first responder. */
  handlerId: z.string(),
  /** Who answers for it now: the first responder while a hand-off is pending, else the handler. */
  accountableId: z.string(),
  caseId: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const INQUIRY_DESCRIPTION =
  'Logs a walk-in or phone inquiry (咨询登记), even when no case follows; the caller becomes its first responder (首问责任人) permanently. Name a registered resident by id, or describe the caller in words: free text (callerDescription, question, answer) must not contain ID numbers or mobile numbers (refused with FREE_TEXT_PERSONAL_NUMBER).';

/**
 * Issue #14 (GS-12 → GS-4): the refused matter recorded as an inquiry and handed on, in one
 * transaction; a refused hand-off records no inquiry either.
 */
export const InquiryHandoff = z.strictObject({ inquiry: NewInquiry, handoff: HandoffTo });

export const InquiryHandoffView = z.object({ inquiry: InquiryView, handoff: HandoffView });
