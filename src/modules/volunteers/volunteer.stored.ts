/**
 * The JSON a volunteer keeps in its row (#12 point 5), as zod schemas for `parseJsonColumn()`:
 * skills, service areas, availability and a minor's guardian consent (the phone only encrypted
 * and masked). A stored value of another shape fails loudly, naming the column.
 */
import { z } from 'zod';
import { parseJsonColumn, parseNullableJsonColumn } from '../../db/json-column.ts';
import { DAY_PARTS, type AvailabilityValue } from './volunteers.schema.ts';

/** Skills as text (a volunteer's, a team member's in a join request). */
export const StoredSkills = z.array(z.string());

/** Structural (ARCHITECTURE.md): the types a reader relies on, not today's input limits. */
const StoredAvailability = z.object({
  weekdays: z.array(z.number().int()),
  parts: z.array(z.enum(DAY_PARTS)),
}) satisfies z.ZodType<AvailabilityValue>;

/** Stored guardian consent: the phone only encrypted and masked. */
export const StoredConsentJson = z.object({
  guardianName: z.string(),
  relation: z.string(),
  guardianPhoneCipher: z.string(),
  guardianPhoneMasked: z.string(),
  method: z.enum(['signed_form', 'in_person', 'phone']),
  recordedAt: z.string(),
});
export type StoredConsent = z.infer<typeof StoredConsentJson>;

export const parseVolunteerSkills = (value: string): string[] =>
  parseJsonColumn(StoredSkills, value, 'vs_volunteers.skills');

export const parseServiceRegionCodes = (value: string): string[] =>
  parseJsonColumn(z.array(z.string()), value, 'vs_volunteers.service_region_codes');

export const parseAvailability = (value: string): AvailabilityValue =>
  parseJsonColumn(StoredAvailability, value, 'vs_volunteers.availability');

export const parseGuardianConsent = (value: string | null): StoredConsent | null =>
  parseNullableJsonColumn(StoredConsentJson, value, 'vs_volunteers.guardian_consent');
