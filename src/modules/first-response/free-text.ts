/**
 * Free text (a caller's description, a question, an answer, a reason) must not carry ID numbers or
 * mobile numbers (X-3: those live only encrypted on the resident's record). Pure.
 */

/** 18-digit (last may be X) or 15-digit ID numbers, not part of a longer digit run. */
const ID_NUMBER = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])/;
/** Mainland mobile numbers, also written with spaces or hyphens (138 1234 5678). */
const MOBILE = /(?<![0-9])1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])/;

export function containsPersonalNumber(text: string): boolean {
  return ID_NUMBER.test(text) || MOBILE.test(text);
}

/** The names of the fields that contain one (empty when all are clean). */
export function fieldsWithPersonalNumbers(
  fields: Record<string, string | null | undefined>,
): string[] {
  return Object.entries(fields)
    .filter(([, v]) => typeof v === 'string' && containsPersonalNumber(v))
    .map(([k]) => k);
}
