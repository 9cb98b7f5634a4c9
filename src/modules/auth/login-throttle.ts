import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Login rate limit kept in the database so it holds across app nodes. Attempts are counted
 * before the password is checked (atomic upsert), so parallel guesses cannot slip past the limit.
 *
 * Three buckets per attempt: the account at this address, the account from anywhere (so
 * guesses spread over many addresses still stop), and the address (so one address cannot try
 * many accounts). A successful login gives its attempt back to the account and the address: many
 * clerks behind one station's NAT never use up each other's budget.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = { userAtIp: 5, account: 10, ip: 200 } as const;

/** Counts one attempt in a fixed window per bucket, atomically; returns the count so far. */
export async function countAttempt(
  db: Kysely<Database>,
  bucket: string,
  now: Date,
  windowMs = LOGIN_WINDOW_MS,
): Promise<number> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const nowIso = now.toISOString();
  const row = await db
    .insertInto('login_throttle')
    .values({ bucket, window_start: nowIso, failures: 1 })
    .onConflict((oc) =>
      oc.column('bucket').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.window_start', '<', cutoff)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('login_throttle.window_start', '<', cutoff)
          .then(nowIso)
          .else(eb.ref('login_throttle.window_start'))
          .end(),
      })),
    )
    .returning(['failures', 'window_start'])
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export async function countLoginAttempt(
  db: Kysely<Database>,
  { username, ip, now }: { username: string; ip: string; now: Date },
): Promise<ThrottleVerdict> {
  const userCount = await countAttempt(db, userAtIpBucket(username, ip), now);
  const accountCount = await countAttempt(db, accountBucket(username), now);
  const ipCount = await countAttempt(db, `ip:${ip}`, now);
  const allowed =
    userCount <= LIMITS.userAtIp && accountCount <= LIMITS.account && ipCount <= LIMITS.ip;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil(LOGIN_WINDOW_MS / 1000) };
}

const userAtIpBucket = (username: string, ip: string) => `u:${username.toLowerCase()}|ip:${ip}`;
const accountBucket = (username: string) => `acct:${username.toLowerCase()}`;

/**
 * A successful login: clears the user's counter at that address and gives the attempt back to
 * the account and the address (it was counted before the password was known to be right).
 */
export async function clearLoginAttempts(
  db: Kysely<Database>,
  { username, ip }: { username: string; ip: string },
): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('bucket', '=', userAtIpBucket(username, ip))
    .execute();
  await refundLoginAttempt(db, { username, ip });
}

/** Gives one counted attempt back to the account's and the address's buckets. */
export async function refundLoginAttempt(
  db: Kysely<Database>,
  { username, ip }: { username: string; ip: string },
): Promise<void> {
  await refundAttempt(db, accountBucket(username), `ip:${ip}`);
}

/** Gives one counted attempt back to each bucket (an attempt that turned out right). */
export async function refundAttempt(db: Kysely<Database>, ...buckets: string[]): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('bucket', 'in', buckets)
    .where('failures', '>', 0)
    .execute();
}
