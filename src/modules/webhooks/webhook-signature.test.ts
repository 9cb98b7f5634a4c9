import { describe, expect, it } from 'vitest';
import { signatureHeader, signatureOf, verifySignature } from './webhook-signature.ts';

describe('X-9 webhook signatures', () => {
  const secret = 'whsec_test';
  const now = new Date('2026-03-02T01:30:00Z');
  const body = '{"event":"case.closed","data":{"caseNumber":"20260302-00001"}}';

  it('a signed body verifies', () => {
    const h = signatureHeader(secret, now, body);
    expect(h).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, h, body, now)).toEqual({
      ok: true,
      timestamp: Math.floor(now.getTime() / 1000),
    });
  });

  it('the HMAC is over "<t>.<body>" (a receiver in any language can recompute it)', () => {
    // echo -n '1.x' | openssl dgst -sha256 -hmac k
    expect(signatureOf('k', 1, 'x')).toBe(
      '976cb87e4f568d1c0f03f32859e90af8597cf00b978ba37c229c97d3a15b8449',
    );
    expect(signatureOf('k', 1, 'x')).not.toBe(signatureOf('k', 2, 'x'));
  });

  it('a changed body, another secret, a stale or malformed header do not verify', () => {
    const h = signatureHeader(secret, now, body);
    expect(verifySignature(secret, h, body.replace('00001', '00002'), now)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature('other', h, body, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, h, body, new Date(now.getTime() + 301_000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignature(secret, undefined, body, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifySignature(secret, 't=1,v1=zz', body, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
