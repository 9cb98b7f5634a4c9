import { z } from 'zod';
import type { Locale } from '../../shared/problem.ts';
import { RegionCodeSchema } from '../../shared/region-code.ts';
import { IMPORT_KINDS } from './import-columns.ts';
import type { ImportPlan } from './import-plan.ts';
import { IMPORT_REASONS } from './import-reasons.ts';

export const ImportKindParam = z.object({ kind: z.enum(IMPORT_KINDS) });
/** The roster's apply has its own route (its answer holds one-time passwords: never replayed). */
export const GeneralApplyKindParam = z.object({
  kind: z.enum(IMPORT_KINDS).exclude(['staff']),
});

/** A template pre-filled for a region (stations: one row per place without a station). */
export const TemplateQuery = z.strictObject({ region: RegionCodeSchema.optional() });

/** The .xlsx file, base64-encoded (a JSON body the typed client and the idempotency key carry). */
export const ImportFileBody = z.strictObject({
  file: z
    .string()
    .max(16 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'base64'),
});

const Reason = z.object({
  code: z.enum(Object.keys(IMPORT_REASONS) as [keyof typeof IMPORT_REASONS]),
  detail: z.string().optional(),
  message: z.string(),
});

export const ImportPlanView = z.object({
  kind: z.enum(IMPORT_KINDS),
  total: z.number().int(),
  counts: z.object({
    create: z.number().int(),
    change: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
  }),
  rows: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'change', 'refused']),
      who: z.string(),
      changes: z.array(z.string()).optional(),
      reasons: z.array(Reason).optional(),
    }),
  ),
});

export const ImportAppliedView = ImportPlanView.extend({ importId: z.string() });

/** The roster's file, and whether to send each one-time password by SMS instead of answering it. */
export const StaffImportBody = ImportFileBody.extend({ sendSms: z.boolean().optional() });

/** Issue #15 point 4: the roster's result with the one-time passwords, answered this once. */
export const StaffImportAppliedView = ImportAppliedView.extend({
  passwords: z.array(
    z.object({
      row: z.number().int(),
      fullName: z.string(),
      username: z.string(),
      phoneMasked: z.string(),
      /** Null when it went by SMS. */
      password: z.string().nullable(),
    }),
  ),
});

/** The plan with each reason in the caller's words ("与文件中另一行身份证号重复（第 2 行）"). */
export function presentPlan<P extends ImportPlan>(plan: P, locale: Locale) {
  const rows = plan.rows.map(({ reasons, ...r }) => ({
    ...r,
    ...(reasons
      ? {
          reasons: reasons.map((x) => {
            const words = IMPORT_REASONS[x.code][locale === 'en' ? 'en' : 'zh'];
            const where = !x.detail
              ? ''
              : locale === 'en'
                ? ` (row ${x.detail})`
                : `（第 ${x.detail} 行）`;
            return { ...x, message: `${words}${where}` };
          }),
        }
      : {}),
  }));
  return { ...plan, rows };
}
