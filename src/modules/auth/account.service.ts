import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type Db } from '../../db/in-transaction.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './password.ts';
import { isRole, type Role } from '../../shared/roles.ts';

import {
  DEFAULT_PREFERENCES,
  parsePreferences,
  type AccountPreferences,
} from './account.stored.ts';

export { DEFAULT_PREFERENCES, parsePreferences, type AccountPreferences };

export interface GrantInput {
  role: Role;
  /** A region code, or omitted when the grant is to a station (its region is used). */
  regionCode?: string;
  stationId?: string;
}

export interface CreateAccountInput {
  username: string;
  displayName: string;
  password: string;
  grants: GrantInput[];
  residentId?: string | null;
  isDemo?: boolean;
  /** Issue #15 point 4: a one-time password the person must change before anything else. */
  mustChangePassword?: boolean;
  actor: AuditActor;
  requestId?: string | null;
  now: Date;
}

/**
 * One role grant, its region checked (a station's region when granted over a station). Usable
 * inside a caller's transaction; the caller decides who may grant what (accounts.rules.ts).
 */
export async function insertGrant(
  trx: Db,
  input: GrantInput & { accountId: string; id?: string; now: Date },
): Promise<{ id: string; role: Role; regionCode: string; stationId: string | null }> {
  if (!isRole(input.role)) throw new AppError('UNKNOWN_ROLE');
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
  const grant = {
    id: input.id ?? crypto.randomUUID(),
    account_id: input.accountId,
    role: input.role,
    region_code: regionCode,
    station_id: input.stationId ?? null,
    created_at: input.now.toISOString(),
  };
  await trx.insertInto('role_grants').values(grant).execute();
  return { id: grant.id, role: input.role, regionCode, stationId: grant.station_id };
}

/** A new account with its grants and one audit event; in the caller's transaction when given one. */
export async function createAccount(db: Db, input: CreateAccountInput) {
  await assertAcceptablePassword(input.password, [input.username, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  const id = crypto.randomUUID();
  const nowIso = input.now.toISOString();
  return inTransaction(db, async (trx) => {
    const taken = await trx
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN');
    await trx
      .insertInto('accounts')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        status: 'active',
        resident_id: input.residentId ?? null,
        preferences: JSON.stringify(DEFAULT_PREFERENCES),
        is_demo: input.isDemo ? 1 : 0,
        must_change_password: input.mustChangePassword ? 1 : 0,
        password_changed_at: nowIso,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    const grants = [];
    for (const g of input.grants) {
      const grant = await insertGrant(trx, { ...g, accountId: id, now: input.now });
      grants.push({ role: grant.role, regionCode: grant.regionCode, stationId: grant.stationId });
    }
    const after = { username: input.username, displayName: input.displayName, grants };
    await recordAudit(trx, {
      actor: input.actor,
      action: 'account.created',
      entityType: 'account',
      entityId: id,
      regionCode: grants[0]?.regionCode ?? null,
      after,
      requestId: input.requestId ?? null,
      now: input.now,
    });
    return { id, ...after };
  });
}

export async function changePassword(
  db: Kysely<Database>,
  input: {
    accountId: string;
    currentPassword: string;
    newPassword: string;
    keepSessionId: string | null;
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<void> {
  const account = await db
    .selectFrom('accounts')
    .select(['password_hash', 'username', 'display_name'])
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, input.currentPassword)))
    throw new AppError('WRONG_PASSWORD');
  if (input.newPassword === input.currentPassword) throw new AppError('WEAK_PASSWORD');
  await assertAcceptablePassword(input.newPassword, [account.username, account.display_name]);
  const newHash = await hashPassword(input.newPassword);
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        password_hash: newHash,
        password_changed_at: nowIso,
        updated_at: nowIso,
        must_change_password: 0,
      })
      .where('id', '=', input.accountId)
      .execute();
    // Every other session of the account ends: a changed password locks out whoever knew the old one.
    let revoke = trx
      .updateTable('sessions')
      .set({ revoked_at: nowIso })
      .where('account_id', '=', input.accountId)
      .where('revoked_at', 'is', null);
    if (input.keepSessionId) revoke = revoke.where('id', '!=', input.keepSessionId);
    await revoke.execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'account.password_changed',
      entityType: 'account',
      entityId: input.accountId,
      requestId: input.requestId,
      now: input.now,
    });
  });
}

export async function updatePreferences(
  db: Kysely<Database>,
  input: {
    accountId: string;
    changes: Partial<AccountPreferences>;
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<AccountPreferences> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('accounts')
      .select('preferences')
      .where('id', '=', input.accountId)
      .executeTakeFirstOrThrow();
    const before = parsePreferences(row.preferences);
    const after = { ...before, ...input.changes };
    await trx
      .updateTable('accounts')
      .set({ preferences: JSON.stringify(after), updated_at: input.now.toISOString() })
      .where('id', '=', input.accountId)
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'account.preferences_changed',
      entityType: 'account',
      entityId: input.accountId,
      before,
      after,
      requestId: input.requestId,
      now: input.now,
    });
    return after;
  });
}
