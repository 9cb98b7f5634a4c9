/**
 * VS-6 rotating check-in codes (pure). The activity lead's screen shows a 6-digit code that changes
 * every `periodSeconds` (default 30); a volunteer scans or types it. The code is derived, never
 * stored: HMAC-SHA256(secret, `${activityId}:${direction}:${window}`) where
 * window = floor(epochSeconds / periodSeconds); the code is the HMAC's first 4 bytes read as an
 * unsigned big-endian integer, modulo 10^6, zero-padded to 6 digits.
 *
 * Validation accepts the current window and the one before it (the code on the screen may have
 * turned over between the scan and the request, and the phone's clock plays no part: only the
 * server's window counts). A code that matches one of the STALE_WINDOWS windows before that is
 * "stale" (it was valid a moment ago: a photo passed on, say); anything else is "wrong". Replays of a
 * valid code are refused by the database (vs_code_uses), not here.
 */
import crypto from 'node:crypto';

export type CodeDirection = 'in' | 'out';

export const DEFAULT_CODE_PERIOD_SECONDS = 30;
/** How many windows back (beyond the accepted previous one) a code is recognised as stale. */
export const STALE_WINDOWS = 20;

export function codeWindow(now: Date, periodSeconds = DEFAULT_CODE_PERIOD_SECONDS): number {
  return Math.floor(now.getTime() / 1000 / periodSeconds);
}

export function codeFor(
  secret: Buffer,
  activityId: string,
  direction: CodeDirection,
  window: number,
): string {
  const mac = crypto
    .createHmac('sha256', secret)
    .update(`${activityId}:${direction}:${window}`)
    .digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The code to show now and until when it is shown (the window's end). */
export function currentCode(
  secret: Buffer,
  activityId: string,
  direction: CodeDirection,
  now: Date,
  periodSeconds = DEFAULT_CODE_PERIOD_SECONDS,
): { code: string; window: number; validUntil: string } {
  const window = codeWindow(now, periodSeconds);
  return {
    code: codeFor(secret, activityId, direction, window),
    window,
    validUntil: new Date((window + 1) * periodSeconds * 1000).toISOString(),
  };
}

export type CodeCheck = { ok: true; window: number } | { ok: false; reason: 'stale' | 'wrong' };

const timingSafeEqual = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function checkCode(
  secret: Buffer,
  activityId: string,
  direction: CodeDirection,
  code: string,
  now: Date,
  periodSeconds = DEFAULT_CODE_PERIOD_SECONDS,
): CodeCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong' };
  const current = codeWindow(now, periodSeconds);
  for (const w of [current, current - 1]) {
    if (timingSafeEqual(codeFor(secret, activityId, direction, w), code))
      return { ok: true, window: w };
  }
  for (let w = current - 2; w >= current - 1 - STALE_WINDOWS; w--) {
    if (timingSafeEqual(codeFor(secret, activityId, direction, w), code))
      return { ok: false, reason: 'stale' };
  }
  return { ok: false, reason: 'wrong' };
}

/** What the QR on the lead's screen encodes: the volunteer's check-in page with everything filled in. */
export function checkInLink(
  baseUrl: string,
  activityId: string,
  direction: CodeDirection,
  code: string,
): string {
  const q = new URLSearchParams({ direction, code });
  return `${baseUrl}/vs/check-in/${activityId}?${q.toString()}`;
}

/**
 * A check-in typed during a network cut reaches the server later (issue #11, the offline outbox):
 * the phone sends when the code was typed (`scannedAt`). A claim within ONLINE_LAG_SECONDS of now
 * is an ordinary online check-in, checked at now as always. An older claim is checked against the
 * windows around it (± SCAN_TOLERANCE_WINDOWS, for a phone clock a little off), and the time
 * recorded is the middle of the window whose code matched — the server's clock, not the phone's.
 * A claim older than MAX_SCAN_AGE_HOURS, or from the future, is refused.
 */
export const ONLINE_LAG_SECONDS = 90;
export const SCAN_TOLERANCE_WINDOWS = 4;
export const MAX_SCAN_AGE_HOURS = 12;
const FUTURE_SKEW_SECONDS = 300;

export type ScanCheck =
  | { ok: true; window: number; at: Date; offline: boolean }
  | { ok: false; reason: 'stale' | 'wrong' | 'future' | 'too_old' };

export function checkScannedCode(
  secret: Buffer,
  activityId: string,
  direction: CodeDirection,
  code: string,
  now: Date,
  scannedAt: Date | undefined,
  periodSeconds = DEFAULT_CODE_PERIOD_SECONDS,
): ScanCheck {
  const lagMs = scannedAt ? now.getTime() - scannedAt.getTime() : 0;
  if (lagMs < -FUTURE_SKEW_SECONDS * 1000) return { ok: false, reason: 'future' };
  if (!scannedAt || lagMs <= ONLINE_LAG_SECONDS * 1000) {
    const online = checkCode(secret, activityId, direction, code, now, periodSeconds);
    return online.ok ? { ...online, at: now, offline: false } : online;
  }
  if (lagMs > MAX_SCAN_AGE_HOURS * 3_600_000) return { ok: false, reason: 'too_old' };
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong' };
  const claimed = codeWindow(scannedAt, periodSeconds);
  for (let w = claimed - SCAN_TOLERANCE_WINDOWS; w <= claimed + SCAN_TOLERANCE_WINDOWS; w++) {
    if (timingSafeEqual(codeFor(secret, activityId, direction, w), code)) {
      const middle = (w + 0.5) * periodSeconds * 1000;
      return { ok: true, window: w, at: new Date(Math.min(middle, now.getTime())), offline: true };
    }
  }
  return { ok: false, reason: 'wrong' };
}
