/**
 * The second factor's pure rules: TOTP codes (RFC 6238, 6 digits, 30 s, SHA-1 — what every
 * authenticator app speaks) through otplib, with one step of clock drift either way; one-time
 * recovery codes (10 characters from an alphabet without look-alikes, shown as `xxxxx-xxxxx`).
 */
import crypto from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_ISSUER = 'Doorstep 家门口';
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(username: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/** The code an authenticator shows at `now` (tests and the web's own checks). */
export function totpCodeAt(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

/**
 * Checks a code at `now`; a code of a time step at or before `afterStep` was used already.
 * Returns the matched time step (to remember), or null.
 */
export async function matchTotp(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: 30,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid ? Math.floor(epoch / 30) + result.delta : null;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(
      { length: 10 },
      () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]!,
    ).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes are stored as sha256 of their normalised form (lower case, no dash or space). */
export function recoveryCodeHash(code: string): string {
  const normal = code.toLowerCase().replace(/[\s-]/g, '');
  return crypto.createHash('sha256').update(normal).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{5}[\s-]?[a-z0-9]{5}$/i.test(code.trim());
}
