/**
 * Issue #11: phone login by SMS code for residents, volunteers and guardians (staff keep their
 * password and second factor).
 *
 * - A code is 6 digits, kept as a keyed hash, valid 5 minutes, 5 wrong tries; a new one no sooner
 *   than 60 s after the last; per-phone and per-address limits in the login throttle table.
 * - The answer to a code request is the same whether the phone is known, unknown or a staff
 *   account's (a code row is kept either way, so the cooldown answers alike): nothing tells
 *   which phones have accounts. Only an eligible account gets an SMS (through the outbox).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { countAttempt } from './login-throttle.ts';
import { phoneLookupHash } from './account-phone.ts';
import type { Role } from '../../shared/roles.ts';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_RESEND_COOLDOWN_MS = 60_000;
export const SMS_MAX_WRONG = 5;
/** Per hour: codes asked for one phone, and from one address (a station's NAT: generous). */
export const SMS_LIMITS = { phone: 10, ip: 60, loginIp: 100 } as const;
const HOUR_MS = 3600_000;
/** Sessions from SMS login live on the user's own phone: 30 days, extended by each use. */
export const SMS_SESSION_SLIDING_HOURS = 30 * 24;

/** Roles that may log in by phone: people served and volunteers, never staff. */
export const PHONE_LOGIN_ROLES: readonly Role[] = [
  'resident',
  'volunteer',
  'team_leader',
  'guardian',
];

const codeHash = (pii: PiiCipher, phoneHash: string, code: string) =>
  pii.lookupHash(`sms-login:${phoneHash}:${code}`);

/** The account a phone logs in to, when it may log in by phone at all. */
async function eligibleAccount(db: Kysely<Database>, phoneHash: string) {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'status', 'totp_enabled_at'])
    .where('phone_hash', '=', phoneHash)
    .executeTakeFirst();
  if (!account || account.status !== 'active' || account.totp_enabled_at) return null;
  const roles = await db
    .selectFrom('role_grants')
    .select('role')
    .where('account_id', '=', account.id)
    .execute();
  if (roles.length === 0) return null;
  if (!roles.every((r) => (PHONE_LOGIN_ROLES as readonly string[]).includes(r.role))) return null;
  return account;
}

export async function requestSmsCode(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: { phone: string; ip: string; now: Date },
): Promise<{ cooldownSeconds: number; expiresInSeconds: number }> {
  const phoneHash = phoneLookupHash(pii, input.phone);
  const byIp = await countAttempt(db, `sms-ip:${input.ip}`, input.now, HOUR_MS);
  const byPhone = await countAttempt(db, `sms-phone:${phoneHash}`, input.now, HOUR_MS);
  if (byIp > SMS_LIMITS.ip || byPhone > SMS_LIMITS.phone)
    throw new AppError('SMS_RATE_LIMITED', { retryAfterSeconds: 3600 });
  const last = await db
    .selectFrom('sms_login_codes')
    .select('created_at')
    .where('phone_hash', '=', phoneHash)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const since = last ? input.now.getTime() - Date.parse(last.created_at) : Infinity;
  if (since < SMS_RESEND_COOLDOWN_MS)
    throw new AppError('SMS_COOLDOWN', {
      retryAfterSeconds: Math.ceil((SMS_RESEND_COOLDOWN_MS - since) / 1000),
    });
  const account = await eligibleAccount(db, phoneHash);
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    // An older unused code of this phone ends: only the newest one is valid.
    await trx
      .updateTable('sms_login_codes')
      .set({ used_at: input.now.toISOString() })
      .where('phone_hash', '=', phoneHash)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('sms_login_codes')
      .values({
        id: crypto.randomUUID(),
        phone_hash: phoneHash,
        account_id: account?.id ?? null,
        code_hash: codeHash(pii, phoneHash, code),
        attempts: 0,
        created_at: input.now.toISOString(),
        expires_at: new Date(input.now.getTime() + SMS_CODE_TTL_MS).toISOString(),
        used_at: null,
      })
      .execute();
    if (account)
      await enqueueSms(trx, pii, {
        to: input.phone,
        template: 'login_code',
        params: { code, minutes: SMS_CODE_TTL_MS / 60_000 },
        now: input.now,
      });
  });
  return {
    cooldownSeconds: SMS_RESEND_COOLDOWN_MS / 1000,
    expiresInSeconds: SMS_CODE_TTL_MS / 1000,
  };
}

/** Checks the code; returns the account to open a session for, or throws SMS_CODE_INVALID. */
export async function verifySmsCode(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: { phone: string; code: string; ip: string; now: Date },
): Promise<{ id: string }> {
  const byIp = await countAttempt(db, `sms-login-ip:${input.ip}`, input.now, HOUR_MS);
  if (byIp > SMS_LIMITS.loginIp)
    throw new AppError('SMS_RATE_LIMITED', { retryAfterSeconds: 3600 });
  const phoneHash = phoneLookupHash(pii, input.phone);
  const nowIso = input.now.toISOString();
  const row = await db
    .selectFrom('sms_login_codes')
    .selectAll()
    .where('phone_hash', '=', phoneHash)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso || row.attempts >= SMS_MAX_WRONG)
    throw new AppError('SMS_CODE_EXPIRED');
  // Count the try first (atomically, below the limit), so parallel guesses cannot exceed it.
  const counted = await db
    .updateTable('sms_login_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .where('attempts', '<', SMS_MAX_WRONG)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) !== 1) throw new AppError('SMS_CODE_EXPIRED');
  const right = crypto.timingSafeEqual(
    Buffer.from(codeHash(pii, phoneHash, input.code)),
    Buffer.from(row.code_hash),
  );
  if (!right || !row.account_id) throw new AppError('SMS_CODE_INVALID');
  const used = await db
    .updateTable('sms_login_codes')
    .set({ used_at: nowIso })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new AppError('SMS_CODE_EXPIRED');
  const account = await eligibleAccount(db, phoneHash);
  if (!account || account.id !== row.account_id) throw new AppError('SMS_CODE_INVALID');
  return { id: account.id };
}
