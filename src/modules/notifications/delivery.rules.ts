/**
 * Issue #15 point 5: when and whether a message goes — quiet hours (China time; a login code
 * is never held), per-number rate limits, and whether a provider's error is permanent, transient or
 * a refusal (WeChat → the SMS fallback). Pure.
 */

// ---- Quiet hours (China time) ----

export interface QuietHours {
  /** 'HH:MM' China time the quiet starts (e.g. 21:00) and ends (e.g. 08:00); may cross midnight. */
  from: string;
  to: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: '21:00', to: '08:00' };

const CHINA_OFFSET_MS = 8 * 3_600_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * When a message queued at `now` may go: `null` = now; otherwise the end of the quiet hours (the
 * instant, UTC). An urgent template (a login code) is never held.
 */
export function quietHoldUntil(now: Date, quiet: QuietHours | null, urgent: boolean): Date | null {
  if (!quiet || urgent) return null;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return null;
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inQuiet = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inQuiet) return null;
  // The next `to` after now, China time.
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let end = dayStart + to * 60_000;
  if (end <= local.getTime()) end += 24 * 3_600_000;
  return new Date(end - CHINA_OFFSET_MS);
}

// ---- Per-number rate limits ----

export interface RateLimit {
  windowMs: number;
  max: number;
}

/** Aliyun's defaults for one number (per minute, hour, day): also a courtesy to the resident. */
export const DEFAULT_RATE_LIMITS: readonly RateLimit[] = [
  { windowMs: 60_000, max: 1 },
  { windowMs: 3_600_000, max: 5 },
  { windowMs: 24 * 3_600_000, max: 10 },
];

/**
 * When the next message to a number may go, given when the earlier ones went: `null` = now.
 * `sentAt` may be in any order.
 */
export function rateHoldUntil(
  now: Date,
  sentAt: readonly Date[],
  limits: readonly RateLimit[],
): Date | null {
  let until = 0;
  const t = now.getTime();
  for (const l of limits) {
    const inWindow = sentAt
      .map((d) => d.getTime())
      .filter((x) => x > t - l.windowMs && x <= t)
      .sort((a, b) => b - a);
    if (inWindow.length >= l.max) {
      // The oldest of the `max` most recent leaves the window first.
      until = Math.max(until, inWindow[l.max - 1]! + l.windowMs);
    }
  }
  return until > t ? new Date(until) : null;
}

// ---- Errors: permanent, transient, refused ----

export type ErrorKind = 'permanent' | 'transient' | 'refused';

const ALIYUN_PERMANENT = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.INVALID_PARAMETERS',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.INVALID_JSON_PARAM',
  'isv.DENY_IP_RANGE',
]);

const TENCENT_PERMANENT_PREFIXES = [
  'InvalidParameterValue.',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.ContainSensitiveWord',
  'UnauthorizedOperation.',
  'MissingParameter.',
  'UnsupportedOperation.',
];

/**
 * Whether trying again may help. Anything not known to be permanent is transient (a retry costs
 * little; a lost message costs much). WeChat's 43101 (the user has not subscribed / refused) is
 * `refused`: the message falls back to SMS.
 */
export function classifyProviderError(
  /** aliyun, tencent, wechat, smtp, webhook (anything else: transient) */
  provider: string,
  code: string | number,
): ErrorKind {
  const c = String(code);
  switch (provider) {
    case 'aliyun':
      return ALIYUN_PERMANENT.has(c) ? 'permanent' : 'transient';
    case 'tencent':
      return TENCENT_PERMANENT_PREFIXES.some((p) => c.startsWith(p)) ? 'permanent' : 'transient';
    case 'wechat':
      if (c === '43101') return 'refused';
      return ['40003', '40037', '47003', '41030'].includes(c) ? 'permanent' : 'transient';
    case 'smtp':
      // 5xx: the server will not take it (no such mailbox); 4xx: try later.
      return /^5\d\d$/.test(c) ? 'permanent' : 'transient';
    case 'webhook': {
      const s = Number(c);
      if (s === 408 || s === 429) return 'transient';
      return s >= 400 && s < 500 ? 'permanent' : 'transient';
    }
    default:
      return 'transient';
  }
}
