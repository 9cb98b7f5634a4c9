import { z } from 'zod';
import { RegionCodeSchema } from '../../shared/region-code.ts';
import { freeText } from '../../shared/free-text.ts';

/** Format only; the check digit and birth date are checked by the service with a clear code. */
export const IdNumberInput = z.string().trim().min(1).max(30);
export const PhoneInput = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'mainland mobile or landline');

export const NewResident = z.strictObject({
  idNumber: IdNumberInput,
  fullName: z.string().trim().min(1).max(50),
  phone: PhoneInput.optional(),
  homeRegionCode: RegionCodeSchema,
  address: z.string().trim().min(1).max(200),
});

export const ResidentView = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  homeRegionCode: z.string(),
  homeRegionName: z.string(),
  address: z.string(),
  registeredStationId: z.string().nullable(),
  createdAt: z.string(),
});

export const RevealRequest = z.strictObject({
  reason: freeText({ max: 500, min: 4 }),
});

export const RevealView = z.object({
  idNumber: z.string(),
  phone: z.string().nullable(),
});
