import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../shared/problem.ts';
import { judgePassword } from './password-rules.ts';

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

/** Refuses a password that breaks the rules of password-rules.ts, with its problem code. */
export async function assertAcceptablePassword(
  password: string,
  userInputs: string[] = [],
): Promise<void> {
  const verdict = await judgePassword(password, userInputs);
  if (verdict === 'too_common') throw new AppError('PASSWORD_TOO_COMMON');
  if (verdict !== 'ok') throw new AppError('WEAK_PASSWORD');
}

/** Verifying against this keeps failed logins for unknown users as slow as for known ones. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$HFBV7quFIBxpeW4fEjzC+A$aMKaL2AYE0X4KXkHGuYi5JogjCo9xdUqQWA85OZ1BIc';
