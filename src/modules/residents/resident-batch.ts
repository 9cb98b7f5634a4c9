/**
 * Residents in bulk (issue #15 point 3): the registry's own writes for an import, inside the
 * caller's transaction — the ID number lookup-hashed and encrypted, the phone encrypted, the masks
 * kept — so an importer never touches the residents table itself. The per-row rules are the same
 * as registering one resident (GB 11643, village level, one registration per ID number).
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type { Database, Resident } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { maskIdNumber, maskPhone } from './id-number.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

export interface RegisteredByHash {
  id: string;
  idHash: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  address: string;
}

/** The keyed lookup hash of a valid, normalised ID number. */
export function residentIdHash(pii: PiiCipher, idNumber: string): string {
  return pii.lookupHash(idNumber);
}

/** The registered residents among these ID hashes, phones decrypted for comparison. */
export async function residentsByIdHash(
  db: Db,
  pii: PiiCipher,
  hashes: readonly string[],
): Promise<Map<string, RegisteredByHash>> {
  const found = new Map<string, RegisteredByHash>();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const rows = await db
      .selectFrom('residents')
      .select(['id', 'id_hash', 'full_name', 'phone_cipher', 'home_region_code', 'address'])
      .where('id_hash', 'in', hashes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      found.set(r.id_hash, {
        id: r.id,
        idHash: r.id_hash,
        fullName: r.full_name,
        phone: r.phone_cipher ? pii.decrypt(r.phone_cipher) : null,
        homeRegionCode: r.home_region_code,
        address: r.address,
      });
  }
  return found;
}

export interface ResidentToRegister {
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  address: string;
}

/** Registers many residents in the caller's transaction; returns their ids in order. */
export async function insertResidents(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: { residents: readonly ResidentToRegister[]; stationId: string | null; now: Date },
): Promise<string[]> {
  const nowIso = input.now.toISOString();
  const ids: string[] = [];
  for (let i = 0; i < input.residents.length; i += CHUNK) {
    const rows: Resident[] = input.residents.slice(i, i + CHUNK).map((r) => {
      const id = crypto.randomUUID();
      ids.push(id);
      return {
        id,
        full_name: r.fullName,
        sex: r.sex,
        birth_date: r.birthDate,
        id_hash: pii.lookupHash(r.idNumber),
        id_cipher: pii.encrypt(r.idNumber),
        id_masked: maskIdNumber(r.idNumber),
        phone_cipher: r.phone ? pii.encrypt(r.phone) : null,
        phone_masked: r.phone ? maskPhone(r.phone) : null,
        home_region_code: r.homeRegionCode,
        address: r.address,
        registered_station_id: input.stationId,
        is_demo: 0,
        created_at: nowIso,
        updated_at: nowIso,
      };
    });
    await bulkInsert(trx, 'residents', rows);
  }
  return ids;
}

export interface ResidentUpdate {
  id: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  address: string;
}

/** Updates registered residents' name, phone, village and address in the caller's transaction. */
export async function updateResidents(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: { residents: readonly ResidentUpdate[]; now: Date },
): Promise<void> {
  const nowIso = input.now.toISOString();
  for (const r of input.residents)
    await trx
      .updateTable('residents')
      .set({
        full_name: r.fullName,
        phone_cipher: r.phone ? pii.encrypt(r.phone) : null,
        phone_masked: r.phone ? maskPhone(r.phone) : null,
        home_region_code: r.homeRegionCode,
        address: r.address,
        updated_at: nowIso,
      })
      .where('id', '=', r.id)
      .execute();
}
