/** GS-13: short random tokens (links, devices, pairing codes), stored only as sha256. Pure. */
import crypto from 'node:crypto';

/** 12 random bytes → 16 URL-safe characters: short enough for an SMS. */
export function newLinkToken(): string {
  return crypto.randomBytes(12).toString('base64url');
}

/** A device's bearer token (32 bytes). */
export function newDeviceToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** A 6-digit pairing code a clerk reads off the staff page and types on the tablet. */
export function newPairCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function ratingLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/r/rate?t=${encodeURIComponent(token)}`;
}
