import { describe, expect, it } from 'vitest';
import {
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpCodeAt,
  totpUri,
} from './totp.rules.ts';

const NOW = new Date('2026-03-02T01:30:00.000Z');

describe('TOTP rules (X-2)', () => {
  it('accepts the code of now and of one step either side, not two', async () => {
    const secret = newTotpSecret();
    const code = await totpCodeAt(secret, NOW);
    expect(await matchTotp(secret, code, NOW, null)).toBe(Math.floor(NOW.getTime() / 30_000));
    expect(await matchTotp(secret, code, new Date(NOW.getTime() + 30_000), null)).not.toBeNull();
    expect(await matchTotp(secret, code, new Date(NOW.getTime() + 61_000), null)).toBeNull();
    expect(await matchTotp(secret, '000000', NOW, null)).toBeNull();
    expect(await matchTotp(secret, 'abc', NOW, null)).toBeNull();
  });

  it('refuses a code whose step was used already', async () => {
    const secret = newTotpSecret();
    const code = await totpCodeAt(secret, NOW);
    const step = await matchTotp(secret, code, NOW, null);
    expect(await matchTotp(secret, code, NOW, step)).toBeNull();
  });

  it('builds an otpauth URI for authenticator apps', () => {
    const uri = totpUri('admin', 'JBSWY3DPEHPK3PXPJBSWY3DPEH');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXPJBSWY3DPEH');
  });

  it('issues ten distinct recovery codes, hashed in a normal form', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(looksLikeRecoveryCode(c)).toBe(true);
    const c = codes[0]!;
    expect(recoveryCodeHash(c.toUpperCase().replace('-', ' '))).toBe(recoveryCodeHash(c));
  });
});
