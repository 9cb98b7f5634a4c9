/**
 * The 查询码 (X-2, GS-9): 8 random digits printed on the receipt next to the case number and put in
 * its QR code. Case numbers run in sequence; the code does not, so knowing a number opens nothing.
 * Digits only, printed in two groups of four, so anyone can read it off the receipt and type it.
 */
import crypto from 'node:crypto';

export const TRACKING_CODE_DIGITS = 8;

export function newTrackingCode(): string {
  return String(crypto.randomInt(0, 10 ** TRACKING_CODE_DIGITS)).padStart(
    TRACKING_CODE_DIGITS,
    '0',
  );
}

/** What a person types: spaces and dashes between the groups are fine. */
export function normalizeTrackingCode(input: string): string {
  return input.replace(/[\s\-－—]/g, '');
}

/** `12345678` → `1234 5678`, as printed. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/** Constant-time comparison of a typed code with the stored one. */
export function trackingCodeMatches(stored: string | null | undefined, typed: string): boolean {
  if (!stored) return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(normalizeTrackingCode(typed));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The tracking link (X-2, GS-9): the number and the 查询码, so opening it shows the case at once.
 * The receipt's QR code and the filing SMS (case-messages.ts) carry the same link.
 */
export function trackingUrl(publicUrl: string, number: string, code: string): string {
  return `${publicUrl}/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`;
}
