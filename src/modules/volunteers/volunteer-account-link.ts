/**
 * Issue #15 point 4: a volunteer record and an account, linked both ways. A volunteer registered by
 * staff has no account, so they could never earn hours: self-registering later was refused as
 * already registered and `/volunteers/me` stayed empty.
 *
 * - Staff (centre staff, administrators) in scope of the volunteer's home region link an account to
 *   the record, or unlink it.
 * - The person claims their own record: an account whose phone is verified (SMS-code login proves
 *   it; a station sets it when creating a phone login) takes the one unlinked record with that
 *   phone. Records keep phones encrypted without a lookup hash, so candidates are found by the
 *   masked phone and compared decrypted.
 *
 * Linking gives the account the volunteer role in the home town (as self-registration does), so
 * the person can sign up, check in and see their hours. One record per account, one account per
 * record — the unique index on vs_volunteers.account_id decides between parallel requests.
 * Every change is audited in its transaction.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { auditActor, authorize, type Actor, type Grant } from '../../shared/actor.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { normaliseMobile } from '../auth/account-phone.ts';
import { maskPhone } from '../residents/id-number.ts';
import { VS_STAFF } from './vs.scope.ts';

interface Meta {
  actor: Actor;
  requestId: string | null;
  now: Date;
}

async function volunteerRow(trx: Transaction<Database>, id: string) {
  const row = await trx
    .selectFrom('vs_volunteers')
    .select(['id', 'account_id', 'home_region_code', 'volunteer_number'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('VOLUNTEER_NOT_FOUND');
  return row;
}

/** The link itself: the record's account, and the volunteer role in the home town if missing. */
async function writeLink(
  trx: Transaction<Database>,
  input: { volunteerId: string; homeRegionCode: string; accountId: string; now: Date },
) {
  const has = await trx
    .selectFrom('vs_volunteers')
    .select('id')
    .where('account_id', '=', input.accountId)
    .executeTakeFirst();
  if (has) throw new AppError('VOLUNTEER_ALREADY_REGISTERED');
  const res = await trx
    .updateTable('vs_volunteers')
    .set({ account_id: input.accountId, updated_at: input.now.toISOString() })
    .where('id', '=', input.volunteerId)
    .where('account_id', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('VOLUNTEER_ACCOUNT_LINKED');
  const role = await trx
    .selectFrom('role_grants')
    .select('id')
    .where('account_id', '=', input.accountId)
    .where('role', '=', 'volunteer')
    .executeTakeFirst();
  if (!role)
    await trx
      .insertInto('role_grants')
      .values({
        id: crypto.randomUUID(),
        account_id: input.accountId,
        role: 'volunteer',
        region_code: townCodeOf(input.homeRegionCode),
        station_id: null,
        created_at: input.now.toISOString(),
      })
      .execute();
}

const uniqueAsTaken = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VOLUNTEER_ALREADY_REGISTERED');
    throw err;
  }
};

/** Staff link an account to a volunteer record in their scope. */
export async function linkVolunteerAccount(
  db: Kysely<Database>,
  input: Meta & { volunteerId: string; accountId: string },
): Promise<void> {
  await uniqueAsTaken(() =>
    db.transaction().execute(async (trx) => {
      const v = await volunteerRow(trx, input.volunteerId);
      const grant: Grant = authorize(input.actor, VS_STAFF, v.home_region_code);
      if (v.account_id) throw new AppError('VOLUNTEER_ACCOUNT_LINKED');
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'status'])
        .where('id', '=', input.accountId)
        .executeTakeFirst();
      if (!account) throw new AppError('VOLUNTEER_LINK_ACCOUNT_NOT_FOUND');
      await writeLink(trx, {
        volunteerId: v.id,
        homeRegionCode: v.home_region_code,
        accountId: account.id,
        now: input.now,
      });
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'volunteer.account_linked',
        entityType: 'vs_volunteer',
        entityId: v.id,
        regionCode: v.home_region_code,
        after: { accountId: account.id, by: 'staff' },
        requestId: input.requestId,
        now: input.now,
      });
    }),
  );
}

/** Staff unlink the record's account (the account keeps its grants; an administrator revokes them). */
export async function unlinkVolunteerAccount(
  db: Kysely<Database>,
  input: Meta & { volunteerId: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const v = await volunteerRow(trx, input.volunteerId);
    const grant = authorize(input.actor, VS_STAFF, v.home_region_code);
    if (!v.account_id) throw new AppError('VOLUNTEER_ACCOUNT_NOT_LINKED');
    await trx
      .updateTable('vs_volunteers')
      .set({ account_id: null, updated_at: input.now.toISOString() })
      .where('id', '=', v.id)
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'volunteer.account_unlinked',
      entityType: 'vs_volunteer',
      entityId: v.id,
      regionCode: v.home_region_code,
      before: { accountId: v.account_id },
      requestId: input.requestId,
      now: input.now,
    });
  });
}

/**
 * The caller claims the one unlinked volunteer record with their account's verified phone.
 * VOLUNTEER_CLAIM_NO_PHONE without a verified phone; VOLUNTEER_CLAIM_NONE when no record (or more
 * than one: staff must decide) has it; VOLUNTEER_ALREADY_REGISTERED when they already have one.
 */
export async function claimVolunteerRecord(
  deps: { db: Kysely<Database>; pii: PiiCipher },
  input: Meta,
): Promise<{ volunteerId: string }> {
  const { db, pii } = deps;
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'phone_cipher'])
    .where('id', '=', input.actor.accountId)
    .executeTakeFirstOrThrow();
  const mobile = account.phone_cipher ? normaliseMobile(pii.decrypt(account.phone_cipher)) : null;
  if (!mobile) throw new AppError('VOLUNTEER_CLAIM_NO_PHONE');
  return uniqueAsTaken(() =>
    db.transaction().execute(async (trx) => {
      const own = await trx
        .selectFrom('vs_volunteers')
        .select('id')
        .where('account_id', '=', account.id)
        .executeTakeFirst();
      if (own) throw new AppError('VOLUNTEER_ALREADY_REGISTERED');
      const candidates = await trx
        .selectFrom('vs_volunteers')
        .select(['id', 'phone_cipher', 'home_region_code'])
        .where('account_id', 'is', null)
        .where('phone_masked', '=', maskPhone(mobile))
        .execute();
      const matches = candidates.filter(
        (c) => c.phone_cipher && normaliseMobile(pii.decrypt(c.phone_cipher)) === mobile,
      );
      if (matches.length !== 1) throw new AppError('VOLUNTEER_CLAIM_NONE');
      const v = matches[0]!;
      await writeLink(trx, {
        volunteerId: v.id,
        homeRegionCode: v.home_region_code,
        accountId: account.id,
        now: input.now,
      });
      await recordAudit(trx, {
        actor: auditActor(input.actor),
        action: 'volunteer.account_linked',
        entityType: 'vs_volunteer',
        entityId: v.id,
        regionCode: v.home_region_code,
        after: { accountId: account.id, by: 'phone' },
        requestId: input.requestId,
        now: input.now,
      });
      return { volunteerId: v.id };
    }),
  );
}

/** What the volunteer registry's account dialog offers. */
export type VolunteerAccountAction = 'link' | 'unlink';

/**
 * The account linked to a volunteer record (or none), for centre staff in scope of its home
 * region, and what they may do: link one when none is linked, unlink the linked one.
 */
export async function volunteerAccountView(
  db: Kysely<Database>,
  input: { actor: Actor; volunteerId: string },
) {
  const v = await db
    .selectFrom('vs_volunteers')
    .select(['id', 'account_id', 'home_region_code'])
    .where('id', '=', input.volunteerId)
    .executeTakeFirst();
  if (!v) throw new AppError('VOLUNTEER_NOT_FOUND');
  authorize(input.actor, VS_STAFF, v.home_region_code);
  const account = v.account_id
    ? await db
        .selectFrom('accounts')
        .select(['id', 'username', 'display_name', 'phone_masked', 'status'])
        .where('id', '=', v.account_id)
        .executeTakeFirst()
    : undefined;
  const availableActions: VolunteerAccountAction[] = v.account_id ? ['unlink'] : ['link'];
  return {
    volunteerId: v.id,
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
