/**
 * The JSON a case keeps in its row (#12 point 5), as zod schemas for `parseJsonColumn()`: what was
 * presented, the one-time notice, an action's payload and the pinned item version's names. Loose
 * objects: a reader gets every stored field, as written, once the fields it relies on are checked.
 */
import { z } from 'zod';
import { parseJsonColumn, parseNullableJsonColumn } from '../../db/json-column.ts';
import type { OneTimeNotice } from './case.notice.ts';

const Bilingual = z.looseObject({ zh: z.string(), en: z.string() });

/** cases.presented: the material keys the applicant brought. */
export const PresentedJson = z.array(z.string());

const NoticeMaterialJson = z.looseObject({
  key: z.string(),
  name: Bilingual,
  required: z.boolean(),
  form: z.string(),
  copies: z.number(),
  notes: z.string().optional(),
  blocking: z.boolean(),
});

/** cases.notice: the one-time notice (一次性告知) given at intake. */
export const OneTimeNoticeJson = z.looseObject({
  itemCode: z.string(),
  itemVersion: z.number(),
  complete: z.boolean(),
  missing: z.array(NoticeMaterialJson),
  basis: z.string(),
  procedure: z.string(),
  promisedLimitDays: z.number(),
  fee: z.looseObject({ amountFen: z.number(), waivers: z.array(z.string()) }),
}) satisfies z.ZodType<OneTimeNotice>;

/** case_actions.payload: what an action carried (presented keys, the request it made …). */
export const ActionPayloadJson = z.record(z.string(), z.unknown());

/** The parts of a pinned catalog_item_versions.definition a case view reads. */
const ItemNamesJson = z.looseObject({
  name: Bilingual,
  materials: z.array(z.looseObject({ key: z.string(), name: Bilingual })),
});

export const parsePresented = (value: string) =>
  parseJsonColumn(PresentedJson, value, 'cases.presented');

export const parseNotice = (value: string): OneTimeNotice =>
  parseJsonColumn(OneTimeNoticeJson, value, 'cases.notice');

export const parseActionPayload = (value: string | null) =>
  parseNullableJsonColumn(ActionPayloadJson, value, 'case_actions.payload');

/** The item's names and material names from a case's pinned definition; null without one. */
export const parsePinnedItem = (definition: string | null) =>
  parseNullableJsonColumn(ItemNamesJson, definition, 'catalog_item_versions.definition');
