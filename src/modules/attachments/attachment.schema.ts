import { z } from 'zod';
import { SCAN_LIMIT_BYTES, SCAN_TYPES } from '../../shared/scan-magic.ts';

/** A scan of one material: a phone photo or a multi-page PDF from a 高拍仪 stays well below this. */
export const ATTACHMENT_LIMIT_BYTES = SCAN_LIMIT_BYTES;

export const CaseParams = z.object({ id: z.string().uuid() });

export const UploadQuery = z.strictObject({
  /** A material key of the case's item version (the intake checklist's keys). */
  materialKey: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,60}$/),
});

export const AttachmentView = z.object({
  id: z.string(),
  caseId: z.string(),
  materialKey: z.string(),
  contentType: z.enum(SCAN_TYPES),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string(), displayName: z.string() }),
  uploadedAt: z.string(),
  /** Where the file itself is served. */
  url: z.string(),
});
export type AttachmentView = z.output<typeof AttachmentView>;
