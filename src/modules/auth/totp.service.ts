/**
 * The administrators' second factor (X-2): enrol (a secret shown once, as an otpauth URI and QR
 * code), confirm with a code (then login asks for one; ten one-time recovery codes are shown once),
 * check at login (each time step accepted once, settled by a conditional update so two nodes cannot
 * both accept it), turn off. The secret is encrypted with the data key like personal data.
 */
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import {
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
} from './totp.rules.ts';

interface Ctx {
  db: Kysely<Database>;
  pii: PiiCipher;
}

async function loadAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'totp_secret_cipher', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

export async function secondFactorStatus(db: Kysely<Database>, accountId: string) {
  const row = await db
    .selectFrom('accounts')
    .select('totp_enabled_at')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return { enabled: Boolean(row?.totp_enabled_at) };
}

/** Starts (or restarts) enrolment: a new secret, not yet asked for at login. */
export async function startTotpEnrolment(ctx: Ctx, input: { accountId: string; now: Date }) {
  const account = await loadAccount(ctx.db, input.accountId);
  if (account.totp_enabled_at) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('accounts')
    .set({
      totp_secret_cipher: ctx.pii.encrypt(secret),
      totp_last_step: null,
      updated_at: input.now.toISOString(),
    })
    .where('id', '=', input.accountId)
    .where('totp_enabled_at', 'is', null)
    .execute();
  const uri = totpUri(account.username, secret);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, uri, qrSvg };
}

/** Confirms enrolment with a code from the app; answers the recovery codes, shown only now. */
export async function confirmTotpEnrolment(
  ctx: Ctx,
  input: {
    accountId: string;
    code: string;
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<{ recoveryCodes: string[] }> {
  const account = await loadAccount(ctx.db, input.accountId);
  if (account.totp_enabled_at) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!account.totp_secret_cipher) throw new AppError('TOTP_NOT_STARTED');
  const secret = ctx.pii.decrypt(account.totp_secret_cipher);
  const step = await matchTotp(secret, input.code.trim(), input.now, null);
  if (step === null) throw new AppError('TOTP_INVALID');
  const codes = newRecoveryCodes();
  const nowIso = input.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('accounts')
      .set({ totp_enabled_at: nowIso, totp_last_step: step, updated_at: nowIso })
      .where('id', '=', input.accountId)
      .where('totp_enabled_at', 'is', null)
      .where('totp_secret_cipher', '=', account.totp_secret_cipher)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('TOTP_NOT_STARTED');
    await trx
      .deleteFrom('account_recovery_codes')
      .where('account_id', '=', input.accountId)
      .execute();
    await trx
      .insertInto('account_recovery_codes')
      .values(
        codes.map((c) => ({
          account_id: input.accountId,
          code_hash: recoveryCodeHash(c),
          created_at: nowIso,
          used_at: null,
        })),
      )
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'account.totp_enabled',
      entityType: 'account',
      entityId: input.accountId,
      requestId: input.requestId,
      now: input.now,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * The second step of a login: a current authenticator code (each time step once) or an unused
 * recovery code (then spent). False when neither holds.
 */
export async function checkSecondFactor(
  ctx: Ctx,
  input: { accountId: string; code: string; requestId: string | null; now: Date },
): Promise<boolean> {
  const account = await loadAccount(ctx.db, input.accountId);
  if (!account.totp_enabled_at || !account.totp_secret_cipher) return true;
  const code = input.code.trim();
  if (/^\d{6}$/.test(code)) {
    const secret = ctx.pii.decrypt(account.totp_secret_cipher);
    const step = await matchTotp(secret, code, input.now, account.totp_last_step);
    if (step === null) return false;
    // Only one login may spend this step, on any node.
    const spent = await ctx.db
      .updateTable('accounts')
      .set({ totp_last_step: step })
      .where('id', '=', input.accountId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(spent.numUpdatedRows) === 1;
  }
  if (!looksLikeRecoveryCode(code)) return false;
  const nowIso = input.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('account_recovery_codes')
      .set({ used_at: nowIso })
      .where('account_id', '=', input.accountId)
      .where('code_hash', '=', recoveryCodeHash(code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actor: { accountId: input.accountId, role: null, stationId: null },
      action: 'account.recovery_code_used',
      entityType: 'account',
      entityId: input.accountId,
      requestId: input.requestId,
      now: input.now,
    });
    return true;
  });
}

/** Turns the second factor off (a current code or a recovery code proves the owner is here). */
export async function disableTotp(
  ctx: Ctx,
  input: {
    accountId: string;
    code: string;
    required: boolean;
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<void> {
  if (input.required) throw new AppError('TOTP_REQUIRED_BY_POLICY');
  const account = await loadAccount(ctx.db, input.accountId);
  if (!account.totp_enabled_at) throw new AppError('TOTP_NOT_STARTED');
  if (!(await checkSecondFactor(ctx, input))) throw new AppError('TOTP_INVALID');
  const nowIso = input.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        totp_secret_cipher: null,
        totp_enabled_at: null,
        totp_last_step: null,
        updated_at: nowIso,
      })
      .where('id', '=', input.accountId)
      .execute();
    await trx
      .deleteFrom('account_recovery_codes')
      .where('account_id', '=', input.accountId)
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'account.totp_disabled',
      entityType: 'account',
      entityId: input.accountId,
      requestId: input.requestId,
      now: input.now,
    });
  });
}
