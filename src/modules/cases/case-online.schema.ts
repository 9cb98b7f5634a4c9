/** Issue #14 point 3 (GS-10): a resident's own online filing (不打烊). */
import { z } from 'zod';
import { CASE_STATES } from './case.workflow.ts';
import { NoticeView } from './case.schema.ts';
import { StationKindSchema } from '../regions/regions.schema.ts';

export const FileOnlineBody = z.strictObject({
  itemCode: z.string().trim().min(1).max(40),
  /** The station the case lands at: any station inside the item's 通办 scope. */
  stationId: z.string().uuid(),
  /** Keys of the materials the resident photographs and uploads (POST /cases/online/{id}/photos). */
  presented: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9_]{1,60}$/),
    )
    .max(50),
});

export const OnlineFiledView = z.object({
  id: z.string(),
  number: z.string(),
  /** The 查询码: with the number it opens public tracking. */
  trackingCode: z.string(),
  state: z.enum(CASE_STATES),
  item: z.object({
    code: z.string(),
    version: z.number(),
    name: z.object({ zh: z.string(), en: z.string() }),
  }),
  station: z.object({ id: z.string(), name: z.string() }),
  /** The same one-time notice (GS-5) the window gives. */
  notice: NoticeView,
  dueDate: z.string().nullable(),
  createdAt: z.string(),
});

export const OnlineStationsQuery = z.strictObject({
  itemCode: z.string().trim().min(1).max(40),
});

export const OnlineStationsView = z.object({
  itemCode: z.string(),
  /** false: the item is not offered online (nothing to choose). */
  offered: z.boolean(),
  stations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: StationKindSchema,
      regionName: z.string(),
      address: z.string(),
      home: z.boolean(),
    }),
  ),
});
