import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import { RegionCodeSchema } from '../../shared/region-code.ts';

export const RegionLevelSchema = z.enum([
  'province',
  'city',
  'district',
  'town',
  'village',
  'grid',
]);
export const StationKindSchema = z.enum(['district_centre', 'town_centre', 'village_station']);
export { RegionCodeSchema };

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: RegionLevelSchema,
  childCount: z.number().int(),
  /** Stations in the region and everything below it. */
  stationCount: z.number().int(),
});

export const NewRegion = z.strictObject({
  code: RegionCodeSchema,
  name: z.string().trim().min(1).max(100),
  parentCode: RegionCodeSchema,
  level: RegionLevelSchema,
});

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const OpeningHoursSchema = z
  .array(
    z.strictObject({
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      open: Time,
      close: Time,
    }),
  )
  .max(14);

export const StationView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: StationKindSchema,
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  phone: z.string(),
  openingHours: OpeningHoursSchema,
  isDemo: z.boolean(),
});

export const NewStation = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,40}$/),
  name: z.string().trim().min(1).max(100),
  kind: StationKindSchema,
  regionCode: RegionCodeSchema,
  address: z.string().trim().min(1).max(200),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/),
  openingHours: OpeningHoursSchema,
});

export const StationPatch = NewStation.omit({ code: true, kind: true, regionCode: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

/** stations.opening_hours, read back through the schema it was written with (#12 point 5). */
export const parseOpeningHours = (value: string): OpeningHours =>
  parseJsonColumn(OpeningHoursSchema, value, 'stations.opening_hours');
