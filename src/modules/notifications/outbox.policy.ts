/**
 * Issue #15 point 5: the sender's policy from the environment — OUTBOX_QUIET_HOURS ("21:00-08:00"
 * China time, the default; "off" for none) and OUTBOX_RATE_LIMITS ("60:1,3600:5,86400:10" as
 * seconds:max per number, the default; "off" for none).
 */
import {
  DEFAULT_QUIET_HOURS,
  DEFAULT_RATE_LIMITS,
  type QuietHours,
  type RateLimit,
} from './delivery.rules.ts';

export function outboxPolicyFromEnv(env: NodeJS.ProcessEnv): {
  quietHours: QuietHours | null;
  rateLimits: readonly RateLimit[];
} {
  const q = env.OUTBOX_QUIET_HOURS?.trim();
  let quietHours: QuietHours | null = DEFAULT_QUIET_HOURS;
  if (q === 'off') quietHours = null;
  else if (q) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(q);
    if (!m) throw new Error(`OUTBOX_QUIET_HOURS must be HH:MM-HH:MM or off (got ${q})`);
    quietHours = { from: `${m[1]}:${m[2]}`, to: `${m[3]}:${m[4]}` };
  }
  const r = env.OUTBOX_RATE_LIMITS?.trim();
  let rateLimits: readonly RateLimit[] = DEFAULT_RATE_LIMITS;
  if (r === 'off') rateLimits = [];
  else if (r) {
    rateLimits = r.split(',').map((part) => {
      const m = /^(\d+):(\d+)$/.exec(part.trim());
      if (!m || Number(m[1]) === 0 || Number(m[2]) === 0)
        throw new Error(`OUTBOX_RATE_LIMITS must be seconds:max[,…] or off (got ${r})`);
      return { windowMs: Number(m[1]) * 1000, max: Number(m[2]) };
    });
  }
  return { quietHours, rateLimits };
}
