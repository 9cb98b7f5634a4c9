import { z } from 'zod';
import { isValidIsoDate } from '../calendar/working-days.ts';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';

const ItemCode = z.string().trim().min(1).max(40);
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isValidIsoDate, 'not a calendar date');

/** How the resident gave consent (GS-6). */
const Consent = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('signed_form'),
    /** The scan of the signed form (an attachment id), when it has been uploaded. */
    attachmentId: z.string().trim().min(1).max(100).optional(),
  }),
  z.strictObject({ method: z.literal('in_person') }),
  z.strictObject({
    method: z.literal('phone'),
    /** Where the call recording can be found (no phone numbers here). */
    callRecordRef: freeText({ max: 200 }),
  }),
]);

export const NewAuthorization = z.strictObject({
  residentId: z.string().uuid(),
  /** The agent's account (role 'agent'). An agent recording it may only name themselves. */
  agentAccountId: z.string().uuid(),
  /** 'all' or the item codes the agent may file. */
  items: z.union([z.literal('all'), z.array(ItemCode).min(1).max(100)]),
  /** The last day it is valid (China date). */
  expiresOn: Day,
  consent: Consent,
});

export const RevokeAuthorization = z.strictObject({
  reason: freeText({ max: 500 }),
});

export const AuthorizationQuery = z.strictObject({
  residentId: z.string().uuid().optional(),
  agentAccountId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Issue #16 p5: the same filters, paged by keyset. */
export const AuthorizationPageQuery = AuthorizationQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

const Person = z.object({ id: z.string(), displayName: z.string() });

export const AuthorizationView = z.object({
  id: z.string(),
  resident: z.object({ id: z.string(), fullName: z.string(), idMasked: z.string() }),
  agent: Person,
  items: z.union([z.literal('all'), z.array(z.string())]),
  expiresOn: z.string(),
  consent: z.object({
    method: z.enum(['signed_form', 'in_person', 'phone']),
    attachmentId: z.string().nullable(),
    callRecordRef: z.string().nullable(),
    /** Where the uploaded scan of the signed form is served, if one was uploaded here. */
    scanUrl: z.string().nullable(),
  }),
  /** At the server's now: active, expired or revoked. */
  status: z.enum(['active', 'expired', 'revoked']),
  recordedBy: Person,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
