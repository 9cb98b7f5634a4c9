/**
 * Issue #15 point 4: what an administrator may do to another account — pure rules, tested
 * without a database. An administrator manages an account only when every one of its grants lies
 * inside the administrator's own reach (a town's administrator never touches a district's), never
 * their own account, and never leaves an account without any grant (it would vanish from every
 * list, since accounts are found through their grants).
 */
import crypto from 'node:crypto';

export type AccountRefusal = 'ACCOUNT_OUT_OF_SCOPE' | 'ACCOUNT_SELF_CHANGE' | 'ACCOUNT_LAST_GRANT';

/** Every grant of the account starts with one of the administrator's reach prefixes. */
export function accountWithinReach(
  reach: readonly string[],
  grantRegionCodes: readonly string[],
): boolean {
  return (
    grantRegionCodes.length > 0 &&
    grantRegionCodes.every((code) => reach.some((prefix) => code.startsWith(prefix)))
  );
}

/** Why an administrator may not change this account at all (status, password, grants); null if they may. */
export function manageRefusal(input: {
  actorAccountId: string;
  accountId: string;
  reach: readonly string[];
  grantRegionCodes: readonly string[];
}): AccountRefusal | null {
  if (input.actorAccountId === input.accountId) return 'ACCOUNT_SELF_CHANGE';
  if (!accountWithinReach(input.reach, input.grantRegionCodes)) return 'ACCOUNT_OUT_OF_SCOPE';
  return null;
}

/** Why one grant may not be revoked (after manageRefusal passed); null if it may. */
export function revokeRefusal(input: { grantCount: number }): AccountRefusal | null {
  return input.grantCount <= 1 ? 'ACCOUNT_LAST_GRANT' : null;
}

/** Letters and digits nobody confuses when reading them aloud or off a screen (no 0/O, 1/l/I). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A one-time password for a reset: 16 characters in groups of four (≈ 92 bits), shown once to
 * the administrator, who hands it over; the person changes it after logging in.
 */
export function oneTimePassword(random: (n: number) => Buffer = crypto.randomBytes): string {
  const chars: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (chars.length < 16) {
    for (const byte of random(32)) {
      if (byte < limit && chars.length < 16) chars.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
