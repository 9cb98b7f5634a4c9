/**
 * Client-side checks of resident identity numbers (GB 11643-1999): 17 digits and an
 * ISO 7064 MOD 11-2 check character. The server checks again; this only saves a round trip
 * and tells the clerk at once which part is wrong.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'ID_NUMBER_FORMAT' | 'ID_NUMBER_CHECK_DIGIT' | 'ID_NUMBER_BIRTH_DATE';

export type IdNumberCheck =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: IdNumberProblem };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * What an input box keeps while someone types or an ID-card reader "types": digits and X only
 * (a lower-case x becomes X), at most 18 characters.
 */
export function normaliseIdInput(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^0-9X]/g, '')
    .slice(0, 18);
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Validates an ID number: format, a real birth date, then the check character. */
export function checkIdNumber(raw: string): IdNumberCheck {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || Number(value.slice(6, 10)) < 1880) {
    return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  }
  if (idCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, problem: 'ID_NUMBER_CHECK_DIGIT' };
  }
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex };
}
