import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, Resident } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  reachPrefixes,
  standingIn,
  type Actor,
  isSystemActor,
  type Caller,
} from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';
import { RESIDENT_READERS, RESIDENT_REGISTRARS } from '../../shared/roles.ts';
import { maskIdNumber, maskPhone, parseIdNumber } from './id-number.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import type { NewResident } from './residents.schema.ts';
import { residentGrant, residentReach } from './residents.scope.ts';
import { underPrefix } from '../../shared/region-range.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { hotQuery } from '../../db/hot-query.ts';

export interface ResidentDeps {
  db: Kysely<Database>;
  pii: PiiCipher;
}

/** The columns a view needs: never the ciphertexts or the lookup hash. */
const VIEW_COLUMNS = [
  'p.id',
  'p.full_name',
  'p.sex',
  'p.birth_date',
  'p.id_masked',
  'p.phone_masked',
  'p.home_region_code',
  'p.address',
  'p.registered_station_id',
  'p.created_at',
] as const;

type ResidentViewRow = Pick<
  Resident,
  | 'id'
  | 'full_name'
  | 'sex'
  | 'birth_date'
  | 'id_masked'
  | 'phone_masked'
  | 'home_region_code'
  | 'address'
  | 'registered_station_id'
  | 'created_at'
> & { home_region_name: string };

export function residentView(r: ResidentViewRow) {
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    birthDate: r.birth_date,
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    homeRegionCode: r.home_region_code,
    homeRegionName: r.home_region_name,
    address: r.address,
    registeredStationId: r.registered_station_id,
    createdAt: r.created_at,
  };
}

function residentsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('residents as p')
    .innerJoin('regions as r', 'r.code', 'p.home_region_code')
    .select(VIEW_COLUMNS)
    .select('r.name as home_region_name');
}

/** The lookup by ID number (the window's hottest read), compiled once. */
const byIdHash = hotQuery((db: Kysely<Database>, p: { idHash: string }) =>
  residentsQuery(db).where('p.id_hash', '=', p.idHash),
);

/** The audited registration record never holds the full ID number or phone. */
function auditSafe(r: Resident) {
  return {
    id: r.id,
    fullName: r.full_name,
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    homeRegionCode: r.home_region_code,
    address: r.address,
  };
}

export function validIdNumberOrThrow(raw: string, now: Date): string {
  const parsed = parseIdNumber(raw, now.toISOString().slice(0, 10));
  if (!parsed.ok) throw new AppError(parsed.problem);
  return parsed.value;
}

export async function registerResident(
  deps: ResidentDeps,
  input: {
    resident: z.infer<typeof NewResident>;
    actor: Caller;
    isDemo?: boolean;
    requestId: string | null;
    now: Date;
  },
) {
  const { resident } = input;
  const grant = isSystemActor(input.actor)
    ? undefined
    : authorize(input.actor, RESIDENT_REGISTRARS, resident.homeRegionCode);
  const parsed = parseIdNumber(resident.idNumber, input.now.toISOString().slice(0, 10));
  if (!parsed.ok) throw new AppError(parsed.problem);
  const idHash = deps.pii.lookupHash(parsed.value);
  return deps.db.transaction().execute(async (trx) => {
    const region = await trx
      .selectFrom('regions')
      .select(['level', 'name'])
      .where('code', '=', resident.homeRegionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION', { detail: resident.homeRegionCode });
    if (region.level !== 'village' && region.level !== 'grid')
      throw new AppError('REGION_NOT_VILLAGE');
    const dup = await trx
      .selectFrom('residents')
      .select('home_region_code')
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (dup) {
      // Inside the caller's reach the clerk can look the person up; outside it, say only that the
      // person is registered elsewhere and what to do (a move between towns is the district's call).
      const reach = isSystemActor(input.actor)
        ? ['']
        : reachPrefixes(input.actor, RESIDENT_READERS);
      const visible = reach.some((p) => dup.home_region_code.startsWith(p));
      throw new AppError(visible ? 'RESIDENT_EXISTS' : 'RESIDENT_REGISTERED_ELSEWHERE');
    }
    const nowIso = input.now.toISOString();
    const row: Resident = {
      id: crypto.randomUUID(),
      full_name: resident.fullName,
      sex: parsed.sex,
      birth_date: parsed.birthDate,
      id_hash: idHash,
      id_cipher: deps.pii.encrypt(parsed.value),
      id_masked: maskIdNumber(parsed.value),
      phone_cipher: resident.phone ? deps.pii.encrypt(resident.phone) : null,
      phone_masked: resident.phone ? maskPhone(resident.phone) : null,
      home_region_code: resident.homeRegionCode,
      address: resident.address,
      registered_station_id: grant?.stationId ?? null,
      is_demo: input.isDemo ? 1 : 0,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('residents').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'resident.registered',
      entityType: 'resident',
      entityId: row.id,
      regionCode: row.home_region_code,
      after: auditSafe(row),
      requestId: input.requestId,
      now: input.now,
    });
    return residentView({ ...row, home_region_name: region.name });
  });
}

/** One resident (masked): staff in reach; an agent only under a live authorization (GS-6). */
export async function getResident(
  deps: ResidentDeps,
  input: { id: string; actor: Actor; now: Date },
) {
  const row = await residentsQuery(deps.db).where('p.id', '=', input.id).executeTakeFirst();
  if (!row) throw new AppError('RESIDENT_NOT_FOUND');
  await residentGrant(deps.db, {
    actor: input.actor,
    roles: RESIDENT_READERS,
    resident: row,
    now: input.now,
  });
  return residentView(row);
}

/**
 * Exact lookup by ID number through the keyed hash. A resident outside the caller's scope is
 * reported as not found, so the lookup does not tell who is registered elsewhere. An agent holding
 * the number of someone in reach who has not authorized them is told so (registering would say
 * the same: the person exists), and sees nothing of them.
 */
export async function lookupResident(
  deps: ResidentDeps,
  input: { idNumber: string; actor: Actor; now: Date },
) {
  const value = validIdNumberOrThrow(input.idNumber, input.now);
  const row = await byIdHash.first(deps.db, { idHash: deps.pii.lookupHash(value) });
  if (!row || standingIn(input.actor, RESIDENT_READERS, row.home_region_code) === 'none')
    throw new AppError('RESIDENT_NOT_FOUND');
  await residentGrant(deps.db, {
    actor: input.actor,
    roles: RESIDENT_READERS,
    resident: row,
    now: input.now,
  });
  return residentView(row);
}

export interface ResidentListFilter {
  actor: Actor;
  q?: string | undefined;
  regionCode?: string | undefined;
  now: Date;
}

/** The residents a filter selects in the caller's reach (unordered, unpaged). */
export async function filteredResidents(deps: ResidentDeps, input: ResidentListFilter) {
  // Filtered in SQL: staff's whole reach; an agent's reach only where the resident authorized them.
  const reach = residentReach(deps.db, input.actor, RESIDENT_READERS, input.now);
  let q = residentsQuery(deps.db).where((eb) =>
    eb.or([
      ...reach.region.map((p) => underPrefix('p.home_region_code', p)),
      ...reach.party.map((p) =>
        eb.and([underPrefix('p.home_region_code', p), eb('p.id', 'in', reach.authorized)]),
      ),
    ]),
  );
  if (input.regionCode) {
    const region = await deps.db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', input.regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION');
    q = q.where(
      underPrefix('p.home_region_code', region.code.slice(0, LEVEL_PREFIX_LENGTH[region.level])),
    );
  }
  // A name part, or the last four digits of the phone (matched on the masked copy, e.g. a
  // walk-in at the queue who says "my number ends in 1234"); full numbers are never searched.
  const text = input.q;
  if (text && /^\d{4}$/.test(text))
    q = q.where((eb) => likeText(eb, 'p.phone_masked', text, 'suffix'));
  else if (text) q = q.where((eb) => likeText(eb, 'p.full_name', text));
  return q;
}

/** Residents in reach by home region, then name, then id (the keyset list orders the same way). */
export async function listResidents(
  deps: ResidentDeps,
  input: ResidentListFilter & { limit: number; offset: number },
) {
  const q = await filteredResidents(deps, input);
  const rows = await q
    .orderBy('p.home_region_code')
    .orderBy('p.full_name')
    .orderBy('p.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map(residentView);
}

/**
 * Shows the full ID number and phone: needs a reason and writes an audit event; an agent
 * only for a resident who authorized them (GS-6).
 */
export async function revealResident(
  deps: ResidentDeps,
  input: { id: string; reason: string; actor: Actor; requestId: string; now: Date },
) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!row) throw new AppError('RESIDENT_NOT_FOUND');
    const grant = await residentGrant(trx, {
      actor: input.actor,
      roles: RESIDENT_REGISTRARS,
      resident: row,
      now: input.now,
    });
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'resident.revealed',
      entityType: 'resident',
      entityId: row.id,
      regionCode: row.home_region_code,
      after: { reason: input.reason, fields: ['idNumber', 'phone'] },
      requestId: input.requestId,
      now: input.now,
    });
    return {
      idNumber: deps.pii.decrypt(row.id_cipher),
      phone: row.phone_cipher ? deps.pii.decrypt(row.phone_cipher) : null,
    };
  });
}
