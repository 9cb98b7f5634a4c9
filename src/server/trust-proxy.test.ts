import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy.ts';

describe('TRUST_PROXY (X-2)', () => {
  it('trusts no proxy by default', () => {
    expect(parseTrustProxy(undefined)).toEqual({ trustProxy: false });
    expect(parseTrustProxy('false')).toEqual({ trustProxy: false });
    expect(parseTrustProxy('0')).toEqual({ trustProxy: false });
  });

  it('reads a hop count', () => {
    expect(parseTrustProxy('2')).toEqual({ trustProxy: 2 });
  });

  it('reads `true` as one hop, never as "trust everyone", and warns', () => {
    const parsed = parseTrustProxy('true');
    expect(parsed.trustProxy).toBe(1);
    expect(parsed.warning).toMatch(/1 proxy hop/);
  });

  it('reads proxy addresses and CIDR ranges', () => {
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1')).toEqual({
      trustProxy: ['10.0.0.5', '10.1.0.0/16', '::1'],
    });
  });

  it('refuses anything else at start-up', () => {
    expect(() => parseTrustProxy('yes')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('99')).toThrow(/TRUST_PROXY/);
  });
});
