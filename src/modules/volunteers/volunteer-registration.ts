/** VS-1 real-name registration of a volunteer: by themself, by centre staff in scope, or by the seed. */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Transaction } from 'kysely';
import type { Database, VsVolunteerTable } from '../../db/schema.ts';
import {
  auditActor,
  authorize,
  isSystemActor,
  type Grant,
  personOf,
  type Caller,
} from '../../shared/actor.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { nextCounter } from '../cases/case.repo.ts';
import { maskIdNumber, maskPhone, parseIdNumber } from '../residents/id-number.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { ageOn, ageProblem, chinaDate } from './volunteer.age.ts';
import type { GuardianConsentInput, SelfRegistration } from './volunteers.schema.ts';
import {
  assertServiceRegions,
  auditSafe,
  volunteerView,
  type StoredConsent,
  type VolunteerDeps,
} from './volunteers.service.ts';
import { regionInfo, VS_STAFF } from './vs.scope.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';

type Registration = z.infer<typeof SelfRegistration>;

function storedConsent(
  pii: PiiCipher,
  c: z.infer<typeof GuardianConsentInput>,
  now: Date,
): StoredConsent {
  return {
    guardianName: c.guardianName,
    relation: c.relation,
    guardianPhoneCipher: pii.encrypt(c.guardianPhone),
    guardianPhoneMasked: maskPhone(c.guardianPhone),
    method: c.method,
    recordedAt: c.recordedAt ? new Date(c.recordedAt).toISOString() : now.toISOString(),
  };
}

type RegistrationInput = {
  body: Registration;
  mode: 'self' | 'staff' | 'seed';
  actor: Caller;
  /** For mode 'seed': the account to link (or none). */
  accountId?: string | null;
  isDemo?: boolean;
  id?: string;
  requestId: string | null;
  now: Date;
};

/**
 * Registers a volunteer under their real name and ID (VS-1). `mode: 'self'` links the caller's
 * account and grants it the `volunteer` role (over the town of the home region) if it lacks one;
 * `mode: 'staff'` is centre staff registering someone in their scope. The seed passes
 * `mode: 'seed'` with an account id and no actor.
 */
export async function registerVolunteer(deps: VolunteerDeps, input: RegistrationInput) {
  try {
    return await deps.db.transaction().execute((trx) => registerVolunteerIn(trx, deps.pii, input));
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VOLUNTEER_ALREADY_REGISTERED');
    throw err;
  }
}

/**
 * The registration inside the caller's transaction (an import registers every row in one): the
 * ID number by GB 11643, the age and guardian-consent rules, one record per ID number and account,
 * the ID hashed and encrypted, the audit event. `mode: 'staff'` with a system caller (the
 * operator's CLI import) records no registering account.
 */
export async function registerVolunteerIn(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: RegistrationInput,
) {
  const { body, now } = input;
  let grant: Grant | undefined;
  if (input.mode === 'staff' && !isSystemActor(input.actor))
    grant = authorize(input.actor, VS_STAFF, body.homeRegionCode);
  const registeredBy = isSystemActor(input.actor) ? null : personOf(input.actor).accountId;
  const accountId =
    input.mode === 'self'
      ? personOf(input.actor).accountId
      : input.mode === 'seed'
        ? (input.accountId ?? null)
        : null;
  const today = chinaDate(now);
  const parsed = parseIdNumber(body.idNumber, today);
  if (!parsed.ok) throw new AppError(parsed.problem);
  const age = ageProblem(parsed.birthDate, today, body.guardianConsent);
  if (age) throw new AppError(age);
  const isMinor = ageOn(parsed.birthDate, today) < 18;
  if (
    isMinor &&
    body.guardianConsent?.recordedAt &&
    new Date(body.guardianConsent.recordedAt) > now
  )
    throw new AppError('VOLUNTEER_CONSENT_DATE_INVALID');
  const idHash = pii.lookupHash(parsed.value);
  const home = await regionInfo(trx, body.homeRegionCode);
  if (!['town', 'village', 'grid'].includes(home.level))
    throw new AppError('VOLUNTEER_REGION_INVALID');
  await assertServiceRegions(trx, body.serviceRegionCodes);
  const dup = await trx
    .selectFrom('vs_volunteers')
    .select('id')
    .where((eb) =>
      accountId
        ? eb.or([eb('id_hash', '=', idHash), eb('account_id', '=', accountId)])
        : eb('id_hash', '=', idHash),
    )
    .executeTakeFirst();
  if (dup) throw new AppError('VOLUNTEER_ALREADY_REGISTERED');
  const district = body.homeRegionCode.slice(0, 6);
  const seq = await nextCounter(trx, `vs_volunteer:${district}`);
  const nowIso = now.toISOString();
  const row: VsVolunteerTable = {
    id: input.id ?? crypto.randomUUID(),
    volunteer_number: `V${district}${String(seq).padStart(6, '0')}`,
    account_id: accountId,
    full_name: body.fullName,
    sex: parsed.sex,
    birth_date: parsed.birthDate,
    id_hash: idHash,
    id_cipher: pii.encrypt(parsed.value),
    id_masked: maskIdNumber(parsed.value),
    phone_cipher: body.phone ? pii.encrypt(body.phone) : null,
    phone_masked: body.phone ? maskPhone(body.phone) : null,
    home_region_code: body.homeRegionCode,
    skills: JSON.stringify(body.skills),
    service_region_codes: JSON.stringify(
      body.serviceRegionCodes.length > 0 ? body.serviceRegionCodes : [body.homeRegionCode],
    ),
    availability: JSON.stringify(body.availability),
    guardian_consent:
      isMinor && body.guardianConsent
        ? JSON.stringify(storedConsent(pii, body.guardianConsent, now))
        : null,
    status: 'active',
    registered_by: input.mode === 'seed' ? accountId : registeredBy,
    is_demo: input.isDemo ? 1 : 0,
    created_at: nowIso,
    updated_at: nowIso,
  };
  await trx.insertInto('vs_volunteers').values(row).execute();
  if (accountId) {
    const has = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('account_id', '=', accountId)
      .where('role', '=', 'volunteer')
      .executeTakeFirst();
    if (!has) {
      await trx
        .insertInto('role_grants')
        .values({
          id: crypto.randomUUID(),
          account_id: accountId,
          role: 'volunteer',
          region_code: townCodeOf(body.homeRegionCode),
          station_id: null,
          created_at: nowIso,
        })
        .execute();
    }
  }
  await recordAudit(trx, {
    actor: auditActor(input.actor, grant),
    action: 'volunteer.registered',
    entityType: 'vs_volunteer',
    entityId: row.id,
    regionCode: row.home_region_code,
    after: { ...auditSafe(row), mode: input.mode },
    requestId: input.requestId,
    now,
  });
  return volunteerView({ ...row, home_region_name: home.name }, now);
}
