import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Login rate limit kept in the database so it holds across app nodes. Attempts are counted
 * before the password is checked (atomic upsert), so parallel guesses cannot slip past the limit.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = { userAtIp: 5, ip: 200 } as const;

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
  const userCount = await countAttempt(db, `u:${username.toLowerCase()}|ip:${ip}`, now);
  const ipCount = await countAttempt(db, `ip:${ip}`, now);
  const allowed = userCount <= LIMITS.userAtIp && ipCount <= LIMITS.ip;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil(LOGIN_WINDOW_MS / 1000) };
}

/** A successful login clears the user's counter at that address. */
export async function clearLoginAttempts(
  db: Kysely<Database>,
  { username, ip }: { username: string; ip: string },
): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('bucket', '=', `u:${username.toLowerCase()}|ip:${ip}`)
    .execute();
}
