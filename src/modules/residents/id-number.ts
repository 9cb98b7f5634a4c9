/**
 * Resident identity numbers (GB 11643-1999, 公民身份号码): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 * Pure functions; no I/O.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'ID_NUMBER_FORMAT' | 'ID_NUMBER_CHECK_DIGIT' | 'ID_NUMBER_BIRTH_DATE';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; addressCode: string }
  | { ok: false; problem: IdNumberProblem };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Upper-cases a trailing x and strips surrounding spaces; nothing else. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * Validates an ID number. `today` (YYYY-MM-DD) bounds the birth date: not in the future and not
 * more than 130 years ago.
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  const value = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  const birth = value.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (
    !isRealDate(birthDate) ||
    birthDate > today ||
    Number(birth.slice(0, 4)) < Number(today.slice(0, 4)) - 130
  ) {
    return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  }
  if (idCheckChar(value.slice(0, 17)) !== value[17])
    return { ok: false, problem: 'ID_NUMBER_CHECK_DIGIT' };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, addressCode: value.slice(0, 6) };
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** `110105********002X`: first 6 and last 4 characters shown. */
export function maskIdNumber(value: string): string {
  if (value.length < 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** `138****5678` for mainland mobiles; otherwise keeps the last 4. */
export function maskPhone(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  if (value.length === 11) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

/** Builds a valid number from address code, birth date (YYYYMMDD) and 3-digit sequence. */
export function buildIdNumber(addressCode: string, birthYmd: string, sequence: string): string {
  const first17 = `${addressCode}${birthYmd}${sequence}`;
  return `${first17}${idCheckChar(first17)}`;
}
