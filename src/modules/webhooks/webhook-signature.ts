/**
 * X-9 (issue #15 point 6): webhook signatures. The body is signed with the subscriber's secret:
 * `X-Doorstep-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. A receiver
 * recomputes the HMAC over the raw body, compares in constant time and refuses a timestamp older
 * than its tolerance (a replayed delivery). Pure (node:crypto only).
 */
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'x-doorstep-signature';
export const EVENT_HEADER = 'x-doorstep-event';
export const DELIVERY_HEADER = 'x-doorstep-delivery';
/** Five minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, now: Date, body: string): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

export type VerifyResult =
  { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** A receiver's check (documented in docs/operations.md; used by the tests as an integrator would). */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerifyResult {
  const parts = new Map(
    (header ?? '').split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signatureOf(secret, t, body), 'hex');
  const given = Buffer.from(v1, 'hex');
  return crypto.timingSafeEqual(expected, given)
    ? { ok: true, timestamp: t }
    : { ok: false, reason: 'mismatch' };
}
