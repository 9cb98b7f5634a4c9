/**
 * GS-10 structured records of a home visit, as data: each template a zod schema of its values and
 * pure range rules that flag out-of-range values. `chronic_checkup` is a village doctor's visit to
 * a chronic patient (blood pressure, blood glucose fasting or after a meal, medication advice).
 *
 * Ranges (adults, as the village clinics use them): systolic ≥ 140 or diastolic ≥ 90 is high,
 * systolic < 90 or diastolic < 60 is low; fasting glucose ≥ 7.0 mmol/L and post-meal ≥ 11.1 are
 * high, < 3.9 is low either way. Plausibility bounds refuse typing errors (400), not rare values.
 */
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';

export const RECORD_TEMPLATES = ['chronic_checkup'] as const;
export type RecordTemplate = (typeof RECORD_TEMPLATES)[number];

export const ChronicCheckup = z
  .strictObject({
    systolic: z.number().int().min(50).max(300).optional(),
    diastolic: z.number().int().min(20).max(200).optional(),
    glucose: z.number().min(0.5).max(40).optional(),
    glucoseTiming: z.enum(['fasting', 'post_meal']).optional(),
    medicationAdvice: freeText({ max: 500 }).optional(),
    notes: freeText({ max: 1000 }).optional(),
  })
  .refine((v) => (v.systolic === undefined) === (v.diastolic === undefined), {
    message: 'systolic and diastolic go together',
    path: ['diastolic'],
  })
  .refine(
    (v) => v.systolic === undefined || v.diastolic === undefined || v.systolic > v.diastolic,
    {
      message: 'systolic must be above diastolic',
      path: ['systolic'],
    },
  )
  .refine((v) => (v.glucose === undefined) === (v.glucoseTiming === undefined), {
    message: 'glucose needs its timing (fasting or post_meal), and the timing a value',
    path: ['glucoseTiming'],
  })
  .refine(
    (v) =>
      v.systolic !== undefined ||
      v.glucose !== undefined ||
      v.medicationAdvice !== undefined ||
      v.notes !== undefined,
    { message: 'an empty record', path: ['systolic'] },
  );
export type ChronicCheckup = z.infer<typeof ChronicCheckup>;

export const RecordFlag = z.enum([
  'blood_pressure_high',
  'blood_pressure_low',
  'glucose_high',
  'glucose_low',
]);
export type RecordFlag = z.infer<typeof RecordFlag>;

export const BP_HIGH = { systolic: 140, diastolic: 90 } as const;
export const BP_LOW = { systolic: 90, diastolic: 60 } as const;
export const GLUCOSE_HIGH = { fasting: 7.0, post_meal: 11.1 } as const;
export const GLUCOSE_LOW = 3.9;

/** The out-of-range flags of a checkup (in a fixed order). Pure. */
export function checkupFlags(v: ChronicCheckup): RecordFlag[] {
  const flags: RecordFlag[] = [];
  if (v.systolic !== undefined && v.diastolic !== undefined) {
    if (v.systolic >= BP_HIGH.systolic || v.diastolic >= BP_HIGH.diastolic)
      flags.push('blood_pressure_high');
    else if (v.systolic < BP_LOW.systolic || v.diastolic < BP_LOW.diastolic)
      flags.push('blood_pressure_low');
  }
  if (v.glucose !== undefined && v.glucoseTiming !== undefined) {
    if (v.glucose >= GLUCOSE_HIGH[v.glucoseTiming]) flags.push('glucose_high');
    else if (v.glucose < GLUCOSE_LOW) flags.push('glucose_low');
  }
  return flags;
}

/** A record's body: the template and its values (a discriminated union as templates are added). */
export const NewVisitRecord = z.discriminatedUnion('template', [
  z.strictObject({ template: z.literal('chronic_checkup'), values: ChronicCheckup }),
]);
export type NewVisitRecord = z.infer<typeof NewVisitRecord>;

export function recordFlags(record: NewVisitRecord): RecordFlag[] {
  switch (record.template) {
    case 'chronic_checkup':
      return checkupFlags(record.values);
  }
}

/** What is encrypted at rest: the values and their flags (flags are health data too). */
export const StoredRecordData = z.object({
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  flags: z.array(RecordFlag),
});
export type StoredRecordData = z.infer<typeof StoredRecordData>;
