import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export function isAcceptablePassword(password: string): boolean {
  return password.length >= 10 && password.length <= 200;
}

/** Verifying against this keeps failed logins for unknown users as slow as for known ones. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$HFBV7quFIBxpeW4fEjzC+A$aMKaL2AYE0X4KXkHGuYi5JogjCo9xdUqQWA85OZ1BIc';
