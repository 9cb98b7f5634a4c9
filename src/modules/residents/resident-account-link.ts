/**
 * Issue #15 point 4: staff link an existing account to a resident record, or unlink it (a
 * station's new phone login is resident-account.ts). One account per resident and one resident per
 * account (accounts.resident_id is unique: a parallel request loses with RESIDENT_LOGIN_EXISTS).
 * Linking gives the account the `resident` role in the home region when it has none, so the person
 * can file online and see their own cases. Audited in the same transaction.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { auditActor, standingIn, type Actor } from '../../shared/actor.ts';
import { RESIDENT_READERS } from '../../shared/roles.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ACCOUNT_LINKERS } from './resident-account.ts';
import { residentGrant } from './residents.scope.ts';

interface Meta {
  actor: Actor;
  requestId: string | null;
  now: Date;
}

async function residentInScope(db: Kysely<Database>, input: Meta & { residentId: string }) {
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'home_region_code'])
    .where('id', '=', input.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  const grant = await residentGrant(db, {
    actor: input.actor,
    roles: ACCOUNT_LINKERS,
    resident,
    now: input.now,
  });
  return { resident, grant };
}

export async function linkResidentAccount(
  db: Kysely<Database>,
  input: Meta & { residentId: string; accountId: string },
): Promise<void> {
  const { resident, grant } = await residentInScope(db, input);
  const nowIso = input.now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const linked = await trx
        .selectFrom('accounts')
        .select('id')
        .where('resident_id', '=', resident.id)
        .executeTakeFirst();
      if (linked) throw new AppError('RESIDENT_LOGIN_EXISTS');
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'resident_id'])
        .where('id', '=', input.accountId)
        .executeTakeFirst();
      if (!account) throw new AppError('RESIDENT_LINK_ACCOUNT_NOT_FOUND');
      if (account.resident_id) throw new AppError('RESIDENT_LINK_ACCOUNT_TAKEN');
      await trx
        .updateTable('accounts')
        .set({ resident_id: resident.id, updated_at: nowIso })
        .where('id', '=', account.id)
        .where('resident_id', 'is', null)
        .execute();
      const role = await trx
        .selectFrom('role_grants')
        .select('id')
        .where('account_id', '=', account.id)
        .where('role', '=', 'resident')
        .executeTakeFirst();
      if (!role)
        await trx
          .insertInto('role_grants')
          .values({
            id: crypto.randomUUID(),
            account_id: account.id,
            role: 'resident',
            region_code: resident.home_region_code,
            station_id: null,
            created_at: nowIso,
          })
          .execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'resident.account_linked',
        entityType: 'resident',
        entityId: resident.id,
        regionCode: resident.home_region_code,
        after: { accountId: account.id },
        requestId: input.requestId,
        now: input.now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('RESIDENT_LOGIN_EXISTS');
    throw err;
  }
}

export async function unlinkResidentAccount(
  db: Kysely<Database>,
  input: Meta & { residentId: string },
): Promise<void> {
  const { resident, grant } = await residentInScope(db, input);
  await db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('accounts')
      .select('id')
      .where('resident_id', '=', resident.id)
      .executeTakeFirst();
    if (!account) throw new AppError('RESIDENT_ACCOUNT_NOT_LINKED');
    await trx
      .updateTable('accounts')
      .set({ resident_id: null, updated_at: input.now.toISOString() })
      .where('id', '=', account.id)
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'resident.account_unlinked',
      entityType: 'resident',
      entityId: resident.id,
      regionCode: resident.home_region_code,
      before: { accountId: account.id },
      requestId: input.requestId,
      now: input.now,
    });
  });
}

/** What the resident page's account card offers: a new phone login, linking an account, unlinking. */
export type ResidentAccountAction = 'create_login' | 'link' | 'unlink';

/**
 * The account linked to the resident record (or none), for those who read the record, and what
 * the caller may do about it: linkers in scope create a phone login or link an existing account
 * when none is linked, and unlink the linked one.
 */
export async function residentAccountView(
  db: Kysely<Database>,
  input: { actor: Actor; residentId: string; now: Date },
) {
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'home_region_code'])
    .where('id', '=', input.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  await residentGrant(db, {
    actor: input.actor,
    roles: RESIDENT_READERS,
    resident,
    now: input.now,
  });
  const linker = standingIn(input.actor, ACCOUNT_LINKERS, resident.home_region_code) === 'region';
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'phone_masked', 'status'])
    .where('resident_id', '=', resident.id)
    .executeTakeFirst();
  const availableActions: ResidentAccountAction[] = !linker
    ? []
    : account
      ? ['unlink']
      : ['create_login', 'link'];
  return {
    residentId: resident.id,
    account: account
      ? {
          id: account.id,
          username: account.username,
          displayName: account.display_name,
          phoneMasked: account.phone_masked,
          status: account.status,
        }
      : null,
    availableActions,
  };
}
