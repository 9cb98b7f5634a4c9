import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { clearLoginAttempts, countLoginAttempt, refundLoginAttempt } from './login-throttle.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { checkSecondFactor } from './totp.service.ts';

/**
 * Checks credentials under the cross-node rate limit; returns the account or throws. An account
 * with a second factor also needs its code (`otp`): without one the answer is TOTP_REQUIRED (and
 * the attempt is given back: it is the first step of a normal login); a wrong one counts as a
 * failed attempt, so codes cannot be guessed faster than passwords.
 */
export async function authenticate(
  db: Kysely<Database>,
  input: {
    username: string;
    password: string;
    otp?: string | undefined;
    ip: string;
    now: Date;
    pii: PiiCipher;
    requestId?: string | null;
  },
): Promise<{ id: string }> {
  const verdict = await countLoginAttempt(db, input);
  if (!verdict.allowed)
    throw new AppError('LOGIN_RATE_LIMITED', { retryAfterSeconds: verdict.retryAfterSeconds });
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'status', 'totp_enabled_at'])
    .where('username', '=', input.username)
    .executeTakeFirst();
  const ok = await verifyPassword(account?.password_hash ?? DUMMY_HASH, input.password);
  if (!account || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (account.totp_enabled_at) {
    if (!input.otp) {
      await refundLoginAttempt(db, input);
      throw new AppError('TOTP_REQUIRED');
    }
    const passed = await checkSecondFactor(
      { db, pii: input.pii },
      {
        accountId: account.id,
        code: input.otp,
        requestId: input.requestId ?? null,
        now: input.now,
      },
    );
    if (!passed) throw new AppError('TOTP_INVALID');
  }
  await clearLoginAttempts(db, input);
  return { id: account.id };
}
