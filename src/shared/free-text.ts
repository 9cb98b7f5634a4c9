/**
 * The one free-text rule: a caller's words — a reason, a note, a description, an answer — must
 * not carry a full ID or mobile number; those live only encrypted on the person's record. Every
 * free-text field of every request schema is built with `freeText()`, which refuses such a number
 * (FREE_TEXT_PERSONAL_NUMBER, 400) and marks the field `x-doorstep-free-text` in the OpenAPI output,
 * so a generated test can prove no free-text field was left without the rule.
 */
import { z } from 'zod';
import { containsPersonalNumber } from './personal-numbers.ts';

export { containsPersonalNumber } from './personal-numbers.ts';

export const FREE_TEXT_MARK = 'x-doorstep-free-text';
export const FREE_TEXT_CODE = 'FREE_TEXT_PERSONAL_NUMBER';

/** A trimmed free-text string of at most `max` characters (at least `min`, default 1). */
export function freeText(opts: { max: number; min?: number }) {
  return z
    .string()
    .trim()
    .min(opts.min ?? 1)
    .max(opts.max)
    .refine((v) => !containsPersonalNumber(v), {
      message: 'must not contain an ID number or a mobile number',
      params: { code: FREE_TEXT_CODE },
    })
    .meta({ [FREE_TEXT_MARK]: true });
}

/** Whether a validation issue's params (fastify-type-provider-zod's copy of the zod issue) are this rule's. */
export function isFreeTextIssue(params: Record<string, unknown> | undefined): boolean {
  const inner = params?.params;
  return (
    typeof inner === 'object' &&
    inner !== null &&
    (inner as { code?: unknown }).code === FREE_TEXT_CODE
  );
}

export function freeTextFieldMessage(locale: 'zh-CN' | 'en'): string {
  return locale === 'en'
    ? 'must not contain an ID number or a mobile number'
    : '不得填写身份证号或手机号';
}

/** The names of the fields that contain one (empty when all are clean). */
export function fieldsWithPersonalNumbers(
  fields: Record<string, string | null | undefined>,
): string[] {
  return Object.entries(fields)
    .filter(([, v]) => typeof v === 'string' && containsPersonalNumber(v))
    .map(([k]) => k);
}
