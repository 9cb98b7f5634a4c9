/**
 * Issue #15 point 1: the setup token. While a deployment has no administrator, whoever can read the
 * server's log (the person who installed it) holds the token that opens the first-run setup; the
 * token is derived from the data key, so every node of a deployment prints and accepts the same one
 * without storing it, and it opens nothing once an administrator exists.
 */
import crypto from 'node:crypto';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

export function setupToken(pii: PiiCipher): string {
  return crypto
    .createHash('sha256')
    .update(pii.lookupHash('doorstep/first-run-setup/v1'))
    .digest('base64url')
    .slice(0, 24);
}

export function isSetupToken(pii: PiiCipher, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(setupToken(pii));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The address the server's log prints while setup is open. */
export function setupLink(publicUrl: string, pii: PiiCipher): string {
  return `${publicUrl.replace(/\/+$/, '')}/setup?token=${setupToken(pii)}`;
}
