/**
 * The JSON the records module keeps in rows (#12 point 5): a certificate's snapshot (what was
 * certified, frozen at issue, VS-8/VS-9) and a star rule pack's thresholds (VS-9).
 */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import type { CertificateSnapshot } from './certificate.rules.ts';

export const CertificateSnapshotJson = z.object({
  certificateNumber: z.string(),
  issuedOn: z.string(),
  volunteer: z.object({ name: z.string(), idMasked: z.string(), volunteerNumber: z.string() }),
  totalHalfHours: z.number(),
  totalHours: z.number(),
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  services: z.array(
    z.object({
      date: z.string(),
      content: z.string(),
      place: z.string(),
      hours: z.number(),
      organisation: z.string(),
    }),
  ),
  training: z.array(z.object({ date: z.string(), title: z.string(), hours: z.number() })),
  issuer: z.object({
    organisation: z.string(),
    teamName: z.string(),
    personInCharge: z.string(),
    handler: z.string(),
    contactPhone: z.string(),
  }),
  verifyUrl: z.string(),
}) satisfies z.ZodType<CertificateSnapshot>;

export const parseCertificateSnapshot = (value: string): CertificateSnapshot =>
  parseJsonColumn(CertificateSnapshotJson, value, 'vs_certificates.snapshot');

/** Hours for 1★ … 5★. */
export const parseStarThresholds = (value: string): number[] =>
  parseJsonColumn(z.array(z.number()), value, 'vs_star_packs.thresholds');
