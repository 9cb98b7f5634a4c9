/**
 * Issue #14 point 3 (GS-10): a station creates a resident's own login at the window — a phone
 * account (SMS code login, no password anyone knows) with the `resident` role, linked to the
 * resident record, so they can file online and see their own cases. Audited as account.created.
 * The phone is stored like every account phone: encrypted, a keyed hash (unique), a masked copy.
 * One login per resident, also under parallel requests: a unique index on accounts.resident_id
 * (migration 0032) decides, and the loser gets RESIDENT_LOGIN_EXISTS.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordIdempotentAnswer } from '../../shared/idempotency-commit.ts';
import { AppError } from '../../shared/problem.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { maskMobile } from '../../shared/personal-numbers.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { normaliseMobile, phoneLookupHash } from '../auth/account-phone.ts';
import { DEFAULT_PREFERENCES } from '../auth/account.stored.ts';
import { hashPassword } from '../auth/password.ts';
import { residentGrant } from './residents.scope.ts';

/** Who links a resident's login at the window. */
export const ACCOUNT_LINKERS = ['admin', 'town_officer', 'clerk'] as const;

export async function createResidentLogin(
  deps: { db: Kysely<Database>; pii: PiiCipher },
  input: { residentId: string; phone: string; actor: Actor; requestId: string; now: Date },
) {
  const { db, pii } = deps;
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'full_name', 'home_region_code'])
    .where('id', '=', input.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  const grant = await residentGrant(db, {
    actor: input.actor,
    roles: ACCOUNT_LINKERS,
    resident,
    now: input.now,
  });
  const mobile = normaliseMobile(input.phone);
  if (!mobile) throw new AppError('RESIDENT_LOGIN_PHONE_INVALID');
  // Nobody knows this password: the login is by SMS code to the phone.
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
  const id = crypto.randomUUID();
  const nowIso = input.now.toISOString();
  const phoneMasked = maskMobile(mobile);
  const answer = { accountId: id, residentId: resident.id, phoneMasked };
  try {
    await db.transaction().execute(async (trx) => {
      const linked = await trx
        .selectFrom('accounts')
        .select('id')
        .where('resident_id', '=', resident.id)
        .executeTakeFirst();
      if (linked) throw new AppError('RESIDENT_LOGIN_EXISTS');
      await trx
        .insertInto('accounts')
        .values({
          id,
          username: `r-${id.slice(0, 8)}${id.slice(9, 13)}`,
          display_name: resident.full_name,
          password_hash: passwordHash,
          status: 'active',
          resident_id: resident.id,
          preferences: JSON.stringify(DEFAULT_PREFERENCES),
          is_demo: 0,
          password_changed_at: nowIso,
          created_at: nowIso,
          updated_at: nowIso,
          phone_cipher: pii.encrypt(mobile),
          phone_hash: phoneLookupHash(pii, mobile),
          phone_masked: phoneMasked,
        })
        .execute();
      await trx
        .insertInto('role_grants')
        .values({
          id: crypto.randomUUID(),
          account_id: id,
          role: 'resident',
          region_code: resident.home_region_code,
          station_id: null,
          created_at: nowIso,
        })
        .execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'account.created',
        entityType: 'account',
        entityId: id,
        regionCode: resident.home_region_code,
        after: {
          residentId: resident.id,
          phoneMasked,
          grants: [{ role: 'resident', regionCode: resident.home_region_code, stationId: null }],
        },
        requestId: input.requestId,
        now: input.now,
      });
      // The answer is kept with the account in one commit: a retry (or a parallel request) under
      // the same Idempotency-Key gets it replayed, never a 409 (no GET rebuilds it).
      await recordIdempotentAnswer(trx, { status: 201, body: answer, now: input.now });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Two unique indexes: one login per resident (a parallel request won the race), and the
    // phone's keyed hash (another account already logs in with it). Which one, the rows say.
    const won = await db
      .selectFrom('accounts')
      .select('id')
      .where('resident_id', '=', resident.id)
      .executeTakeFirst();
    throw new AppError(won ? 'RESIDENT_LOGIN_EXISTS' : 'RESIDENT_LOGIN_PHONE_TAKEN');
  }
  return answer;
}
