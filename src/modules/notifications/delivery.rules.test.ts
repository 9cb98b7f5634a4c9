import { describe, expect, it } from 'vitest';
import {
  classifyProviderError,
  DEFAULT_QUIET_HOURS,
  DEFAULT_RATE_LIMITS,
  quietHoldUntil,
  rateHoldUntil,
} from './delivery.rules.ts';

describe('X-5 quiet hours (China time)', () => {
  const at = (iso: string) => new Date(iso);
  it('22:00 China time is held until 08:00 the next morning', () => {
    expect(quietHoldUntil(at('2026-03-03T22:00:00+08:00'), DEFAULT_QUIET_HOURS, false)).toEqual(
      at('2026-03-04T08:00:00+08:00'),
    );
  });
  it('03:00 China time is held until 08:00 that morning', () => {
    expect(quietHoldUntil(at('2026-03-04T03:00:00+08:00'), DEFAULT_QUIET_HOURS, false)).toEqual(
      at('2026-03-04T08:00:00+08:00'),
    );
  });
  it('daytime is not held; 08:00 and 20:59 are outside, 21:00 inside', () => {
    expect(quietHoldUntil(at('2026-03-04T08:00:00+08:00'), DEFAULT_QUIET_HOURS, false)).toBeNull();
    expect(quietHoldUntil(at('2026-03-04T20:59:00+08:00'), DEFAULT_QUIET_HOURS, false)).toBeNull();
    expect(
      quietHoldUntil(at('2026-03-04T21:00:00+08:00'), DEFAULT_QUIET_HOURS, false),
    ).not.toBeNull();
  });
  it('a login code is never held; no quiet hours configured holds nothing', () => {
    expect(quietHoldUntil(at('2026-03-03T23:00:00+08:00'), DEFAULT_QUIET_HOURS, true)).toBeNull();
    expect(quietHoldUntil(at('2026-03-03T23:00:00+08:00'), null, false)).toBeNull();
  });
  it('a window within one day (12:00–14:00) works too', () => {
    expect(
      quietHoldUntil(at('2026-03-03T13:00:00+08:00'), { from: '12:00', to: '14:00' }, false),
    ).toEqual(at('2026-03-03T14:00:00+08:00'));
  });
});

describe('X-5 per-number rate limits', () => {
  const t0 = new Date('2026-03-03T02:00:00Z');
  const ago = (ms: number) => new Date(t0.getTime() - ms);
  it('nothing sent: go now', () => {
    expect(rateHoldUntil(t0, [], DEFAULT_RATE_LIMITS)).toBeNull();
  });
  it('one a minute: 30 s after the last, wait 30 s', () => {
    expect(rateHoldUntil(t0, [ago(30_000)], DEFAULT_RATE_LIMITS)).toEqual(
      new Date(t0.getTime() + 30_000),
    );
  });
  it('five an hour: the sixth waits until the oldest of the five is an hour old', () => {
    const sent = [10, 20, 30, 40, 50].map((m) => ago(m * 60_000));
    expect(rateHoldUntil(t0, sent, DEFAULT_RATE_LIMITS)).toEqual(
      new Date(t0.getTime() + 10 * 60_000),
    );
  });
  it('ten a day', () => {
    const sent = Array.from({ length: 10 }, (_, i) => ago((i + 2) * 3_600_000));
    expect(rateHoldUntil(t0, sent, DEFAULT_RATE_LIMITS)).toEqual(
      new Date(t0.getTime() + 13 * 3_600_000),
    );
  });
  it('messages outside every window do not count', () => {
    expect(rateHoldUntil(t0, [ago(25 * 3_600_000)], DEFAULT_RATE_LIMITS)).toBeNull();
  });
});

describe('X-5 permanent vs transient errors', () => {
  it.each([
    ['aliyun', 'isv.MOBILE_NUMBER_ILLEGAL', 'permanent'],
    ['aliyun', 'isv.SMS_TEMPLATE_ILLEGAL', 'permanent'],
    ['aliyun', 'isv.BUSINESS_LIMIT_CONTROL', 'transient'],
    ['aliyun', 'isp.SYSTEM_ERROR', 'transient'],
    ['tencent', 'InvalidParameterValue.IncorrectPhoneNumber', 'permanent'],
    ['tencent', 'FailedOperation.PhoneNumberInBlacklist', 'permanent'],
    ['tencent', 'LimitExceeded.PhoneNumberDailyLimit', 'transient'],
    ['tencent', 'InternalError.Timeout', 'transient'],
    ['wechat', 43101, 'refused'],
    ['wechat', 47003, 'permanent'],
    ['wechat', -1, 'transient'],
    ['smtp', 550, 'permanent'],
    ['smtp', 421, 'transient'],
    ['webhook', 404, 'permanent'],
    ['webhook', 429, 'transient'],
    ['webhook', 408, 'transient'],
    ['webhook', 503, 'transient'],
    ['other', 'x', 'transient'],
  ])('%s %s → %s', (provider, code, kind) => {
    expect(classifyProviderError(provider, code)).toBe(kind);
  });
});
