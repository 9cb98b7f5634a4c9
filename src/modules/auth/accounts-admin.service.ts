/**
 * Issue #15 point 4: administrators manage accounts inside their own scope — list with
 * filters, disable / enable, reset a password (a one-time password, answered once), grant and
 * revoke a role over a region or a station. Every change is one transaction with its audit event.
 * The rules of who may touch which account are pure (accounts.rules.ts, account.workflow.ts);
 * the list and the one-account view are in accounts-view.ts.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { auditActor, authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from './password.ts';
import { manageRefusal, oneTimePassword, revokeRefusal } from './accounts.rules.ts';
import { canTransition, statusAfter } from './account.workflow.ts';
import { ADMIN, grantsOf, type AccountGrantView } from './accounts-view.ts';

/**
 * Inside the transaction: the account, its grants, and the check that this administrator may
 * change it (not themselves, every grant in reach). The grant written to the audit is the
 * administrator's grant that reaches the account's first grant.
 */
async function lockManageable(trx: Transaction<Database>, actor: Actor, accountId: string) {
  const account = await trx
    .selectFrom('accounts')
    .select(['id', 'username', 'status'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  const grants = account ? await grantsOf(trx, [accountId]) : [];
  const reach = reachPrefixes(actor, ADMIN);
  if (!account || !grants.some((g) => reach.some((p) => g.regionCode.startsWith(p))))
    throw new AppError('ACCOUNT_NOT_FOUND');
  const refusal = manageRefusal({
    actorAccountId: actor.accountId,
    accountId,
    reach,
    grantRegionCodes: grants.map((g) => g.regionCode),
  });
  if (refusal) throw new AppError(refusal);
  const adminGrant = authorize(actor, ADMIN, grants[0]!.regionCode);
  return { account, grants, audit: auditActor(actor, adminGrant) };
}

interface Change {
  actor: Actor;
  accountId: string;
  requestId: string | null;
  now: Date;
}

/** Disable (ends every session at once) or enable an account. */
export async function setAccountStatus(
  db: Kysely<Database>,
  input: Change & { action: 'disable' | 'enable' },
): Promise<void> {
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const { account, grants, audit } = await lockManageable(trx, input.actor, input.accountId);
    if (!canTransition(account.status, input.action))
      throw new AppError('ACCOUNT_TRANSITION_NOT_ALLOWED', {
        detail: `${account.status} → ${input.action}`,
      });
    const to = statusAfter(account.status, input.action);
    // Conditional on the status read: of two racing requests one changes it, the other is refused.
    const res = await trx
      .updateTable('accounts')
      .set({ status: to, updated_at: nowIso })
      .where('id', '=', account.id)
      .where('status', '=', account.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('ACCOUNT_TRANSITION_NOT_ALLOWED');
    if (to === 'disabled') await endSessions(trx, account.id, nowIso);
    await recordAudit(trx, {
      actor: audit,
      action: input.action === 'disable' ? 'account.disabled' : 'account.enabled',
      entityType: 'account',
      entityId: account.id,
      regionCode: grants[0]!.regionCode,
      before: { status: account.status },
      after: { status: to },
      requestId: input.requestId,
      now: input.now,
    });
  });
}

async function endSessions(trx: Transaction<Database>, accountId: string, nowIso: string) {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * A new one-time password for the account, answered once (never stored anywhere but as its hash);
 * every session of the account ends, and the account must change the password at its next login. The audit records that it was reset, never the password.
 */
export async function resetAccountPassword(
  db: Kysely<Database>,
  input: Change,
): Promise<{ password: string }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const { account, grants, audit } = await lockManageable(trx, input.actor, input.accountId);
    if (!canTransition(account.status, 'reset_password'))
      throw new AppError('ACCOUNT_TRANSITION_NOT_ALLOWED', {
        detail: `${account.status} → reset_password`,
      });
    await trx
      .updateTable('accounts')
      // The person must choose their own password at the next login (PASSWORD_CHANGE_REQUIRED
      // until they do), as with the one-time passwords of the staff import.
      .set({
        password_hash: hash,
        password_changed_at: nowIso,
        updated_at: nowIso,
        must_change_password: 1,
      })
      .where('id', '=', account.id)
      .execute();
    await endSessions(trx, account.id, nowIso);
    await recordAudit(trx, {
      actor: audit,
      action: 'account.password_reset',
      entityType: 'account',
      entityId: account.id,
      regionCode: grants[0]!.regionCode,
      after: { mustChangePassword: true },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return { password };
}

/** Grant a role over a region or a station; the scope must lie inside the administrator's own. */
export async function grantAccountRole(
  db: Kysely<Database>,
  input: Change & { role: Role; regionCode?: string | undefined; stationId?: string | undefined },
): Promise<AccountGrantView> {
  const id = crypto.randomUUID();
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const { grants, audit } = await lockManageable(trx, input.actor, input.accountId);
    let regionCode = input.regionCode;
    if (input.stationId) {
      const station = await trx
        .selectFrom('stations')
        .select('region_code')
        .where('id', '=', input.stationId)
        .executeTakeFirst();
      if (!station) throw new AppError('UNKNOWN_STATION');
      regionCode = station.region_code;
    }
    if (!regionCode) throw new AppError('UNKNOWN_REGION');
    const region = await trx
      .selectFrom('regions')
      .select('code')
      .where('code', '=', regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION', { detail: regionCode });
    authorize(input.actor, ADMIN, regionCode);
    const stationId = input.stationId ?? null;
    if (
      grants.some(
        (g) => g.role === input.role && g.regionCode === regionCode && g.stationId === stationId,
      )
    )
      throw new AppError('ACCOUNT_GRANT_EXISTS');
    await trx
      .insertInto('role_grants')
      .values({
        id,
        account_id: input.accountId,
        role: input.role,
        region_code: regionCode,
        station_id: stationId,
        created_at: nowIso,
      })
      .execute();
    await recordAudit(trx, {
      actor: audit,
      action: 'account.role_granted',
      entityType: 'account',
      entityId: input.accountId,
      regionCode,
      after: { grantId: id, role: input.role, regionCode, stationId },
      requestId: input.requestId,
      now: input.now,
    });
  });
  const [view] = (await grantsOf(db, [input.accountId])).filter((g) => g.id === id);
  const { id: grantId, role, regionCode, regionName, stationId, stationName } = view!;
  return { id: grantId, role, regionCode, regionName, stationId, stationName };
}

/** Revoke one grant (never the account's last; the grant must lie inside the administrator's scope). */
export async function revokeAccountGrant(
  db: Kysely<Database>,
  input: Change & { grantId: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { grants, audit } = await lockManageable(trx, input.actor, input.accountId);
    const grant = grants.find((g) => g.id === input.grantId);
    if (!grant) throw new AppError('ACCOUNT_GRANT_NOT_FOUND');
    const refusal = revokeRefusal({ grantCount: grants.length });
    if (refusal) throw new AppError(refusal);
    const res = await trx
      .deleteFrom('role_grants')
      .where('id', '=', grant.id)
      .where('account_id', '=', input.accountId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError('ACCOUNT_GRANT_NOT_FOUND');
    await recordAudit(trx, {
      actor: audit,
      action: 'account.role_revoked',
      entityType: 'account',
      entityId: input.accountId,
      regionCode: grant.regionCode,
      before: {
        grantId: grant.id,
        role: grant.role,
        regionCode: grant.regionCode,
        stationId: grant.stationId,
      },
      requestId: input.requestId,
      now: input.now,
    });
  });
}
