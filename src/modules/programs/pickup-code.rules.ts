/**
 * CP-3 pickup codes: per child and day, unique per station (the program's venue) and day. Drawn
 * from a CSPRNG over an alphabet without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B);
 * the first two characters are printed on the child's tag. Pure apart from the random source.
 */
import crypto from 'node:crypto';

export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const CODE_LENGTH = 6;
export const TAG_LENGTH = 2;

/** A uniformly drawn code; `randomInt` defaults to the CSPRNG. */
export function drawPickupCode(
  randomInt: (max: number) => number = (max) => crypto.randomInt(max),
): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function tagOf(code: string): string {
  return code.slice(0, TAG_LENGTH);
}

/** What staff typed, as stored: upper case, without spaces or dashes. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** Whether `typed` is the child's code, or (exactly TAG_LENGTH characters) the child's tag. */
export function codeMatches(typed: string, code: string): 'code' | 'tag' | null {
  const t = normaliseCode(typed);
  if (t.length === CODE_LENGTH && t === code) return 'code';
  if (t.length === TAG_LENGTH && t === tagOf(code)) return 'tag';
  return null;
}
