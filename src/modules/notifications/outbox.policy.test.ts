import { describe, expect, it } from 'vitest';
import { outboxPolicyFromEnv } from './outbox.policy.ts';
import { DEFAULT_QUIET_HOURS, DEFAULT_RATE_LIMITS } from './delivery.rules.ts';

describe('X-5 outbox policy from the environment', () => {
  it('defaults: quiet 21:00–08:00, Aliyun-like per-number limits', () => {
    expect(outboxPolicyFromEnv({})).toEqual({
      quietHours: DEFAULT_QUIET_HOURS,
      rateLimits: DEFAULT_RATE_LIMITS,
    });
  });
  it('off turns each off; values are parsed', () => {
    expect(outboxPolicyFromEnv({ OUTBOX_QUIET_HOURS: 'off', OUTBOX_RATE_LIMITS: 'off' })).toEqual({
      quietHours: null,
      rateLimits: [],
    });
    expect(
      outboxPolicyFromEnv({ OUTBOX_QUIET_HOURS: '22:30-07:00', OUTBOX_RATE_LIMITS: '30:1,3600:3' }),
    ).toEqual({
      quietHours: { from: '22:30', to: '07:00' },
      rateLimits: [
        { windowMs: 30_000, max: 1 },
        { windowMs: 3_600_000, max: 3 },
      ],
    });
  });
  it('bad values stop the server', () => {
    expect(() => outboxPolicyFromEnv({ OUTBOX_QUIET_HOURS: '9pm' })).toThrow(/OUTBOX_QUIET_HOURS/);
    expect(() => outboxPolicyFromEnv({ OUTBOX_RATE_LIMITS: '60:0' })).toThrow(/OUTBOX_RATE_LIMITS/);
  });
});
