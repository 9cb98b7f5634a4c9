import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { clearLoginAttempts, countLoginAttempt } from './login-throttle.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

/** Checks credentials under the cross-node rate limit; returns the account or throws. */
export async function authenticate(
  db: Kysely<Database>,
  input: { username: string; password: string; ip: string; now: Date },
): Promise<{ id: string }> {
  const verdict = await countLoginAttempt(db, input);
  if (!verdict.allowed)
    throw new AppError('LOGIN_RATE_LIMITED', { retryAfterSeconds: verdict.retryAfterSeconds });
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'status'])
    .where('username', '=', input.username)
    .executeTakeFirst();
  const ok = await verifyPassword(account?.password_hash ?? DUMMY_HASH, input.password);
  if (!account || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  await clearLoginAttempts(db, input);
  return { id: account.id };
}
